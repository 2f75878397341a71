// Playback at the product's defaults (60 s segments) with ward-like footage:
// 704×576, 12.5 fps, a 4 s GOP, made by ffmpeg with the recorder's own segment
// muxer flags and indexed by the station's reconciliation walk. Plays 150 s at 1×
// across segment boundaries from the second half of a segment and counts the frames
// the playback <video> presents (requestVideoFrameCallback) against the source's.
// Short test segments hid a stall that began 30 s into every minute.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openStationDb } from '../electron/core/db/open-station-db';
import { expect, startStation, test } from './fixtures';
import { seedWardFootage, WARD_FPS } from './playback-seed';

const SEGMENT_SECONDS = 60;
const FOOTAGE_SECONDS = 210;
const PLAY_SECONDS = 150;

interface FrameLog {
  /** Frames presented (requestVideoFrameCallback's presentedFrames, first to last callback). */
  presented: number;
  /** Distinct frames a callback saw (a busy page may present several between two callbacks). */
  frames: number;
  firstMedia: number;
  lastMedia: number;
  maxGapMs: number;
  stalls: { atMedia: number; gapMs: number }[];
  /** Jumps over source frames: [media time, frames skipped], the largest first. */
  skips: [number, number][];
  dropped: number;
}

/** Starts counting presented frames of the camera's playback <video>. */
async function countFrames(page: Page, cameraId: string): Promise<void> {
  await page.evaluate((id) => {
    const v = document.querySelector<HTMLVideoElement>(
      `[data-testid="playback-player-${id}"] video`,
    );
    if (!v) throw new Error('no playback video');
    const seen = new Set<number>();
    const log = {
      presented: 0,
      frames: 0,
      firstMedia: -1,
      lastMedia: -1,
      maxGapMs: 0,
      stalls: [] as unknown[],
    };
    let firstPresented = -1;
    let last: number | null = null;
    const w = window as unknown as {
      __frameLog: typeof log;
      __frameStop: boolean;
      __frameSeen: Set<number>;
      __frameVideo: HTMLVideoElement;
    };
    w.__frameLog = log;
    w.__frameSeen = seen;
    w.__frameVideo = v;
    w.__frameStop = false;
    const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
      if (w.__frameStop) return;
      const key = Math.round(meta.mediaTime * 1000);
      if (!seen.has(key)) {
        seen.add(key);
        log.frames = seen.size;
      }
      if (log.firstMedia < 0) log.firstMedia = meta.mediaTime;
      if (firstPresented < 0) firstPresented = meta.presentedFrames;
      log.presented = meta.presentedFrames - firstPresented + 1;
      log.lastMedia = Math.max(log.lastMedia, meta.mediaTime);
      if (last !== null) {
        const gap = now - last;
        log.maxGapMs = Math.max(log.maxGapMs, gap);
        if (gap > 1000) log.stalls.push({ atMedia: meta.mediaTime, gapMs: Math.round(gap) });
      }
      last = now;
      v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
  }, cameraId);
}

async function stopCounting(page: Page): Promise<FrameLog> {
  return page.evaluate(() => {
    const w = window as unknown as {
      __frameLog: FrameLog;
      __frameStop: boolean;
      __frameSeen: Set<number>;
      __frameVideo: HTMLVideoElement;
    };
    w.__frameStop = true;
    const times = [...w.__frameSeen].sort((a, b) => a - b);
    const skips: [number, number][] = [];
    for (let i = 1; i < times.length; i++) {
      const missed = Math.round((times[i]! - times[i - 1]!) / 80) - 1;
      if (missed > 0) skips.push([times[i - 1]! / 1000, missed]);
    }
    skips.sort((a, b) => b[1] - a[1]);
    const q = w.__frameVideo.getVideoPlaybackQuality();
    return { ...w.__frameLog, skips: skips.slice(0, 12), dropped: q.droppedVideoFrames };
  });
}

const frameWallMs = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __playbackStats: () => { cameras: { frameWallMs: number | null }[] };
        }
      ).__playbackStats().cameras[0]?.frameWallMs ?? 0,
  );

/** Station time (UTC+7) for the date and time fields. */
async function jumpTo(page: Page, ms: number): Promise<void> {
  const iso = new Date(ms + 7 * 3_600_000).toISOString();
  await page.getByTestId('playback-date').fill(iso.slice(0, 10));
  await page.getByTestId('playback-time').fill(iso.slice(11, 19));
  await page.getByTestId('playback-go').click();
  await expect.poll(async () => Math.abs((await frameWallMs(page)) - ms)).toBeLessThan(1500);
}

