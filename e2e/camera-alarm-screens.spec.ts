// The renderer's screens for picture/clock alarms, camera clocks and ONVIF discovery, on
// the built app against a real station and rig. The ONVIF and tamper services are built
// in other branches: until they are merged, a stand-in answers their channels inside the
// page's WebSocket (everything else is the real station). Their own specs drive the real services.
import { expect, test, wardCameras } from './fixtures';
import { ForwardAs, standIn } from './service-stand-in';

test.use({
  rigOptions: wardCameras({ h264: ['cam1', 'cam2'] }),
  viewport: { width: 1366, height: 768 },
});

const ARTIFACTS = 'e2e/artifacts';
const HOUR = 3_600_000;

test('picture and clock alarms ring as cards, badge the tile and are acknowledged', async ({
  page,
  rig,
  station,
}) => {
  const cam = await station.api.cameras.add({ name: 'Ngã tư Phố Huế', mainUrl: rig.url('cam1') });
  const now = Date.now();
  const covered = {
    id: 11,
    cameraId: cam.id,
    kind: 'covered',
    source: 'detector',
    startedAt: now - 90_000,
    endedAt: null,
    detail: { edge: 0.4 },
    acknowledged: null,
  };
  const clockAlarm = {
    ...covered,
    id: 12,
    kind: 'clock',
    source: 'clock',
    startedAt: now - 30_000,
    detail: { offsetMs: 2 * HOUR + 3_000 },
  };
  const reading = {
    cameraId: cam.id,
    at: now - 30_000,
    offsetMs: 2 * HOUR + 3_000,
    uncertaintyMs: 600,
    tz: 'ICT-7',
    tzOk: true,
    ntp: true,
    level: 'alarm',
    error: null,
  };
  const officer = { at: 0, officerId: 'x', officerName: 'Nguyễn Văn An' };
  const stand = await standIn(page, {
    'alarm.open': () => [covered, clockAlarm],
    'camera.clocks': () => [reading],
    'tamper.states': () => [],
    'alarm.acknowledge': (p) => {
      const { id } = p as { id: number };
      return {
        ...(id === 11 ? covered : clockAlarm),
        acknowledged: { ...officer, at: Date.now() },
      };
    },
    'camera.setClock': () => ({
      ...reading,
      at: Date.now(),
      offsetMs: 400,
      level: 'ok',
      ntp: false,
    }),
  });
  await station.open(page);
  await page.getByTestId('layout-1').click();
  const tile = page.getByTestId('tile-0');
  await expect(tile).toHaveAttribute('data-camera-id', cam.id);

  // Cards: one per alarm, with the kind's words, the camera and since when.
  const cards = page.getByTestId('alarm-card');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toHaveAttribute('data-kind', 'covered');
  await expect(cards.nth(0)).toContainText('Camera bị che/mờ');
  await expect(cards.nth(0)).toContainText('Ngã tư Phố Huế');
  await expect(cards.nth(1)).toContainText('Lệch giờ camera');
  await expect(cards.nth(1)).toContainText('lệch +2 giờ 0 phút');
  await expect(page.getByTestId('picture-alarm-sound')).toHaveAttribute('data-alarm', 'playing');

  // Tile and list: the alarm badge and the clock badge.
  await expect(tile.getByTestId('tamper-badge-covered')).toContainText('Bị che/mờ');
  const tileClock = tile.getByTestId('camera-clock-badge');
  await expect(tileClock).toHaveAttribute('data-level', 'alarm');
  await expect(tileClock).toContainText('Lệch giờ +2 giờ 0 phút');
  await expect(
    page.getByTestId(`camera-item-${cam.id}`).getByTestId('camera-clock-badge'),
  ).toHaveAttribute('data-level', 'alarm');
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await page.screenshot({ path: `${ARTIFACTS}/picture-alarm-cards.png` });

  // "Đã biết" on the picture alarm: its card goes, the loop stops, the tile badge stays.
  await cards.nth(0).getByTestId('alarm-ack').click();
  await expect(cards).toHaveCount(1);
  expect(stand.calls.filter((c) => c.channel === 'alarm.acknowledge')).toEqual([
    { channel: 'alarm.acknowledge', payload: { id: 11 } },
  ]);
  await expect(page.getByTestId('picture-alarm-sound')).toHaveAttribute('data-alarm', 'off');
  await expect(tile.getByTestId('tamper-badge-covered')).toBeVisible();

  // The detector sees the picture recover: main closes the alarm, the badge goes.
  stand.emit('alarm.changed', { ...covered, endedAt: Date.now(), acknowledged: officer });
  await expect(tile.getByTestId('tamper-badge-covered')).toHaveCount(0);
  // A new black picture rings again.
  stand.emit('alarm.changed', { ...covered, id: 13, kind: 'black', startedAt: Date.now() });
  await expect(page.locator('[data-testid="alarm-card"][data-kind="black"]')).toContainText(
    'Mất hình – màn hình đen',
  );
  await expect(tile.getByTestId('tamper-badge-black')).toBeVisible();

  // Storage/health panel: the clock cell, and the commander's set-clock with its NTP question.
  await page.getByTestId('open-storage').click();
  const cell = page.getByTestId('camera-clock-cell');
  await expect(cell).toHaveAttribute('data-level', 'alarm');
  await cell.getByTestId('camera-set-clock').click();
  const confirm = page.getByTestId('camera-set-clock-confirm');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('camera-set-clock-ntp').check();
  await page.screenshot({ path: `${ARTIFACTS}/camera-clock-set.png` });
  await confirm.click();
  await expect(cell).toHaveAttribute('data-level', 'ok');
  expect(stand.calls.filter((c) => c.channel === 'camera.setClock')).toEqual([
    { channel: 'camera.setClock', payload: { cameraId: cam.id, switchFromNtp: true } },
  ]);
  await page.getByTestId('dialog-close').click();
  await expect(tileClock).toHaveAttribute('data-level', 'ok');
  await expect(tileClock).toBeHidden();
});

