// ONVIF discovery and the one-step add, end to end: the built station (loopback-only
// network), the fake ONVIF camera on 127.0.0.1 whose profiles point at the RTSP rig,
// and the discovery dialog. The probe is directed at 127.0.0.1; nothing is multicast.
import { expect, test, wardCameras } from './fixtures';

test.use({ rigOptions: wardCameras({ h264: ['cam1', 'cam2'] }) });

test('a directed probe finds the fake camera, which is added with main and sub in one step', async ({
  page,
  rig,
  station,
  onvifDevice,
}) => {
  test.setTimeout(150_000);
  await station.open(page);

  await page.getByTestId('discovery-open').click();
  const dialog = page.getByTestId('discovery-dialog');
  await page.getByTestId('discovery-target').fill(`127.0.0.1:${onvifDevice.discoveryPort}`);
  await page.getByTestId('discovery-probe').click();
  const row = dialog.locator(
    `[data-testid="discovery-row"][data-endpoint="${onvifDevice.endpoint}"]`,
  );
  await expect(row).toContainText('FK-PTZ-1');
  await expect(row).toContainText('Cần đăng nhập');
  await expect(row).toContainText('127.0.0.1');
  expect(onvifDevice.probes().length).toBeGreaterThanOrEqual(1);

  await row.click();
  await page.getByTestId('discovery-username').fill(onvifDevice.user);
  await page.getByTestId('discovery-password').fill(onvifDevice.pass);
  await page.getByTestId('discovery-inspect').click();
  await expect(page.getByTestId('discovery-main')).toHaveValue('Profile_1');
  await expect(page.getByTestId('discovery-sub')).toHaveValue('Profile_2');
  // The fake's clock is 2 h ahead: the dialog says so before the camera is even added.
  await expect(dialog).toContainText('Lệch giờ +2 giờ 0 phút');
  await page.getByTestId('discovery-name').fill('Ngã tư Phố Huế');
  await page.getByTestId('discovery-add').click();

  // One camera, its URLs from GetStreamUri (no credentials inside), the account sealed.
  await expect
    .poll(async () => (await station.api.cameras.list()).length, { timeout: 15_000 })
    .toBe(1);
  const [cam] = await station.api.cameras.list();
  expect(cam).toMatchObject({
    name: 'Ngã tư Phố Huế',
    mainUrl: rig.url('cam1'),
    subUrl: rig.url('cam2'),
    username: onvifDevice.user,
    hasPassword: true,
  });
  const uris = onvifDevice.calls().filter((c) => c.op === 'GetStreamUri');
  expect(uris.map((c) => c.profile).sort()).toEqual(['Profile_1', 'Profile_2']);
  const audit = await station.api.audit.list({ action: 'camera.onvif_added', limit: 5 });
  expect(audit.items).toHaveLength(1);
  expect(audit.items[0]).toMatchObject({ subject: cam!.id, officerName: expect.any(String) });

  // Back on the list; searching again marks it added.
  await page.getByTestId('discovery-target').fill(`127.0.0.1:${onvifDevice.discoveryPort}`);
  await page.getByTestId('discovery-probe').click();
  await expect(
    page.locator(`[data-testid="discovery-row"][data-endpoint="${onvifDevice.endpoint}"]`),
  ).toContainText('Đã thêm');
  await page.getByTestId('dialog-close').click();

  // Main and sub streams play from the rig.
  for (const stream of ['main', 'sub'] as const) {
    const probe = await station.api.cameras.test({ cameraId: cam!.id, stream });
    expect(probe, stream).toMatchObject({ ok: true });
  }
  await page.getByTestId('layout-1').click();
  const tile = page.getByTestId('tile-0');
  await expect(tile).toHaveAttribute('data-camera-id', cam!.id);
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
});
