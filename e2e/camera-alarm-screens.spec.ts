// The screens for ONVIF discovery, camera clocks and picture alarms, on the built app
// against the real station, one rig camera whose picture fails on command (D1, 12.5 fps,
// GOP 4 s) and the fake ONVIF camera (clock +2 h, NTP on) whose profiles stream it. One
// test walks a duty officer's path so the suite pays for one station and one rig: add the
// camera from the discovery dialog, see its clock alarm, cover its picture, acknowledge,
// set its clock, read the marks on the timeline and the handover, and retake its reference.
// Each kind's latency is tamper-alarms.spec's; the clock's warning and time-zone levels are
// camera-clock.spec's.
import { expect, test, wardCameras } from './fixtures';
import type { Page } from '@playwright/test';
import { D1 } from './rig/rig';
import { collectVisibleText, describeFlags, findRawText } from './visible-text-check';

test.use({
  rigOptions: wardCameras({ tamper: ['t1'], tamperSize: D1 }),
  onvifOptions: { ntp: true },
  viewport: { width: 1366, height: 768 },
});

const ARTIFACTS = 'e2e/artifacts';
/** Device names and the trade words officers read on camera boxes (the firmware's "build"). */
const NAMES = ['FAKE-PTZ', 'FK-PTZ-1', 'mainStream', 'subStream', 'ICT-7', 'build'];
const NAME = 'Ngã tư Phố Huế';
const LIMIT_MS = 10_000;

/** What the screen shows is words, names and times: no codes, ids or raw numbers. */
async function expectPlainWords(page: Page, screen: string): Promise<void> {
  const flags = findRawText(await collectVisibleText(page), NAMES);
  expect(flags, describeFlags(screen, flags)).toEqual([]);
}

