// Playback of H.265 footage in Debian's Chromium, which has no HEVC decoder: the
// renderer finds it cannot decode the recorded codec and plays the core's H.264
// transcode (/recordings/h264/<id>) at the recorded wall-clock times. Footage is
// recorded by the real core from the RTSP rig's H.265 mount (4 s segments).
import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { jumpTo, stationParts } from './playback-jump';

/**
 * How far before a sought time the frame on screen may be: one frame (40 ms) plus the
 * rig camera's jitter (frames reach the recorder bunched under load). A wrong placement
 * of the transcoded media would be off by a GOP or by seconds.
 */
const JITTER_MS = 200;

interface CameraStats {
  state: string;
  frameWallMs: number | null;
  decodedFrames: number;
  errorKey?: string;
}
const camera = async (page: Page): Promise<CameraStats> =>
  page.evaluate(
    () =>
      (window as unknown as { __playbackStats: () => { cameras: CameraStats[] } }).__playbackStats()
        .cameras[0]!,
  );

/** Transcoding ffmpeg processes reading this station's footage. */
function transcodes(dataDir: string): number {
  let n = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd.includes('libx264') && cmd.some((a) => a.startsWith(dataDir))) n++;
    } catch {
      /* exited while listed */
    }
  }
  return n;
}

test.describe('playback of H.265 footage without an HEVC decoder', () => {
  test.use({ rigOptions: { h265: ['cam5'] }, segmentSeconds: 4 });

  test('plays through the H.264 transcode: the right time, frames advance, seek, frame step, 8×', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(180_000);
    const cam = await station.api.cameras.add({ name: 'Cổng chợ H.265', mainUrl: rig.url('cam5') });
    await station.open(page);
    // The premise: this Chromium cannot decode the recorded codec.
    expect(
      await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"')),
    ).toBe(false);
    const transcodeRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/recordings/h264/')) transcodeRequests.push(r.url());
    });
    await expect(page.getByTestId('tile-0').getByTestId('tile-rec')).toHaveAttribute(
      'data-recording',
      'true',
      { timeout: 30_000 },
    );
    let recordings: { startMs: number; endMs: number }[] = [];
    await expect
      .poll(
        async () => {
          recordings = (
            await station.api.recordings.timeline({
              cameraId: cam.id,
              from: Date.now() - 10 * 60_000,
              to: Date.now(),
            })
          ).recordings;
          return recordings.length;
        },
        { timeout: 60_000, intervals: [1000] },
      )
      .toBeGreaterThanOrEqual(8);

    const tile = page.getByTestId('tile-0');
    await tile.hover();
    await tile.getByTestId('tile-playback').click();
    await expect(page.getByTestId('playback-view')).toBeVisible();

    // A seek into the second segment, past its first keyframe (on a whole second, as the
    // jump-to-time fields take): the frame of that time shows.
    const target = Math.ceil((recordings[1]!.startMs + 2_300) / 1000) * 1000;
    await jumpTo(page, target);
    await expect
      .poll(async () => Math.abs(((await camera(page)).frameWallMs ?? 0) - target), {
        timeout: 20_000,
      })
      .toBeLessThanOrEqual(JITTER_MS);
    const shown = await camera(page);
    // The frame on screen for a time is the last one at or before it.
    expect(shown.frameWallMs!).toBeLessThanOrEqual(target + 1);
    expect(shown.state, JSON.stringify(shown)).not.toBe('error');
    expect(transcodeRequests.length).toBeGreaterThan(0);
    // The tile shows that wall-clock time (station time, to the second).
    await expect(page.getByTestId('playback-frame-time')).toContainText(
      stationParts(shown.frameWallMs!).time,
    );

    // Frame step forward: one frame interval (25 fps) later.
    await page.getByTestId('playback-step-forward').click();
    await expect
      .poll(async () => ((await camera(page)).frameWallMs ?? 0) - shown.frameWallMs!)
      .toBeGreaterThan(20);
    expect(((await camera(page)).frameWallMs ?? 0) - shown.frameWallMs!).toBeLessThan(80);

    // Play: frames advance with the clock, across the next segment boundary.
    const before = await camera(page);
    await page.getByTestId('playback-play').click();
    await page.waitForTimeout(5_000);
    const after = await camera(page);
    expect(after.state, JSON.stringify(after)).toBe('playing');
    expect(after.decodedFrames - before.decodedFrames).toBeGreaterThan(50);
    expect(after.frameWallMs! - before.frameWallMs!).toBeGreaterThan(3_500);
    expect(after.frameWallMs!).toBeGreaterThan(recordings[2]!.startMs);

    // A seek back before the first transcode's start: a new transcode, that frame shows.
    await page.getByTestId('playback-pause').click();
    // On a whole second: the jump-to-time fields take seconds.
    const back = Math.ceil((recordings[1]!.startMs + 300) / 1000) * 1000;
    await jumpTo(page, back);
    await expect
      .poll(async () => Math.abs(((await camera(page)).frameWallMs ?? 0) - back), {
        timeout: 20_000,
      })
      .toBeLessThanOrEqual(JITTER_MS);
    expect((await camera(page)).frameWallMs!).toBeLessThanOrEqual(back + 1);
    await page.getByTestId('playback-play').click();

    // 8×: transcodes restart at the clock when they fall behind, so the picture keeps up in jumps.
    await page.getByTestId('playback-rate').click();
    await page.getByTestId('playback-rate-8').click();
    await expect(page.getByTestId('playback-rate')).toHaveAttribute('data-rate', '8');
    const fast0 = await camera(page);
    await page.waitForTimeout(2_000);
    const fast1 = await camera(page);
    expect(fast1.state, JSON.stringify(fast1)).toBe('playing');
    // 16 s of media asked in 2 s; more than 6 s shown means far beyond real time.
    expect(fast1.frameWallMs! - fast0.frameWallMs!).toBeGreaterThan(6_000);
    await page.getByTestId('playback-pause').click();
    await page.screenshot({ path: 'e2e/artifacts/playback-hevc.png' });

    // Leaving playback stops every transcode (the ffmpeg ends with its request).
    await page.getByTestId('playback-live').click();
    await expect.poll(() => transcodes(station.dataDir), { timeout: 10_000 }).toBe(0);
  });
});