function expectSmooth(log: FrameLog, minSeconds: number): void {
  const spanSec = log.lastMedia - log.firstMedia;
  const sourceFrames = Math.floor(spanSec * WARD_FPS) + 1;
  const detail = `${log.presented} presented (${log.frames} seen by a callback) of ${sourceFrames} frames over ${spanSec.toFixed(1)} s, stalls ${JSON.stringify(log.stalls)}, skips ${JSON.stringify(log.skips)}, dropped by the decoder ${log.dropped}`;
  console.log(detail);
  expect(spanSec, detail).toBeGreaterThanOrEqual(minSeconds);
  expect(log.presented / sourceFrames, detail).toBeGreaterThanOrEqual(0.95);
  // Presented frames are distinct frames: a re-append or a seek back would repeat some.
  expect(log.presented, detail).toBeLessThanOrEqual(sourceFrames + 2);
  expect(log.stalls, detail).toEqual([]);
}

/** A data folder with one unreachable camera (recording off) and its seeded footage. */
async function prepareDataDir(t0: number) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'station-e2e-defaults-'));
  const cameraId = randomUUID();
  const db = await openStationDb(dataDir);
  try {
    const now = Date.now();
    await db.run(
      `INSERT INTO cameras (id, name, location, source, main_url, created_at)
       VALUES (?, 'Cổng UBND phường', 'Phường', 'rtsp', 'rtsp://127.0.0.1:9/none', ?)`,
      [cameraId, now],
    );
    await db.run(
      'INSERT INTO recording_cameras (camera_id, enabled, stream, updated_at) VALUES (?, 0, ?, ?)',
      [cameraId, 'main', now],
    );
  } finally {
    await db.close();
  }
  const segments = seedWardFootage({
    root: path.join(dataDir, 'recordings'),
    cameraId,
    startMs: t0,
    seconds: FOOTAGE_SECONDS,
    segmentSeconds: SEGMENT_SECONDS,
  });
  return { dataDir, cameraId, segments };
}

test.describe('playback at the default 60 s segments', () => {
  test('150 s at 1× across minute boundaries shows ≥ 95 % of the frames and never stalls', async ({
    page,
  }) => {
    test.setTimeout(420_000);
    const t0 = Math.floor((Date.now() - 20 * 60_000) / 60_000) * 60_000;
    const { dataDir, cameraId, segments } = await prepareDataDir(t0);
    expect(segments.length).toBe(Math.ceil(FOOTAGE_SECONDS / SEGMENT_SECONDS));
    expect(segments[1]!.startMs - segments[0]!.startMs).toBe(SEGMENT_SECONDS * 1000);
    const { station, stop } = await startStation('off', { dataDir });
    try {
      // The reconciliation walk indexes the files it finds in the dated folders.
      await expect
        .poll(
          async () =>
            (
              await station.api.playback.segments({
                cameraId,
                fromMs: t0 - 1000,
                toMs: t0 + 600_000,
              })
            ).segments.length,
          { timeout: 60_000, intervals: [1000] },
        )
        .toBe(segments.length);
      await station.open(page);
      await page.getByTestId('tile-0').hover();
      await page.getByTestId('tile-0').getByTestId('tile-playback').click();
      await expect(page.getByTestId('playback-view')).toBeVisible();
      // A tile's replay plays at once from 30 s ago; this review starts from older footage.
      await page.getByTestId('playback-pause').click();

      // From the second half of the first minute, 150 s at 1× across two boundaries.
      await jumpTo(page, t0 + 35_000);
      await countFrames(page, cameraId);
      await page.getByTestId('playback-play').click();
      await page.waitForTimeout((PLAY_SECONDS + 2) * 1000);
      const run = await stopCounting(page);
      expectSmooth(run, PLAY_SECONDS);
      expect(await frameWallMs(page)).toBeGreaterThan(segments[2]!.startMs + 20_000);

      // A seek into the second half of another segment plays on from there at once.
      await jumpTo(page, segments[1]!.startMs + 45_000);
      await countFrames(page, cameraId);
      // Plays 22 s while frames are counted (the wait is the point).
      await page.waitForTimeout(22_000);
      expectSmooth(await stopCounting(page), 20);
    } finally {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
