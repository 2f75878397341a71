import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const ALL_TESTS = [
  'electron/**/*.test.ts',
  'renderer/**/*.test.ts',
  'e2e/rig/**/*.test.ts',
  'e2e/visible-text-check.test.ts',
  'centre/**/*.test.ts',
];

/**
 * Test files that start ffmpeg, the RTSP rig, Chromium or other child processes,
 * or hold a time budget that a busy machine could miss. They run one file at a
 * time, after the pure tests; electron/core/testing/test-projects.test.ts fails
 * when a file that spawns is missing here.
 */
export const INTEGRATION_TESTS = [
  'electron/core/district/nats-server-process.test.ts',
  'electron/core/district/nats-link.test.ts',
  'renderer/playback/engine/ranged-seek.test.ts',
  'electron/core/playback/ranged-seek-route.test.ts',
  'electron/core/export/fragment-mp4.test.ts',
  'e2e/rig/rig.test.ts',
  'electron/core/app/bad-input.fuzz.test.ts',
  'electron/core/app/data-folder-lock.test.ts',
  'electron/core/app/process-guards.test.ts',
  'electron/core/app/station-core.test.ts',
  'electron/core/cameras/probe.test.ts',
  'electron/core/export/export-job.test.ts',
  'electron/core/outages/camera-health.test.ts',
  'electron/core/export/export-report-html.test.ts',
  'electron/core/export/export-report-pdf.test.ts',
  'electron/core/export/export-service.test.ts',
  'electron/core/export/offline-player-html.test.ts',
  'electron/core/onvif/onvif-device-service.int.test.ts',
  'electron/core/export/open-segment-stage.test.ts',
  'electron/core/export/remux-clip.test.ts',
  'electron/core/playback/recording-routes.test.ts',
  'electron/core/playback/transcode-route.test.ts',
  'electron/core/recording/fmp4-scan.test.ts',
  'electron/core/recording/keyframe-filing.test.ts',
  'electron/core/recording/keyframe-recording.test.ts',
  'electron/core/recording/open-segment.test.ts',
  'electron/core/recording/open-segments.test.ts',
  'electron/core/recording/power-cycling-camera.test.ts',
  'electron/core/recording/reconciler.test.ts',
  'electron/core/recording/recording-service.test.ts',
  'electron/core/recording/storage-roots.test.ts',
  'electron/core/tamper/grey-png.test.ts',
  'electron/core/tamper/tamper-rig.test.ts',
  'electron/core/tamper/tamper-watch.test.ts',
  'electron/core/reports/handover-pdf.test.ts',
  'electron/core/reports/report-routes.test.ts',
  'electron/core/service/service-locator.test.ts',
  'electron/core/storage/storage-folder.test.ts',
  'electron/core/streams/child-pid-file.test.ts',
  'electron/core/streams/ffmpeg-dialect.test.ts',
  'electron/core/streams/ffmpeg-supervisor.test.ts',
  'electron/core/streams/fmp4-splitter.test.ts',
  'electron/core/streams/live-args.test.ts',
  'electron/core/streams/live-hub.test.ts',
  'electron/core/streams/process-tree.test.ts',
  'electron/main/console-app.test.ts',
  'electron/main/linux-service.test.ts',
  'electron/main/main-bundle.test.ts',
  'electron/main/windows-packaging.test.ts',
  'electron/service/packaged-layout.test.ts',
  'electron/service/station-service.test.ts',
  'renderer/playback/engine/fmp4-layout.test.ts',
  'renderer/playback/engine/segment-player.test.ts',
  'centre/hub/pki.test.ts',
  'centre/hub/hub-config.test.ts',
  'centre/centre.int.test.ts',
  // Time budgets: query speed and heartbeat timing.
  'electron/core/playback/timeline-query.test.ts',
  'electron/core/recording/recording-index.test.ts',
  'electron/core/rpc/rpc.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ALL_TESTS,
          exclude: INTEGRATION_TESTS,
          // Pure tests wait mostly on SQLite and sockets: two workers even on 2 cores.
          maxWorkers: Math.max(2, availableParallelism()),
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION_TESTS,
          // Real ffmpeg and RTSP processes: one file at a time on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
