// What the console shows must be true: while the station service is unreachable
// every status it last heard is greyed and marked, and the DEMO badge goes the
// moment the demo cameras do.
import type { Locator } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, startStation, test, wardCameras } from './fixtures';
import { endHungStation } from './station-process';

test.use({ rigOptions: wardCameras({ h264: ['cam1'] }) });

/** The element is drawn without colour (grey), whatever its own colour rules say. */
const greyed = (el: Locator) =>
  el.evaluate((e) => getComputedStyle(e).filter.includes('grayscale'));

test('while the service hangs, REC marks, tile badges and the online count are greyed and marked', async ({
  page,
  rig,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'station-stale-'));
  const current = await startStation('off', { dataDir });
  try {
    const cam = await current.station.api.cameras.add({
      name: 'Cổng trụ sở',
      mainUrl: rig.url('cam1'),
    });
    await current.station.open(page);
    const tile = page.locator(`[data-testid^="tile-"][data-camera-id="${cam.id}"]`);
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    const rec = tile.getByTestId('tile-rec');
    await expect(rec).toHaveAttribute('data-recording', 'true', { timeout: 30_000 });
    const badge = tile.getByTestId('tile-badge');
    const online = page.getByTestId('status-online');
    await expect(online).toContainText('1/1');
    for (const el of [rec, badge, online]) expect(await greyed(el)).toBe(false);
    await expect(page.getByTestId('status-stale')).toHaveCount(0);

    // Hung: sockets open, nothing answers. The last statuses heard stay on screen, grey.
    process.kill(current.pid, 'SIGSTOP');
    await expect(page.getByTestId('service-down-banner')).toBeVisible({ timeout: 10_000 });
    for (const el of [rec, badge, online]) await expect.poll(() => greyed(el)).toBe(true);
    await expect(page.getByTestId('status-stale')).toContainText(
      /Trạng thái camera và ghi hình là của lúc \d{2}:\d{2}, chưa cập nhật được/,
    );
    await page.screenshot({ path: 'e2e/artifacts/service-stale.png' });

    // Back: fresh statuses in colour again, the note gone.
    process.kill(current.pid, 'SIGCONT');
    await expect(page.getByTestId('service-down-banner')).toBeHidden({ timeout: 15_000 });
    await expect(page.getByTestId('status-stale')).toHaveCount(0);
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    for (const el of [rec, badge, online]) await expect.poll(() => greyed(el)).toBe(false);
  } finally {
    await endHungStation(current, dataDir);
  }
});

test.describe('the demo station', () => {
  test.use({ demo: 'auto' });

  test('the DEMO badge goes as soon as a real camera replaces the demo cameras', async ({
    page,
    rig,
    station,
  }) => {
    await station.open(page);
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    await station.api.cameras.add({ name: 'Cổng trụ sở', mainUrl: rig.url('cam1') });
    // The same page, no reload, no new sign-in.
    await expect(page.getByTestId('demo-badge')).toHaveCount(0, { timeout: 10_000 });
    await expect(page.getByTestId('sign-in')).toHaveCount(0);
  });
});