test('ONVIF discovery lists devices, marks added ones and adds a camera in one step', async ({
  page,
  rig,
  station,
}) => {
  const existing = await station.api.cameras.add({
    name: 'Cổng UBND phường',
    mainUrl: rig.url('cam1'),
  });
  const hik = {
    endpoint: 'urn:uuid:hik-1',
    host: '127.0.0.1',
    xaddrs: ['http://127.0.0.1:18080/onvif/device_service'],
    manufacturer: 'HIKVISION',
    model: 'DS-2DE4225IW-DE',
    name: 'FAKE-PTZ',
    needsCredentials: true,
    cameraId: null,
    via: 'direct',
  };
  const added = {
    ...hik,
    endpoint: 'urn:uuid:dahua-1',
    host: '127.0.0.2',
    manufacturer: 'Dahua',
    model: 'IPC-HFW1230S',
    name: null,
    cameraId: existing.id,
  };
  let password = '';
  const stand = await standIn(page, {
    'alarm.open': () => [],
    'camera.clocks': () => [],
    'tamper.states': () => [],
    'onvif.discover': () => [hik, added],
    'onvif.inspect': (p) => {
      password = (p as { password: string }).password;
      if (password !== 'Onvif@123')
        throw Object.assign(new Error('auth_failed'), { code: 'forbidden' });
      return {
        device: {
          manufacturer: 'HIKVISION',
          model: 'DS-2DE4225IW-DE',
          firmware: 'V5.6.3',
          serial: 'DS1',
          endpoint: hik.endpoint,
        },
        clock: {
          at: Date.now(),
          offsetMs: 2 * HOUR,
          uncertaintyMs: 500,
          tz: 'ICT-7',
          tzOk: true,
          ntp: false,
          level: 'alarm',
          error: null,
        },
        profiles: [
          {
            token: 'Profile_1',
            name: 'mainStream',
            codec: 'H265',
            width: 1920,
            height: 1080,
            fps: 25,
            hasPtz: true,
          },
          {
            token: 'Profile_2',
            name: 'subStream',
            codec: 'H264',
            width: 704,
            height: 576,
            fps: 12.5,
            hasPtz: true,
          },
          {
            token: 'Profile_3',
            name: 'jpeg',
            codec: 'JPEG',
            width: 352,
            height: 288,
            fps: 5,
            hasPtz: false,
          },
        ],
        suggested: { main: 'Profile_1', sub: 'Profile_2' },
        hints: [],
      };
    },
    // The real camera.add the ONVIF service calls, with the rig's streams as its stream URIs.
    'onvif.add': (p) => {
      const req = p as { name: string; location: string; group: string };
      return new ForwardAs('camera.add', {
        name: req.name,
        location: req.location,
        group: req.group,
        mainUrl: rig.url('cam1'),
        subUrl: rig.url('cam2'),
      });
    },
  });
  await station.open(page);

  await page.getByTestId('discovery-open').click();
  const dialog = page.getByTestId('discovery-dialog');
  await page.getByTestId('discovery-target').fill('127.0.0.1:3702');
  await page.getByTestId('discovery-probe').click();
  const rows = dialog.getByTestId('discovery-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-endpoint', hik.endpoint);
  await expect(rows.nth(0)).toContainText('HIKVISION DS-2DE4225IW-DE');
  await expect(rows.nth(0)).toContainText('Cần đăng nhập');
  await expect(rows.nth(1)).toContainText('Đã thêm: Cổng UBND phường');
  expect(stand.calls.find((c) => c.channel === 'onvif.discover')?.payload).toEqual({
    target: { host: '127.0.0.1', port: 3702 },
  });
  await dialog.screenshot({ path: `${ARTIFACTS}/discovery-devices.png` });

  await rows.nth(0).click();
  await page.getByTestId('discovery-username').fill('admin');
  await page.getByTestId('discovery-password').fill('sai');
  await page.getByTestId('discovery-inspect').click();
  await expect(dialog.getByTestId('discovery-error')).toContainText(
    'Sai tên đăng nhập hoặc mật khẩu ONVIF',
  );
  await expect(dialog.getByTestId('discovery-hints')).toContainText(
    'bật ONVIF và tạo tài khoản ONVIF',
  );

  await page.getByTestId('discovery-password').fill('Onvif@123');
  await page.getByTestId('discovery-inspect').click();
  await expect(page.getByTestId('discovery-main')).toHaveValue('Profile_1');
  await expect(page.getByTestId('discovery-sub')).toHaveValue('Profile_2');
  await expect(page.getByTestId('discovery-main')).toContainText('1920×1080 · H.265 · 25 fps');
  await expect(page.getByTestId('discovery-main').locator('option')).toHaveCount(2);
  await expect(dialog).toContainText('Lệch giờ +2 giờ 0 phút');
  await page.getByTestId('discovery-name').fill('Ngã tư Phố Huế');
  await page.getByTestId('discovery-location').fill('Ngã tư Phố Huế – Lê Văn Hưu');
  await dialog.screenshot({ path: `${ARTIFACTS}/discovery-add.png` });
  await page.getByTestId('discovery-add').click();
  await expect.poll(() => stand.calls.some((c) => c.channel === 'onvif.add')).toBe(true);
  expect(stand.calls.find((c) => c.channel === 'onvif.add')?.payload).toMatchObject({
    xaddr: hik.xaddrs[0],
    endpoint: hik.endpoint,
    username: 'admin',
    password: 'Onvif@123',
    name: 'Ngã tư Phố Huế',
    mainProfile: 'Profile_1',
    subProfile: 'Profile_2',
  });
  // Back on the list, the device is marked added; the camera is in the list.
  await expect(rows.nth(1)).toContainText('Đã thêm: Ngã tư Phố Huế');
  const cameras = await station.api.cameras.list();
  expect(cameras.map((c) => c.name).sort()).toEqual(['Cổng UBND phường', 'Ngã tư Phố Huế']);
  await expect(page.getByTestId('camera-sidebar')).toContainText('Ngã tư Phố Huế');
});
