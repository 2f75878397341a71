// Camera clocks end to end: the built station reads the fake ONVIF camera's clock at
// add, shows the offset on the tile, the camera list and the storage/health panel, and
// the commander sets it from the station (the fake records SetSystemDateAndTime).
import type { Page } from '@playwright/test';
import type { Camera } from '../electron/contract/schemas';
import type { Station } from './station-process';
import type { FakeOnvif } from './rig/onvif/fake-onvif-device';
import { expect, test, wardCameras } from './fixtures';

test.use({ rigOptions: wardCameras({ h264: ['cam1'] }) });

/** The camera added from the fake (the add itself is onvif-discovery.spec's subject). */
async function addFromFake(station: Station, device: FakeOnvif): Promise<Camera> {
  return station.api.onvif.add({
    xaddr: device.xaddr,
    endpoint: device.endpoint,
    username: device.user,
    password: device.pass,
    name: 'Ngã tư Phố Huế',
    mainProfile: 'Profile_1',
    subProfile: 'Profile_2',
  });
}

async function showOnTile(page: Page, station: Station, cam: Camera) {
  await station.open(page);
  await page.getByTestId('layout-1').click();
  const tile = page.getByTestId('tile-0');
  await expect(tile).toHaveAttribute('data-camera-id', cam.id);
  return tile.getByTestId('camera-clock-badge');
}

test('+2 h → alarm on the tile, list and health panel; set from the station → ok, audited', async ({
  page,
  station,
  onvifDevice,
}) => {
  test.setTimeout(120_000);
  const cam = await addFromFake(station, onvifDevice);
  const tileClock = await showOnTile(page, station, cam);
  await expect(tileClock).toHaveAttribute('data-level', 'alarm');
  await expect(tileClock).toContainText('Lệch giờ +2 giờ 0 phút');
  await expect(
    page.getByTestId(`camera-item-${cam.id}`).getByTestId('camera-clock-badge'),
  ).toHaveAttribute('data-level', 'alarm');

  await page.getByTestId('open-storage').click();
  const cell = page.getByTestId('camera-clock-cell');
  await expect(cell).toHaveAttribute('data-level', 'alarm');
  await cell.getByTestId('camera-set-clock').click();
  await page.getByTestId('camera-set-clock-confirm').click();
  await expect(cell).toHaveAttribute('data-level', 'ok', { timeout: 15_000 });

  const sets = onvifDevice.calls().filter((c) => c.op === 'SetSystemDateAndTime');
  expect(sets).toHaveLength(1);
  expect(sets[0]?.fault).toBeUndefined();
  expect(Math.abs(onvifDevice.clock().offsetMs)).toBeLessThanOrEqual(5000);
  const [reading] = await station.api.clocks.list();
  expect(reading).toMatchObject({ cameraId: cam.id, level: 'ok', tzOk: true });
  expect(Math.abs(reading!.offsetMs ?? Infinity)).toBeLessThanOrEqual(5000);

  const audit = await station.api.audit.list({ action: 'camera.clock_set', limit: 5 });
  expect(audit.items).toHaveLength(1);
  expect(audit.items[0]?.subject).toBe(cam.id);
  expect(Math.abs(Number(audit.items[0]?.details.beforeOffsetMs) - 7_200_000)).toBeLessThan(3000);

  await page.getByTestId('dialog-close').click();
  await expect(tileClock).toHaveAttribute('data-level', 'ok');
});

test.describe('8 s off', () => {
  test.use({ onvifOptions: { clockOffsetMs: 8000 } });
  test('is a warning only', async ({ page, station, onvifDevice }) => {
    const cam = await addFromFake(station, onvifDevice);
    const tileClock = await showOnTile(page, station, cam);
    await expect(tileClock).toHaveAttribute('data-level', 'warning');
    await expect(tileClock).toContainText('Lệch giờ +8 giây');
    const [reading] = await station.api.clocks.list();
    expect(reading).toMatchObject({ level: 'warning', tzOk: true });
  });
});

test.describe('time zone GMT0', () => {
  test.use({ onvifOptions: { clockOffsetMs: 0, tz: 'GMT0' } });
  test('is a time-zone alarm even with the clock right', async ({ page, station, onvifDevice }) => {
    const cam = await addFromFake(station, onvifDevice);
    const tileClock = await showOnTile(page, station, cam);
    await expect(tileClock).toHaveAttribute('data-level', 'alarm');
    await expect(tileClock).toContainText('Sai múi giờ');
    const [reading] = await station.api.clocks.list();
    expect(reading).toMatchObject({ level: 'alarm', tz: 'GMT0', tzOk: false });
    expect(Math.abs(reading!.offsetMs ?? Infinity)).toBeLessThanOrEqual(5000);
  });
});
