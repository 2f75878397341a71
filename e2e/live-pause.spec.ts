// Tiles nobody sees stop decoding: the grid under the single view pauses its streams
// (the server sends them nothing) and picks them up again with a picture on closing.
import type { Page, WebSocket as PwWebSocket } from '@playwright/test';
import type { LayoutKind } from '../electron/contract/schemas';
import { expect, test } from './fixtures';
import type { Rig } from './rig/rig';
import type { Station } from './station-process';

interface TileStats {
  tile: string;
  decodedFrames: number;
  active: boolean;
}

async function statsFor(page: Page, tile: string): Promise<TileStats | undefined> {
  const all = await page.evaluate(
    () => (window as unknown as { __stationStats?: () => unknown[] }).__stationStats?.() ?? [],
  );
  return (all as TileStats[]).find((s) => s.tile === tile);
}

/** Two cameras on a 4-tile grid, recording off; returns their ids. */
async function twoCameraGrid(station: Station, rig: Rig): Promise<string[]> {
  const ids: string[] = [];
  for (const mount of ['cam1', 'cam2']) {
    const cam = await station.api.cameras.add({
      name: mount,
      mainUrl: rig.url(mount),
      subUrl: rig.url(mount),
    });
    await station.api.recordings.setCamera({ cameraId: cam.id, enabled: false });
    ids.push(cam.id);
  }
  const layout = await station.api.layouts.save({
    name: 'two',
    kind: '4' as LayoutKind,
    tiles: ids,
  });
  await station.api.settings.update({ lastLayoutId: layout.id });
  return ids;
}

/** Counts media bytes of a camera's sub-stream /live sockets (its grid tile). */
function countGridBytes(page: Page, cameraId: string): { bytes: number } {
  const counter = { bytes: 0 };
  page.on('websocket', (ws: PwWebSocket) => {
    const url = new URL(ws.url());
    if (url.pathname !== '/live' || url.searchParams.get('camera') !== cameraId) return;
    if (url.searchParams.get('stream') !== 'sub') return;
    ws.on('framereceived', (f) => {
      if (typeof f.payload !== 'string') counter.bytes += f.payload.length;
    });
  });
  return counter;
}

/** Waits until no media bytes arrive for 700 ms (fragments already on the wire may land). */
async function expectQuiet(page: Page, counter: { bytes: number }): Promise<void> {
  await expect
    .poll(
      async () => {
        const before = counter.bytes;
        await page.waitForTimeout(700);
        return counter.bytes - before;
      },
      { timeout: 8000 },
    )
    .toBe(0);
}

/**
 * Opens the console on the two-camera grid and waits until tile-1 plays; counts the media
 * bytes of tile-1's socket from the start.
 */
async function openPlayingGrid(page: Page, station: Station, rig: Rig) {
  const ids = await twoCameraGrid(station, rig);
  const grid = countGridBytes(page, ids[1]!);
  await station.open(page);
  const frames = async (tile: string) => (await statsFor(page, tile))?.decodedFrames ?? 0;
  await expect.poll(() => frames('tile-1'), { timeout: 30_000 }).toBeGreaterThan(5);
  return { grid, frames };
}

test('the grid under the single view receives nothing, and plays again on closing it', async ({
  page,
  rig,
  station,
}) => {
  const { grid, frames } = await openPlayingGrid(page, station, rig);
  expect(grid.bytes).toBeGreaterThan(0);

  await page.getByTestId('tile-0').dblclick();
  await expect(page.getByTestId('single-view')).toBeVisible();
  await expect.poll(() => frames('single-tile'), { timeout: 30_000 }).toBeGreaterThan(5);
  await expectQuiet(page, grid);
  expect((await statsFor(page, 'tile-1'))?.active).toBe(false);
  // The single view's own camera keeps its grid tile playing, for the moment it closes.
  expect((await statsFor(page, 'tile-0'))?.active).toBe(true);
  const bytesPaused = grid.bytes;
  const framesPaused = await frames('tile-1');
  const singleBefore = await frames('single-tile');
  // The wait is the point: 3 s in which a playing tile gets ~37 frames.
  await page.waitForTimeout(3000);
  expect(grid.bytes).toBe(bytesPaused);
  expect(await frames('tile-1')).toBe(framesPaused);
  expect(await frames('single-tile')).toBeGreaterThan(singleBefore + 10);

  await page.getByTestId('single-close').click();
  await expect(page.getByTestId('single-view')).toHaveCount(0);
  // The resume restarts the tile at the cached keyframe: a picture without waiting a GOP.
  await expect.poll(() => frames('tile-1'), { timeout: 15_000 }).toBeGreaterThan(5);
  expect(grid.bytes).toBeGreaterThan(bytesPaused);
  await expect(page.getByTestId('tile-1')).toHaveAttribute('data-state', 'live');
  const shot = await page.getByTestId('tile-1').screenshot();
  await page.waitForTimeout(1500);
  expect((await page.getByTestId('tile-1').screenshot()).equals(shot)).toBe(false);
});

test('a hidden page pauses its tiles and plays them again when shown', async ({
  page,
  rig,
  station,
}) => {
  const { grid, frames } = await openPlayingGrid(page, station, rig);

  // What a minimised browser window reports (headless Chromium is never hidden by itself).
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => (h ? 'hidden' : 'visible'),
      });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  await expectQuiet(page, grid);
  expect((await statsFor(page, 'tile-1'))?.active).toBe(false);
  const bytesPaused = grid.bytes;
  // The wait is the point: 2 s in which a playing tile gets ~25 frames.
  await page.waitForTimeout(2000);
  expect(grid.bytes).toBe(bytesPaused);

  await setHidden(false);
  await expect.poll(() => frames('tile-1'), { timeout: 15_000 }).toBeGreaterThan(5);
  expect(grid.bytes).toBeGreaterThan(bytesPaused);
  expect((await statsFor(page, 'tile-1'))?.active).toBe(true);
});
