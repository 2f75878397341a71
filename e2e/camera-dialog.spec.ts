// The camera dialog against a real core and a real RTSP rig: a failed or outdated
// connection test never lets a camera in silently, the test names codecs as officers
// do (H.265, not HEVC), and a camera added to a full grid gets a tile by itself.
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const ARTIFACTS = 'e2e/artifacts';

/** A local port nobody listens on: a connection there is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function openAddCamera(page: Page, name: string, url: string): Promise<void> {
  await page.getByTestId('add-camera').click();
  await page.getByTestId('camera-name').fill(name);
  await page.getByTestId('camera-main-url').fill(url);
}

test('a failed connection test asks before saving and says what failed', async ({
  page,
  station,
}) => {
  const port = await closedPort();
  await station.open(page);
  await openAddCamera(page, 'Cổng chợ', `rtsp://127.0.0.1:${port}/Streaming/Channels/101`);
  await page.getByTestId('camera-test').click();
  const result = page.getByTestId('camera-test-result');
  await expect(result).toHaveAttribute('data-ok', 'false');
  await expect(result).toContainText('Không kết nối được tới địa chỉ');

  await page.getByTestId('camera-save').click();
  const question = page.getByTestId('camera-save-question');
  await expect(question).toContainText('Kiểm tra kết nối không thành công');
  await expect(question).toContainText(`Không kết nối được tới địa chỉ 127.0.0.1:${port}`);
  await expect(page.getByTestId('camera-save')).toHaveText('Vẫn lưu');
  await page
    .getByTestId('camera-dialog')
    .screenshot({ path: `${ARTIFACTS}/camera-dialog-save-question.png` });
  expect(await station.api.cameras.list()).toHaveLength(0);

  // The officer read it and saves anyway: the second press saves.
  await page.getByTestId('camera-save').click();
  await expect(page.getByTestId('camera-dialog')).toHaveCount(0);
  expect((await station.api.cameras.list()).map((c) => c.name)).toEqual(['Cổng chợ']);
});

test('a result is cleared when the address or account changes, and saving then asks', async ({
  page,
  rig,
  station,
}) => {
  const port = await closedPort();
  await station.open(page);
  await openAddCamera(page, 'Ngõ 7', rig.url('cam1'));
  await page.getByTestId('camera-test').click();
  await expect(page.getByTestId('camera-test-result')).toHaveAttribute('data-ok', 'true');

  // A new port: the passed test no longer speaks for this address.
  await page.getByTestId('camera-main-url').fill(`rtsp://127.0.0.1:${port}/cam1`);
  await expect(page.getByTestId('camera-test-result')).toHaveCount(0);
  await expect(page.getByTestId('camera-test-stale')).toBeVisible();
  await page
    .getByTestId('camera-dialog')
    .screenshot({ path: `${ARTIFACTS}/camera-dialog-stale.png` });
  await page.getByTestId('camera-save').click();
  await expect(page.getByTestId('camera-save-question')).toContainText('chưa kiểm tra lại');
  expect(await station.api.cameras.list()).toHaveLength(0);

  // Back to the working address, tested again: saves at once, no question.
  await page.getByTestId('camera-main-url').fill(rig.url('cam1'));
  await page.getByTestId('camera-username').fill('admin');
  await expect(page.getByTestId('camera-test-stale')).toBeVisible();
  await page.getByTestId('camera-test').click();
  await expect(page.getByTestId('camera-test-result')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('camera-save-question')).toHaveCount(0);
  await page.getByTestId('camera-save').click();
  await expect(page.getByTestId('camera-dialog')).toHaveCount(0);
  expect((await station.api.cameras.list()).map((c) => c.name)).toEqual(['Ngõ 7']);
});

test.describe('an H.265 camera added to a full grid', () => {
  test.use({ rigOptions: { h265: ['cam5'] } });

  test('says H.265, and the grid grows to show it', async ({ page, rig, station }) => {
    // Four cameras fill the 2×2 grid (unreachable ones: no streams to decode on 2 cores).
    const port = await closedPort();
    for (let i = 1; i <= 4; i++)
      await station.api.cameras.add({
        name: `Camera ${i}`,
        mainUrl: `rtsp://127.0.0.1:${port}/c${i}`,
      });
    await station.open(page);
    await expect(page.getByTestId('tile-3')).toBeVisible();
    await expect(page.getByTestId('tile-4')).toHaveCount(0);

    await openAddCamera(page, 'Cổng chợ H.265', rig.url('cam5'));
    await page.getByTestId('camera-test').click();
    const result = page.getByTestId('camera-test-result');
    await expect(result).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    await expect(result).toContainText('H.265');
    await expect(result).not.toContainText(/hevc/i);
    await page.getByTestId('camera-save').click();
    await expect(page.getByTestId('camera-dialog')).toHaveCount(0);

    const added = (await station.api.cameras.list()).find((c) => c.name === 'Cổng chợ H.265');
    await expect(page.getByTestId('tile-4')).toHaveAttribute('data-camera-id', added!.id);
    await expect(page.getByTestId('tile-8')).toBeVisible();
    await expect(
      page.getByTestId('toast-info').filter({ hasText: 'Lưới chuyển sang 9 ô' }),
    ).toBeVisible();
  });
});
