// The duty room, end to end: first start, sign-in, an incident marked
// from the live grid with F2, edited and closed, the shift ended and handed over
// to a second officer who acknowledges it; the report renders and its PDF (made
// by the core) has the incident. Real renderer in Debian's Chromium, real core,
// real H.264 from the RTSP rig, a real SQLite file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { E2E_ADMIN } from './station-process';

const ARTIFACTS = 'e2e/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

const UNIT = 'Công an phường Bến Thành';
const DUTY = {
  fullName: 'Lê Văn Bình',
  rank: 'Trung úy',
  badgeNumber: '045-678',
  role: 'duty' as const,
  password: 'BinhTruc#2026',
};
const DESCRIPTION = 'Hai đối tượng đi xe máy giật túi xách của một phụ nữ đi bộ';

test.describe('duty room from first start', () => {
  test.use({ account: 'none', rigOptions: { h264: ['cam1'] } });

  test('first start, F2 incident, edit, close, end of shift, handover acknowledged, report and PDF', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(180_000);
    await page.goto(station.url);

    // First start: the administrator is created on the set-up screen.
    await expect(page.getByTestId('first-start')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('setup-fullname').fill(E2E_ADMIN.fullName);
    await page.getByTestId('setup-rank').fill(E2E_ADMIN.rank);
    await page.getByTestId('setup-badge').fill(E2E_ADMIN.badgeNumber);
    await page.getByTestId('setup-password').fill(E2E_ADMIN.password);
    await page.getByTestId('setup-password2').fill(E2E_ADMIN.password);
    // The unit ("Đơn vị") is asked here: the reports print it, so it may not be left blank.
    await page.getByTestId('setup-submit').click();
    await expect(page.getByTestId('field-error-stationName')).toBeVisible();
    await page.getByTestId('setup-station-name').fill(UNIT);
    await page.screenshot({ path: `${ARTIFACTS}/duty-first-start.png` });
    await page.getByTestId('setup-submit').click();
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('user-name')).toContainText(E2E_ADMIN.fullName);
    await expect(page.getByTestId('station-name')).toHaveText(UNIT);

    // The test's own connection signs in as the same administrator (their shift continues)
    // to add a camera and a duty officer through the contract.
    const admin = (await station.api.auth.state()).officers[0]!;
    const adminSession = await station.api.auth.signIn({
      officerId: admin.id,
      password: E2E_ADMIN.password,
    });
    expect(adminSession.shiftId).not.toBeNull();
    const cam = await station.api.cameras.add({
      name: 'Ngã tư Lê Lợi',
      location: 'Ngã tư Lê Lợi – Trần Hưng Đạo',
      mainUrl: rig.url('cam1'),
    });
    const duty = await station.api.officers.create(DUTY);

    const tile = page.getByTestId('tile-0');
    await expect(tile).toHaveAttribute('data-camera-id', cam.id, { timeout: 15_000 });
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });

    // Select the tile, press F2: the dialog opens pre-filled with that camera.
    await tile.click();
    await expect(tile).toHaveAttribute('data-selected', 'true');
    await page.keyboard.press('F2');
    const dialog = page.getByTestId('incident-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId(`incident-camera-${cam.id}`)).toBeChecked();
    await expect(page.getByTestId('incident-location')).toHaveValue(
      'Ngã tư Lê Lợi – Trần Hưng Đạo',
    );
    await page.getByTestId('incident-category').selectOption('snatching');
    await page.getByTestId('incident-severity-high').click();
    await page.getByTestId('incident-description').fill(DESCRIPTION);
    await page.screenshot({ path: `${ARTIFACTS}/duty-incident-dialog.png` });
    await page.getByTestId('incident-save').click();
    await expect(dialog).toBeHidden({ timeout: 10_000 });

    // The log finds it without diacritics; its footage is locked.
    await page.getByTestId('open-incidents').click();
    const log = page.getByTestId('incident-log');
    await expect(log).toBeVisible();
    const rows = log.locator('[data-testid^="incident-row-"]');
    // By its category's words too, in either language ("Cướp giật tài sản", "Snatching").
    // Each search starts from an empty list, so a found row is the search's answer.
    for (const text of ['cuop giat tai san', 'Snatching', 'giat tui xach']) {
      await page.getByTestId('incident-search').fill('khong co vu nao');
      await expect(rows).toHaveCount(0, { timeout: 10_000 });
      await page.getByTestId('incident-search').fill(text);
      await expect(rows, text).toHaveCount(1, { timeout: 10_000 });
    }
    const code = (await rows.first().getAttribute('data-code')) ?? '';
    expect(code).toMatch(/^\d{4}-\d{4}$/);
    await rows.first().click();
    const detail = page.getByTestId('incident-detail');
    await expect(detail).toHaveAttribute('data-locked', 'true');
    await expect(detail).toHaveAttribute('data-status', 'new');

    // Edit it, take it in hand, close it: every change is in its history.
    await page.getByTestId('incident-edit').click();
    await expect(dialog).toBeVisible();
    await page
      .getByTestId('incident-description')
      .fill(`${DESCRIPTION}. Đối tượng chạy về hướng chợ Bến Thành.`);
    await page.getByTestId('incident-save').click();
    await expect(dialog).toBeHidden({ timeout: 10_000 });
    await expect(detail).toContainText('chợ Bến Thành');
    await page.getByTestId('incident-in-progress').click();
    await expect(detail).toHaveAttribute('data-status', 'in_progress');
    await page.getByTestId('incident-close').click();
    await expect(detail).toHaveAttribute('data-status', 'closed');
    // created, the F2 snapshot of the tile, then three edits (text, in progress, closed).
    const history = page.getByTestId('incident-history-item');
    await expect(history).toHaveCount(5);
    expect(
      (await history.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).sort(),
    ).toEqual(['created', 'snapshot_added', 'updated', 'updated', 'updated']);
    await expect(page.getByTestId('incident-detail-snapshots').locator('img')).toHaveCount(1);
    // The snapshot in words, not its id.
    const snapshotLine = history.filter({ has: page.locator('[data-field="snapshots"]') });
    await expect(snapshotLine).toContainText('Ảnh chụp: thêm 1 ảnh');
    await expect(snapshotLine).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}/);
    await page.screenshot({ path: `${ARTIFACTS}/duty-incident-log.png` });
    await page.keyboard.press('Escape');
    await expect(log).toBeHidden();

    // End of shift: the summary has the incident; the notes go with it.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-end-shift').click();
    const endDialog = page.getByTestId('end-shift-dialog');
    await expect(endDialog).toBeVisible();
    await expect(endDialog).toContainText(code);
    await page.getByTestId('end-shift-notes').fill('Camera ngã tư hoạt động bình thường.');
    await page.screenshot({ path: `${ARTIFACTS}/duty-end-shift.png` });
    await page.getByTestId('end-shift-confirm').click();

    // The sign-in screen says a handover is waiting; a wrong password says what to do.
    await expect(page.getByTestId('sign-in')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('signin-pending')).toBeVisible();
    await page.getByTestId(`signin-officer-${duty.id}`).click();
    await page.getByTestId('signin-password').fill('sai-mat-khau');
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('signin-error')).toContainText(/mật khẩu/i);
    await page.getByTestId('signin-password').fill(DUTY.password);
    await page.getByTestId('signin-submit').click();

    // The incoming officer reads the handover and acknowledges it.
    const report = page.getByTestId('handover-report');
    await expect(report).toBeVisible({ timeout: 15_000 });
    await expect(report).toContainText(code);
    await expect(report).toContainText('Camera ngã tư hoạt động bình thường.');
    await expect(report).toContainText(E2E_ADMIN.fullName);
    await page.getByTestId('handover-ack-note').fill('Đã nhận đủ, tiếp tục theo dõi.');
    await page.getByTestId('handover-ack-confirm').click();
    await expect(page.getByTestId('handover-hash')).toContainText(/[0-9a-f]{16}/, {
      timeout: 10_000,
    });
    await expect(report).toContainText(DUTY.fullName);
    await page.screenshot({ path: `${ARTIFACTS}/duty-handover-report.png`, fullPage: true });

    // The PDF the core renders has the incident in it.
    const popup = page.waitForEvent('popup');
    await page.getByTestId('handover-pdf').click();
    const pdfUrl = (await popup).url();
    const pdf = await page.request.get(pdfUrl);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const pdfPath = `${ARTIFACTS}/duty-handover.pdf`;
    writeFileSync(pdfPath, await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('BIÊN BẢN BÀN GIAO CA TRỰC');
    expect(text).toContain(UNIT.toLocaleUpperCase('vi'));
    expect(text).toContain(code);
    expect(text).toContain('chợ Bến Thành');
    expect(text).toContain(DUTY.fullName);

    // The audit trail has it all, and its chain verifies (a commander supervising).
    const again = await station.api.auth.signIn({
      officerId: admin.id,
      password: E2E_ADMIN.password,
    });
    expect(again.shiftId).toBeNull();
    const actions = (await station.api.audit.list({ limit: 500 })).items.map((e) => e.action);
    for (const a of [
      'auth.setup',
      'auth.sign_in',
      'auth.sign_in_failed',
      'incident.created',
      'footage.locked',
      'incident.updated',
      'shift.ended',
      'handover.acknowledged',
      'camera.added',
      'officer.created',
    ]) {
      expect(actions, a).toContain(a);
    }
    expect(await station.api.audit.verify()).toMatchObject({ ok: true, firstBadSeq: null });
  });
});

