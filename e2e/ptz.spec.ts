// PTZ from a dome camera's tile, end to end: the built station, the console in
// Chromium and the fake ONVIF dome (127.0.0.1), which records every PTZ call.
// The camera is added the one-step ONVIF way (onvif.add through the contract, as
// the discovery dialog does), so the station knows its ONVIF address and profile.
import type { Locator, Page } from '@playwright/test';
import type { FakeOnvif, FakeOnvifCall } from './rig/onvif/fake-onvif-device';
import { E2E_ADMIN, expect, test, wardCameras } from './fixtures';
import { D1 } from './rig/rig';
import type { Station } from './station-process';

// One encoder is enough: the fake's main and sub are the tamper mount's two paths.
// A dome with a street-like picture and a right clock: nothing here should raise an alarm card
// over the tile's controls (a flat test picture reads as covered, a +2 h clock as off).
test.use({
  rigOptions: wardCameras({ tamper: ['t1'], tamperSize: D1 }),
  onvifOptions: { clockOffsetMs: 0 },
});

const ptzCalls = (d: FakeOnvif, op: string, after = 0): FakeOnvifCall[] =>
  d.calls().filter((c) => c.service === 'ptz' && c.op === op && c.at >= after);

/** The first `op` the dome recorded at or after `after`, waiting (bounded) for it. */
async function nextCall(d: FakeOnvif, op: string, after: number): Promise<FakeOnvifCall> {
  await expect.poll(() => ptzCalls(d, op, after).length, { timeout: 5_000 }).toBeGreaterThan(0);
  return ptzCalls(d, op, after)[0]!;
}

/** The dome on a one-tile grid, its tile selected so the keyboard drives it. */
async function domeTile(page: Page, station: Station, d: FakeOnvif): Promise<Locator> {
  const cam = await station.api.onvif.add({
    xaddr: d.xaddr,
    endpoint: d.endpoint,
    username: d.user,
    password: d.pass,
    name: 'Nút giao Phố Huế',
    mainProfile: 'Profile_1',
    subProfile: 'Profile_2',
  });
  await station.open(page);
  await page.getByTestId('layout-1').click();
  const tile = page.getByTestId('tile-0');
  await expect(tile).toHaveAttribute('data-camera-id', cam.id);
  await expect(tile.getByTestId('ptz-overlay')).toHaveCount(1, { timeout: 20_000 });
  // A click on the picture (top right: away from the controls) selects the tile.
  const box = (await tile.boundingBox())!;
  await tile.click({ position: { x: box.width - 20, y: box.height / 2 } });
  await expect(tile.getByTestId('ptz-overlay')).toHaveAttribute('data-keyboard', 'true');
  return tile;
}

