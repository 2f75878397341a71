// Tiles nobody sees stop decoding: the grid under the single view pauses its streams
// (the server sends them nothing) and picks them up again with a picture on closing.
import type { Page, WebSocket as PwWebSocket } from '@playwright/test';
import type { LayoutKind } from '../electron/contract/schemas';
import { expect, test } from './fixtures';

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

test('the grid under the single view receives nothing, and plays again on closing it', async ({
  page,
  rig,
  station,
}) => {
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

  // Media bytes per /live socket of the second camera's sub-stream (its grid tile).
  let gridBytes = 0;
  page.on('websocket', (ws: PwWebSocket) => {
    const url = new URL(ws.url());
    if (url.pathname !== '/live' || url.searchParams.get('camera') !== ids[1]) return;
    if (url.searchParams.get('stream') !== 'sub') return;
    ws.on('framereceived', (f) => {
      if (typeof f.payload !== 'string') gridBytes += f.payload.length;
    });
  });
  await station.open(page);
  const frames = async (tile: string) => (await statsFor(page, tile))?.decodedFrames ?? 0;
  await expect.poll(() => frames('tile-1'), { timeout: 30_000 }).toBeGreaterThan(5);
  expect(gridBytes).toBeGreaterThan(0);

  await page.getByTestId('tile-0').dblclick();
  await expect(page.getByTestId('single-view')).toBeVisible();
  await expect.poll(() => frames('single-tile'), { timeout: 30_000 }).toBeGreaterThan(5);
  // The grid tile's socket goes quiet (fragments already on the wire may still land).
  await expect
    .poll(
      async () => {
        const before = gridBytes;
        await page.waitForTimeout(700);
        return gridBytes - before;
      },
      { timeout: 8000 },
    )
    .toBe(0);
  expect((await statsFor(page, 'tile-1'))?.active).toBe(false);
  const bytesPaused = gridBytes;
  const framesPaused = await frames('tile-1');
  const singleBefore = await frames('single-tile');
  // The wait is the point: 3 s in which a playing tile gets ~37 frames.
  await page.waitForTimeout(3000);
  expect(gridBytes).toBe(bytesPaused);
  expect(await frames('tile-1')).toBe(framesPaused);
  expect(await frames('single-tile')).toBeGreaterThan(singleBefore + 10);

  await page.getByTestId('single-close').click();
  await expect(page.getByTestId('single-view')).toHaveCount(0);
  // The resume restarts the tile at the cached keyframe: a picture without waiting a GOP.
  await expect.poll(() => frames('tile-1'), { timeout: 15_000 }).toBeGreaterThan(5);
  expect(gridBytes).toBeGreaterThan(bytesPaused);
  await expect(page.getByTestId('tile-1')).toHaveAttribute('data-state', 'live');
  const shot = await page.getByTestId('tile-1').screenshot();
  await page.waitForTimeout(1500);
  expect((await page.getByTestId('tile-1').screenshot()).equals(shot)).toBe(false);
});