test.describe('duty room, signed in', () => {
  test.use({ rigOptions: { h264: ['cam1'] } });

  test('bad input is refused with a clear message and nothing is half-written', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(90_000);
    const cam = await station.api.cameras.add({ name: 'Cổng trường', mainUrl: rig.url('cam1') });
    await station.open(page);
    await page.getByTestId('tile-0').click();
    await page.getByTestId('incident-bookmark').click();
    await expect(page.getByTestId('incident-dialog')).toBeVisible();

    // Empty fields: each says what is missing, in Vietnamese.
    await page.getByTestId('incident-location').fill('');
    await page.getByTestId('incident-save').click();
    await expect(page.getByTestId('field-error-incident-category')).toBeVisible();
    await expect(page.getByTestId('field-error-incident-description')).toBeVisible();
    await expect(page.getByTestId('field-error-incident-location')).toBeVisible();

    // A range that ends before it starts.
    await page.getByTestId('incident-category').selectOption('fighting');
    await page.getByTestId('incident-location').fill('Cổng trường THCS');
    await page.getByTestId('incident-description').fill('Học sinh xô xát trước cổng trường');
    const start = await page.getByTestId('incident-start').inputValue();
    await page.getByTestId('incident-end').fill(start);
    await page.getByTestId('incident-save').click();
    await expect(page.getByTestId('field-error-incident-end')).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/duty-incident-errors.png` });
    await page.getByTestId('incident-cancel').click();

    // Through the contract: unknown camera, overlong text, a tampered payload.
    const now = Date.now();
    const base = {
      category: 'fighting' as const,
      location: 'Cổng trường',
      description: 'Xô xát',
      occurredAt: now,
      startMs: now - 60_000,
      endMs: now + 60_000,
      cameraIds: [cam.id],
    };
    await expect(
      station.api.incidents.create({ ...base, cameraIds: ['khong-co'] }),
    ).rejects.toMatchObject({ code: 'invalid_request', fields: { cameraIds: 'unknown_camera' } });
    await expect(
      station.api.incidents.create({ ...base, description: 'x'.repeat(4001) }),
    ).rejects.toMatchObject({ code: 'invalid_request', fields: { description: 'too_long' } });
    await expect(
      station.api.incidents.create({ ...base, endMs: base.startMs - 1 }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      fields: { endMs: 'range_end_before_start' },
    });
    await expect(
      station.api.incidents.create({ ...base, locked: false } as unknown as typeof base),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(
      station.api.incidents.create({ ...base, category: 'murder' } as unknown as typeof base),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect((await station.api.incidents.list({})).total).toBe(0);
  });

  test('the lock screen keeps live view playing and needs the password, even after a reload', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(90_000);
    await station.api.cameras.add({ name: 'Ngõ 12', mainUrl: rig.url('cam1') });
    await station.open(page);
    const tile = page.getByTestId('tile-0');
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await page.getByTestId('top-lock').click();
    const lock = page.getByTestId('lock-screen');
    await expect(lock).toBeVisible();

    // A reload stays locked (the lock is held by the core), and the video keeps playing.
    await page.reload();
    await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 30_000 });
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    const playhead = () => tile.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime);
    const t0 = await playhead();
    await expect.poll(playhead, { timeout: 10_000 }).toBeGreaterThan(t0 + 1);
    await page.screenshot({ path: `${ARTIFACTS}/duty-lock-screen.png` });
    // The lock is the session's, not the window's: the test's connection shares it.
    await expect(station.api.incidents.list({})).rejects.toMatchObject({ code: 'locked' });

    await page.getByTestId('lock-password').fill('sai-mat-khau');
    await page.getByTestId('lock-unlock').click();
    await expect(page.getByTestId('lock-error')).toBeVisible();
    await page.getByTestId('lock-password').fill(E2E_ADMIN.password);
    await page.getByTestId('lock-unlock').click();
    await expect(lock).toBeHidden();
  });
});