test('PTZ from the tile: keys and buttons move the dome, presets are saved and recalled', async ({
  page,
  station,
  onvifDevice: dome,
}) => {
  test.setTimeout(120_000);
  const tile = await domeTile(page, station, dome);
  const overlay = tile.getByTestId('ptz-overlay');

  // Hold ArrowLeft 1 s: ContinuousMove x < 0, repeated while held (no Stop meanwhile), then Stop on keyup.
  const t0 = Date.now();
  await page.keyboard.down('ArrowLeft');
  await page.waitForTimeout(1_000);
  const moved = ptzCalls(dome, 'ContinuousMove', t0);
  expect(ptzCalls(dome, 'Stop', t0)).toEqual([]);
  const up = Date.now();
  await page.keyboard.up('ArrowLeft');
  const stop = await nextCall(dome, 'Stop', up);
  expect(stop.at - up).toBeLessThan(1_000);
  expect(moved.length).toBeGreaterThanOrEqual(2);
  for (const m of moved) {
    expect(m.profile).toBe('Profile_1');
    expect(m.args).toMatchObject({ tilt: 0, zoom: 0, timeout: 'PT1S' });
    expect(m.args.pan as number).toBeLessThan(0);
  }
  await page.waitForTimeout(500);
  expect(ptzCalls(dome, 'ContinuousMove', stop.at)).toEqual([]);

  // The zoom button, held with the mouse: zoom in, then Stop on release.
  const zoomIn = overlay.getByTestId('ptz-zoom-in');
  await zoomIn.hover();
  const t1 = Date.now();
  await page.mouse.down();
  const zoom = await nextCall(dome, 'ContinuousMove', t1);
  expect(zoom.args).toMatchObject({ pan: 0, tilt: 0 });
  expect(zoom.args.zoom as number).toBeGreaterThan(0);
  await page.waitForTimeout(400);
  const released = Date.now();
  await page.mouse.up();
  expect((await nextCall(dome, 'Stop', released)).at - released).toBeLessThan(1_000);

  // Save the current view under a Vietnamese name: the dome gets the name, the audit log the officer.
  await overlay.getByTestId('ptz-presets').click();
  await overlay.getByTestId('ptz-preset-name').fill('Ngã tư Phố Huế');
  const t2 = Date.now();
  await overlay.getByTestId('ptz-save-preset').click();
  const set = await nextCall(dome, 'SetPreset', t2);
  expect(set.args).toMatchObject({ name: 'Ngã tư Phố Huế', requestedToken: null });
  const token = set.args.token as string;
  await expect(overlay.getByTestId(`ptz-preset-${token}`)).toContainText('Ngã tư Phố Huế');
  await page.screenshot({ path: 'e2e/artifacts/ptz-overlay.png' });
  const audit = await station.api.audit.list({ action: 'ptz.preset_saved' });
  expect(audit.items).toHaveLength(1);
  expect(audit.items[0]).toMatchObject({
    officerName: E2E_ADMIN.fullName,
    subject: expect.any(String),
    details: { token, name: 'Ngã tư Phố Huế' },
  });

  // Preset 1 from the keyboard (the dome's first preset), then the saved one from the menu.
  await page.locator('body').focus();
  const t3 = Date.now();
  await page.keyboard.press('1');
  expect((await nextCall(dome, 'GotoPreset', t3)).args).toEqual({ preset: '1' });
  const t4 = Date.now();
  await overlay.getByTestId(`ptz-preset-${token}`).click();
  expect((await nextCall(dome, 'GotoPreset', t4)).args).toEqual({ preset: token });

  // Shift+2 saves the view over the second preset, keeping its name; a name with XML
  // specials reaches the dome intact; a commander removes a preset, audited.
  await page.locator('body').focus();
  const t6 = Date.now();
  await page.keyboard.press('Shift+Digit2');
  expect((await nextCall(dome, 'SetPreset', t6)).args).toEqual({
    name: 'Bãi xe',
    token: '2',
    requestedToken: '2',
  });
  await overlay.getByTestId('ptz-preset-name').fill('Hàng Bài & <Tràng Tiền>');
  const t7 = Date.now();
  await overlay.getByTestId('ptz-save-preset').click();
  const special = await nextCall(dome, 'SetPreset', t7);
  expect(special.args.name).toBe('Hàng Bài & <Tràng Tiền>');
  const specialToken = special.args.token as string;
  await expect(overlay.getByTestId(`ptz-preset-${specialToken}`)).toContainText(
    'Hàng Bài & <Tràng Tiền>',
  );
  const t8 = Date.now();
  await overlay.getByTestId(`ptz-remove-${specialToken}`).click();
  expect((await nextCall(dome, 'RemovePreset', t8)).args).toEqual({ preset: specialToken });
  await expect(overlay.getByTestId(`ptz-preset-${specialToken}`)).toHaveCount(0);
  const removed = await station.api.audit.list({ action: 'ptz.preset_removed' });
  expect(removed.items[0]).toMatchObject({
    officerName: E2E_ADMIN.fullName,
    details: { token: specialToken, name: 'Hàng Bài & <Tràng Tiền>' },
  });

  // Typing a name is not driving the dome: digits and arrows stay in the field.
  const t5 = Date.now();
  await overlay.getByTestId('ptz-preset-name').focus();
  await page.keyboard.press('2');
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(500);
  expect(ptzCalls(dome, 'GotoPreset', t5)).toEqual([]);
  expect(ptzCalls(dome, 'ContinuousMove', t5)).toEqual([]);
  await expect(overlay.getByTestId('ptz-preset-name')).toHaveValue('2');
});

test('leaving the window while a key is held stops the dome within 1 s', async ({
  page,
  station,
  onvifDevice: dome,
}) => {
  test.setTimeout(90_000);
  await domeTile(page, station, dome);
  const t0 = Date.now();
  await page.keyboard.down('ArrowRight');
  await nextCall(dome, 'ContinuousMove', t0);
  await page.waitForTimeout(700);
  // Still held, so still moving: the console repeats the move.
  expect(ptzCalls(dome, 'Stop', t0)).toEqual([]);
  const blurred = Date.now();
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  const stop = await nextCall(dome, 'Stop', blurred);
  expect(stop.at - blurred).toBeLessThan(1_000);
  // And it stays stopped though the key was never let go.
  await page.waitForTimeout(1_000);
  expect(ptzCalls(dome, 'ContinuousMove', stop.at + 1)).toEqual([]);
  await page.keyboard.up('ArrowRight');
});

test('the single view steers its dome from the keyboard', async ({
  page,
  station,
  onvifDevice: dome,
}) => {
  test.setTimeout(90_000);
  const tile = await domeTile(page, station, dome);
  await tile.dblclick({ position: { x: 400, y: 300 } });
  const single = page.getByTestId('single-tile');
  await expect(single.getByTestId('ptz-overlay')).toHaveAttribute('data-keyboard', 'true');
  // The grid's tile under the single view lets go of the keyboard.
  await expect(tile.getByTestId('ptz-overlay')).toHaveAttribute('data-keyboard', 'false');
  const t0 = Date.now();
  await page.keyboard.down('ArrowUp');
  const up = await nextCall(dome, 'ContinuousMove', t0);
  expect(up.args).toMatchObject({ pan: 0, zoom: 0 });
  expect(up.args.tilt as number).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  const released = Date.now();
  await page.keyboard.up('ArrowUp');
  expect((await nextCall(dome, 'Stop', released)).at - released).toBeLessThan(1_000);
});