test('a camera found by ONVIF: its clock and picture alarms, timeline, handover and reference', async ({
  page,
  rig,
  station,
  onvifDevice,
}) => {
  test.setTimeout(240_000);
  await station.open(page);

  // Discovery: a directed probe to the fake on 127.0.0.1 (nothing is multicast).
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
  await dialog.screenshot({ path: `${ARTIFACTS}/discovery-devices.png` });
  await expectPlainWords(page, 'discovery devices');

  await row.click();
  await page.getByTestId('discovery-username').fill(onvifDevice.user);
  await page.getByTestId('discovery-password').fill('sai');
  await page.getByTestId('discovery-inspect').click();
  await expect(dialog.getByTestId('discovery-error')).toContainText(
    'Sai tên đăng nhập hoặc mật khẩu ONVIF',
  );
  expect(onvifDevice.rejections().length).toBeGreaterThanOrEqual(1);
  await page.getByTestId('discovery-password').fill(onvifDevice.pass);
  await page.getByTestId('discovery-inspect').click();
  await expect(page.getByTestId('discovery-main')).toHaveValue('Profile_1');
  await expect(page.getByTestId('discovery-sub')).toHaveValue('Profile_2');
  await expect(dialog.getByTestId('discovery-error')).toHaveCount(0);
  // The fake's clock is 2 h ahead: the dialog says so before the camera is even added.
  await expect(dialog).toContainText('Lệch giờ +2 giờ 0 phút');
  // The probe did not name the maker; the signed-in device information does.
  await expect(dialog.getByTestId('discovery-device-title')).toHaveText('FakeVision FK-PTZ-1');
  await page.getByTestId('discovery-name').fill(NAME);
  await page.getByTestId('discovery-location').fill('Ngã tư Phố Huế – Lê Văn Hưu');
  await dialog.screenshot({ path: `${ARTIFACTS}/discovery-add.png` });
  await expectPlainWords(page, 'discovery add');
  await page.getByTestId('discovery-add').click();

  // One camera, its URLs from GetStreamUri (no credentials inside), the account sealed.
  await expect
    .poll(async () => (await station.api.cameras.list()).length, { timeout: 15_000 })
    .toBe(1);
  const [cam] = await station.api.cameras.list();
  expect(cam).toMatchObject({
    name: NAME,
    mainUrl: rig.url('t1'),
    subUrl: rig.url('t1_sub'),
    username: onvifDevice.user,
    hasPassword: true,
  });
  const uris = onvifDevice.calls().filter((c) => c.op === 'GetStreamUri');
  expect(uris.map((c) => c.profile).sort()).toEqual(['Profile_1', 'Profile_2']);
  const added = await station.api.audit.list({ action: 'camera.onvif_added', limit: 5 });
  expect(added.items).toHaveLength(1);
  expect(added.items[0]).toMatchObject({ subject: cam!.id });
  // Searching again marks it added.
  await page.getByTestId('discovery-probe').click();
  await expect(row).toContainText(`Đã thêm: ${NAME}`);
  await page.getByTestId('dialog-close').click();
  await expect(page.getByTestId('camera-sidebar')).toContainText(NAME);

  // The clock read at add: an alarm card (with the commander's set-clock), chimed once,
  // the clock badge on the tile and on the camera list.
  await page.getByTestId('layout-1').click();
  const tile = page.getByTestId('tile-0');
  await expect(tile).toHaveAttribute('data-camera-id', cam!.id);
  const cards = page.getByTestId('alarm-card');
  const clockCard = page.locator('[data-testid="alarm-card"][data-kind="clock"]');
  await expect(clockCard).toContainText('Lệch giờ camera');
  await expect(clockCard).toContainText('lệch +2 giờ 0 phút');
  await expect(clockCard).toContainText(NAME);
  await expect(clockCard.getByTestId('camera-set-clock')).toBeVisible();
  await expect(page.getByTestId('clock-alarm-chime')).toHaveAttribute('data-chimes', '1');
  const tileClock = tile.getByTestId('camera-clock-badge');
  await expect(tileClock).toHaveAttribute('data-level', 'alarm');
  await expect(tileClock).toContainText('Lệch giờ +2 giờ 0 phút');
  await expect(
    page.getByTestId(`camera-item-${cam!.id}`).getByTestId('camera-clock-badge'),
  ).toHaveAttribute('data-level', 'alarm');
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });

  // The detector learns the reference from the normal picture, then the camera is covered.
  await expect
    .poll(
      async () => {
        const s = (await station.api.tamper.states()).find((x) => x.cameraId === cam!.id);
        return s?.running === true && s.references.length > 0;
      },
      { timeout: 90_000, intervals: [1000] },
    )
    .toBe(true);
  await rig.tamper('t1', 'covered');
  const coveredCard = page.locator('[data-testid="alarm-card"][data-kind="covered"]');
  await expect(coveredCard).toContainText('Camera bị che/mờ', { timeout: LIMIT_MS });
  await expect(coveredCard).toContainText(NAME);
  await expect(coveredCard.getByTestId('camera-set-clock')).toHaveCount(0);
  await expect(tile.getByTestId('tamper-badge-covered')).toContainText('Bị che/mờ');
  await expect(page.getByTestId('picture-alarm-sound')).toHaveAttribute('data-alarm', 'playing');
  await expect(cards).toHaveCount(2);
  await page.screenshot({ path: `${ARTIFACTS}/picture-alarm-cards.png` });
  await expectPlainWords(page, 'alarm cards');

  // "Đã biết": the card goes, the loop stops, the tile badge stays while the picture is bad;
  // the acknowledgement is audited under the signed-in officer.
  await coveredCard.getByTestId('alarm-ack').click();
  await expect(coveredCard).toHaveCount(0);
  await expect(page.getByTestId('picture-alarm-sound')).toHaveAttribute('data-alarm', 'off');
  await expect(tile.getByTestId('tamper-badge-covered')).toBeVisible();
  const acks = await station.api.audit.list({ action: 'alarm.acknowledged', limit: 5 });
  expect(acks.items).toHaveLength(1);
  expect(acks.items[0]).toMatchObject({ subject: cam!.id });
  await rig.tamper('t1', 'normal');
  await expect(tile.getByTestId('tamper-badge-covered')).toHaveCount(0, { timeout: LIMIT_MS });

  // Storage/health panel: the clock cell; the commander sets the clock from the station,
  // answering the NTP question (the fake is on NTP).
  await page.getByTestId('open-storage').click();
  const cell = page.getByTestId('camera-clock-cell');
  await expect(cell).toHaveAttribute('data-level', 'alarm');
  await cell.getByTestId('camera-set-clock').click();
  const confirm = page.getByTestId('camera-set-clock-confirm');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('camera-set-clock-ntp').check();
  await page.screenshot({ path: `${ARTIFACTS}/camera-clock-set.png` });
  await expectPlainWords(page, 'set clock');
  await confirm.click();
  await expect(cell).toHaveAttribute('data-level', 'ok', { timeout: 15_000 });
  const sets = onvifDevice.calls().filter((c) => c.op === 'SetSystemDateAndTime');
  expect(sets).toHaveLength(1);
  expect(sets[0]?.fault).toBeUndefined();
  expect(Math.abs(onvifDevice.clock().offsetMs)).toBeLessThanOrEqual(5000);
  expect(onvifDevice.clock().dateTimeType).toBe('Manual');
  const [reading] = await station.api.clocks.list();
  expect(reading).toMatchObject({ cameraId: cam!.id, level: 'ok', tzOk: true, ntp: false });
  const setAudit = await station.api.audit.list({ action: 'camera.clock_set', limit: 5 });
  expect(setAudit.items).toHaveLength(1);
  expect(Math.abs(Number(setAudit.items[0]?.details.beforeOffsetMs) - 7_200_000)).toBeLessThan(
    3000,
  );
  await page.getByTestId('dialog-close').click();
  await expect(tileClock).toBeHidden();
  // The clock alarm is over: its card goes with it.
  await expect(clockCard).toHaveCount(0, { timeout: LIMIT_MS });

  // Playback: both alarms marked on the camera's track, in the kind's colour, with a legend.
  const log = await station.api.alarms.list({ cameraId: cam!.id });
  expect(log.map((a) => [a.kind, a.endedAt !== null]).sort()).toEqual([
    ['clock', true],
    ['covered', true],
  ]);
  const covered = log.find((a) => a.kind === 'covered')!;
  await page.getByTestId(`camera-playback-${cam!.id}`).click();
  const legend = page.getByTestId('timeline-legend-alarm');
  await expect(legend).toContainText('Camera bị che/mờ');
  await expect(legend).toContainText('Lệch giờ camera');
  const timeline = page.getByTestId('timeline');
  const from = Number(await timeline.getAttribute('data-from'));
  const to = Number(await timeline.getAttribute('data-to'));
  const mid = (covered.startedAt + covered.endedAt!) / 2;
  const canvas = page.getByTestId('timeline-canvas');
  const colourAt = await canvas.evaluate(
    (el: HTMLCanvasElement, at: { ms: number; from: number; to: number }) => {
      const dpr = window.devicePixelRatio;
      const x = ((at.ms - at.from) / (at.to - at.from)) * el.clientWidth;
      // The track's first line (axis 24 px + incident lane 20 px), inside the alarm band.
      const px = el
        .getContext('2d')!
        .getImageData(Math.round(x * dpr), Math.round(45 * dpr), 1, 1).data;
      return [px[0]!, px[1]!, px[2]!];
    },
    { ms: mid, from, to },
  );
  // The covered colour #a78bfa; a band a few pixels wide is blended by a unit at its edges.
  const covColour = [0xa7, 0x8b, 0xfa];
  expect(
    Math.max(...colourAt.map((v, i) => Math.abs(v - covColour[i]!))),
    `${colourAt}`,
  ).toBeLessThanOrEqual(4);
  const box = (await canvas.boundingBox())!;
  await canvas.hover({ position: { x: ((mid - from) / (to - from)) * box.width, y: 50 } });
  await expect(page.getByTestId('timeline-tip')).toContainText('Camera bị che/mờ');
  await page.screenshot({ path: `${ARTIFACTS}/timeline-alarm-marks.png` });
  await page.getByTestId('playback-live').click();

  // Handover: the shift's alarms counted by kind, the longest named, who acknowledged.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-end-shift').click();
  const section = page.getByTestId('handover-camera-alarms');
  await expect(section.getByTestId('summary-camera-alarm')).toHaveCount(2);
  await expect(section.getByTestId('handover-camera-alarm-counts')).toContainText(
    'Camera bị che/mờ: 1',
  );
  await expect(section.getByTestId('handover-camera-alarm-counts')).toContainText(
    'Lệch giờ camera: 1',
  );
  await expect(section.getByTestId('handover-camera-alarm-longest')).toContainText(NAME);
  await section.screenshot({ path: `${ARTIFACTS}/handover-camera-alarms.png` });
  await expectPlainWords(page, 'handover');
  await page.keyboard.press('Escape');

  // Tamper settings in the camera dialog: thresholds in percent, saved; the reference
  // picture served by the station; the commander retakes it (audited).
  await page.getByTestId(`camera-edit-${cam!.id}`).click({ force: true });
  const panel = page.getByTestId('tamper-settings');
  await panel.locator('summary').click();
  await expect(page.getByTestId('tamper-threshold-covered')).toHaveValue('35');
  await page.getByTestId('tamper-threshold-covered').fill('50');
  // The switch's input is drawn over by its track: a click on it, not at its box.
  const frozenSwitch = page.getByTestId('tamper-enabled-frozen');
  await frozenSwitch.dispatchEvent('click');
  await expect(frozenSwitch).not.toBeChecked();
  await expect(page.getByTestId('tamper-enabled-covered')).toBeChecked();
  await page.getByTestId('tamper-save').click();
  await expect(panel).toContainText('Đã lưu cài đặt cảnh báo');
  expect(await station.api.tamper.settings({ cameraId: cam!.id })).toMatchObject({
    covered: { enabled: true, threshold: 0.5 },
    frozen: { enabled: false },
  });
  const img = page.getByTestId('tamper-reference');
  await expect(img).toHaveAttribute('data-slot', 'colour');
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
    .toBeGreaterThan(0);
  await page.getByTestId('camera-dialog').screenshot({ path: `${ARTIFACTS}/tamper-settings.png` });
  await expectPlainWords(page, 'tamper settings');
  const before = (await station.api.tamper.states()).find((s) => s.cameraId === cam!.id)!;
  const takenBefore = before.references.find((r) => r.slot === 'colour')!.takenAt;
  await page.getByTestId('tamper-retake').click();
  await expect(panel).toContainText('Đã chụp lại ảnh chuẩn lúc', { timeout: 15_000 });
  const after = (await station.api.tamper.states()).find((s) => s.cameraId === cam!.id)!;
  expect(after.references.find((r) => r.slot === 'colour')!.takenAt).toBeGreaterThan(takenBefore);
  const retakes = await station.api.audit.list({ action: 'tamper.reference_taken', limit: 5 });
  expect(retakes.items).toHaveLength(1);
});
