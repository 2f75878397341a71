// A camera's up/down state does not depend on what is on screen: with playback open
// (no live tile, no live stream in the service) a camera that drops is still logged
// as an outage, shown offline in the list with a toast, and closed when it returns.
import { expect, test } from './fixtures';

test('an outage is logged and shown while playback is open and nobody watches live', async ({
  page,
  rig,
  station,
}) => {
  const cam = await station.api.cameras.add({ name: 'Ngõ 7 Hàng Mã', mainUrl: rig.url('cam1') });
  await station.open(page);
  await page.getByTestId('layout-1').click();
  const tile = page.getByTestId('tile-0');
  await expect(tile.getByTestId('tile-rec')).toHaveAttribute('data-recording', 'true', {
    timeout: 30_000,
  });
  await tile.hover();
  await tile.getByTestId('tile-playback').click();
  await expect(page.getByTestId('playback-view')).toBeVisible();
  // The live tile is gone and its stream stops 5 s later: the service watches nothing live.
  await expect
    .poll(async () => (await station.api.cameras.statuses()).length, { timeout: 20_000 })
    .toBe(0);
  const row = page.getByTestId(`camera-item-${cam.id}`);
  await expect(row).toHaveAttribute('data-state', 'live');

  const stoppedAt = Date.now();
  await rig.stop();
  const open = async () =>
    (await station.api.cameras.outages({ cameraId: cam.id })).find((o) => o.endedAt === null);
  await expect.poll(open, { timeout: 20_000 }).toBeTruthy();
  console.log(`outage logged ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the stop`);
  await expect(row).toHaveAttribute('data-state', 'offline', { timeout: 10_000 });
  // The officer is told, though the camera is on no screen.
  await expect(page.getByTestId('toast-alert')).toContainText('Ngõ 7 Hàng Mã mất kết nối lúc');
  expect(await station.api.cameras.statuses()).toEqual([]);

  await rig.restart();
  await expect
    .poll(
      async () => (await station.api.cameras.outages({ cameraId: cam.id }))[0]?.endedAt ?? null,
      { timeout: 40_000 },
    )
    .not.toBeNull();
  await expect(row).toHaveAttribute('data-state', 'live', { timeout: 10_000 });
  expect(await station.api.cameras.outages({ cameraId: cam.id })).toHaveLength(1);
});
