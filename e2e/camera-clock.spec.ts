// Camera clock levels end to end: the built station reads the fake ONVIF camera's clock at
// add and shows a small offset as a warning and a wrong time zone as an alarm on the tile.
// The +2 h alarm, the health panel and the commander's set-clock are camera-alarm-screens.spec's.
import type { Page } from '@playwright/test';
import type { Camera } from '../electron/contract/schemas';
import type { Station } from './station-process';
import type { FakeOnvif } from './rig/onvif/fake-onvif-device';
import { expect, test, wardCameras } from './fixtures';

test.use({ rigOptions: wardCameras({ h264: ['cam1'] }) });

/** The camera added from the fake (the add itself is camera-alarm-screens.spec's subject). */
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
