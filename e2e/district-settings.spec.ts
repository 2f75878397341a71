// The district centre in the console. The link: a commander connects the station with
// the credentials file the centre issued (checked on screen first), sees the link's
// state and disconnects; a duty officer sees the state only. The requests, end to end
// with the built centre and its hub: the centre's duty officer asks for an incident's
// footage on the centre page, the station console shows a notice that leaves the grid
// usable, its commander approves one request and refuses another with a reason, and
// the centre page shows each answer and the station's export.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { addStation, freePort, startCentre, type RunningCentre } from './centre-process';
import { expect, test, wardCameras } from './fixtures';
import { until } from './service-kit';
import { E2E_ADMIN, startStation } from './station-process';
import { collectVisibleText, describeFlags, findRawText } from './visible-text-check';

const ARTIFACTS = 'e2e/artifacts/district';
mkdirSync(ARTIFACTS, { recursive: true });

const DUTY = {
  fullName: 'Lê Văn Bình',
  rank: 'Trung úy',
  badgeNumber: '045-678',
  role: 'duty' as const,
  password: 'BinhTruc#2026',
};

/** The station id is a name the centre gave: shown as it is. */
const NAMES = ['phuong-ben-nghe'];

/** What the screen shows is words, names and times: no codes, ids or raw numbers. */
async function expectPlainWords(page: Page, screen: string): Promise<void> {
  const flags = findRawText(await collectVisibleText(page), NAMES);
  expect(flags, describeFlags(screen, flags)).toEqual([]);
}

/** A port nothing listens on: the hub the station tries to reach and cannot. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A credentials file as the centre writes it, with a real CA certificate (openssl). */
function credentialsFile(dir: string, hubPort: number): string {
  const key = path.join(dir, 'ca.key');
  const crt = path.join(dir, 'ca.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=Trung tam Quan 1 CA',
      '-keyout',
      key,
      '-out',
      crt,
    ],
    { stdio: 'ignore' },
  );
  const file = path.join(dir, 'phuong-ben-nghe.json');
  const body = {
    format: 'station-district-credentials/1',
    stationId: 'phuong-ben-nghe',
    stationName: 'Công an phường Bến Nghé',
    hubUrl: `tls://127.0.0.1:${hubPort}`,
    user: 'st-phuong-ben-nghe',
    password: 'mat-khau-tram-ben-nghe-2026',
    caPem: readFileSync(crt, 'utf8'),
  };
  writeFileSync(file, JSON.stringify(body, null, 2));
  return file;
}

/** Signs an officer in on the sign-in screen, as at the duty room's computer. */
async function signIn(page: Page, url: string, officerId: string, password: string) {
  await page.goto(url);
  await page.getByTestId(`signin-officer-${officerId}`).click();
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
}

async function openSettings(page: Page) {
  await page.getByTestId('open-settings').click();
  const section = page.getByTestId('district-section');
  await expect(section).toBeVisible();
  return section;
}

test('a commander connects the station with the centre file after checking it, then disconnects; an officer only sees the state', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'district-ui-'));
  const run = await startStation('off');
  try {
    const { station } = run;
    const duty = await station.api.officers.create(DUTY);
    await station.open(page);
    const section = await openSettings(page);
    await expect(page.getByTestId('district-link')).toHaveAttribute('data-link', 'off');
    await expect(page.getByTestId('district-link')).toHaveText('Chưa kết nối');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/settings-off.png` });

    // A pasted text that is not the centre's file: said so, with what to do; nothing sent.
    await page.getByTestId('district-connect').click();
    const dialog = page.getByTestId('district-connect-dialog');
    await page.getByTestId('district-credentials-text').fill('{"stationId": "phuong-ben-nghe"}');
    await page.getByTestId('district-next').click();
    await expect(dialog.getByTestId('field-error-credentials')).toContainText('trung tâm cấp lại');

    // The file the centre issued: its station, name and hub are shown before it is sent.
    const file = credentialsFile(dir, await closedPort());
    await page.getByTestId('district-file').setInputFiles(file);
    await expect(page.getByTestId('district-file-name')).toContainText('phuong-ben-nghe.json');
    await page.getByTestId('district-next').click();
    await expect(page.getByTestId('district-preview-station')).toHaveText('phuong-ben-nghe');
    await expect(page.getByTestId('district-preview-name')).toHaveText('Công an phường Bến Nghé');
    await expect(page.getByTestId('district-preview-hub')).toHaveText(/^127\.0\.0\.1:\d+$/);
    await expect(dialog).not.toContainText('mat-khau-tram-ben-nghe-2026');
    await page.screenshot({ path: `${ARTIFACTS}/connect-confirm.png` });
    await expectPlainWords(page, 'connect-confirm');
    await page.getByTestId('district-confirm-connect').click();

    // Back in settings: the station is set up and trying; the hub cannot be reached.
    await expect(page.getByTestId('district-section')).toBeVisible();
    await expect(page.getByTestId('district-station')).toContainText('phuong-ben-nghe');
    await expect(page.getByTestId('district-hub')).toHaveText(/^127\.0\.0\.1:\d+$/);
    // Nothing listens at the hub's address: whatever the link says, never "linked".
    await expect(page.getByTestId('district-link')).toHaveAttribute(
      'data-link',
      /^(off|starting|linking|failed)$/,
    );
    await expect(page.getByTestId('district-disconnect')).toBeVisible();
    await expect(page.getByTestId('status-district')).toHaveAttribute(
      'data-link',
      /^(off|starting|linking|failed)$/,
    );
    await page.screenshot({ path: `${ARTIFACTS}/settings-connecting.png` });
    await expectPlainWords(page, 'settings-connecting');
    const status = await station.api.district.status();
    expect(status).toMatchObject({ enabled: true, stationId: 'phuong-ben-nghe' });
    expect(status.link).not.toBe('linked');

    // A duty officer sees the same state and cannot change it. Signing in starts the
    // officer's shift, which ends the commander's session on the first page.
    const officerContext = await browser.newContext();
    try {
      const officerPage = await officerContext.newPage();
      await signIn(officerPage, station.url, duty.id, DUTY.password);
      // The commander's shift waits for this officer's acknowledgement: later.
      await officerPage.getByTestId('handover-ack-later').click();
      await openSettings(officerPage);
      await expect(officerPage.getByTestId('district-station')).toContainText('phuong-ben-nghe');
      await expect(officerPage.getByTestId('district-connect')).toHaveCount(0);
      await expect(officerPage.getByTestId('district-disconnect')).toHaveCount(0);
      await officerPage.screenshot({ path: `${ARTIFACTS}/settings-officer.png` });
    } finally {
      await officerContext.close();
    }
    const admin = (await station.api.auth.state()).officers.find((o) => o.role === 'commander')!;
    await signIn(page, station.url, admin.id, E2E_ADMIN.password);
    await openSettings(page);

    // Disconnecting asks first, says recording goes on, and ends the link.
    await page.getByTestId('district-disconnect').click();
    const confirm = page.getByTestId('district-disconnect-dialog');
    await expect(confirm).toContainText('Ghi hình tại trạm không bị ảnh hưởng');
    await page.screenshot({ path: `${ARTIFACTS}/disconnect-confirm.png` });
    await page.getByTestId('district-disconnect-confirm').click();
    await expect(page.getByTestId('district-link')).toHaveAttribute('data-link', 'off');
    await expect(page.getByTestId('status-district')).toHaveCount(0);
  } finally {
    await run.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

const STATION = { id: 'phuong-ben-nghe', name: 'Công an phường Bến Nghé' };
const CENTRE_OFFICER = 'Đại úy Trần Văn Bình';

/** Sends an export request for an incident from its row in the centre's incident log. */
async function requestFromCentre(centre: Page, code: string, reason: string): Promise<void> {
  const log = centre.getByTestId('incident-log');
  await log
    .locator('tr', { hasText: code })
    .getByRole('button', { name: 'Yêu cầu trích xuất' })
    .click();
  const form = centre.getByTestId('export-form');
  await expect(form.getByLabel('Mã vụ việc')).toHaveValue(code);
  await form.getByLabel('Cán bộ yêu cầu').fill(CENTRE_OFFICER);
  await form.getByLabel('Lý do yêu cầu').fill(reason);
  await form.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  await expect(form.getByRole('status')).toHaveText('Đã gửi yêu cầu tới trạm.');
}

test.describe('the centre asks, the station decides', () => {
  test.use({ rigOptions: wardCameras({ h264: ['cam1'] }) });

  test('a centre request shows a notice over nothing; the commander approves one and refuses another, and the centre sees both answers and the export', async ({
    page,
    browser,
    rig,
  }) => {
    test.setTimeout(120_000);
    const centreDir = mkdtempSync(path.join(tmpdir(), 'district-centre-ui-'));
    const leaf = { host: '127.0.0.1', port: await freePort() };
    let centre: RunningCentre | null = null;
    let run: Awaited<ReturnType<typeof startStation>> | null = null;
    const centreContext = await browser.newContext();
    try {
      const credentials = addStation(centreDir, STATION.id, STATION.name, leaf);
      centre = await startCentre(centreDir, leaf);
      run = await startStation('off', { segmentSeconds: 2 });
      const { station } = run;
      const api = station.api;
      // The station records with its camera before it joins the district: the first
      // health event on connecting carries the camera's name and state to the centre.
      const cam = await api.cameras.add({ name: 'Cổng chợ Bến Thành', mainUrl: rig.url('cam1') });
      // Some seconds recorded.
      let recordings: { startMs: number; endMs: number }[] = [];
      expect(
        await until(async () => {
          recordings = (
            await api.recordings.timeline({
              cameraId: cam.id,
              from: Date.now() - 10 * 60_000,
              to: Date.now(),
            })
          ).recordings;
          return recordings.length >= 4;
        }, 45_000),
      ).toBe(true);
      await api.district.connect({ credentials: readFileSync(credentials, 'utf8') });
      expect(await until(async () => (await api.district.status()).link === 'linked', 30_000)).toBe(
        true,
      );

      // Two incidents over the recorded seconds.
      const startMs = recordings[0]!.startMs + 500;
      const incident = (description: string) =>
        api.incidents.create({
          category: 'theft',
          location: 'Cổng chợ Bến Thành',
          description,
          occurredAt: startMs + 1_000,
          startMs,
          endMs: startMs + 5_000,
          cameraIds: [cam.id],
        });
      const theft = await incident('Mất xe máy trước cổng chợ');
      const fight = await incident('Xô xát giữa hai người bán hàng');
      await station.open(page);

      // The centre's duty officer opens the station; its incidents came over the link.
      const centrePage = await centreContext.newPage();
      await centrePage.goto(centre.url);
      await centrePage.getByTestId(`station-${STATION.id}`).click();
      await expect(
        centrePage.getByRole('heading', { name: `Nhật ký vụ việc — ${STATION.name}` }),
      ).toBeVisible();
      const log = centrePage.getByTestId('incident-log');
      await expect(log).toContainText(theft.code, { timeout: 30_000 });
      await expect(log).toContainText(fight.code);
      await expect(log.locator('tr', { hasText: theft.code })).toContainText('Cổng chợ Bến Thành');
      await expect(centrePage.getByTestId(`station-${STATION.id}`)).toContainText('1/1');
      await requestFromCentre(
        centrePage,
        theft.code,
        'Truy tìm đối tượng trộm xe máy tại chợ Bến Thành',
      );
      const requests = centrePage.getByTestId('export-requests');
      const theftRow = requests.locator('li', { hasText: theft.code });
      await expect(theftRow).toHaveAttribute('data-status', 'sent');
      await expect(theftRow).toContainText('Chờ trạm quyết định');
      await centrePage.screenshot({ path: `${ARTIFACTS}/centre-request-sent.png` });

      // The station: a strip under the top bar; the grid and its controls stay usable.
      const banner = page.getByTestId('district-request-banner');
      await expect(banner).toContainText('Trung tâm yêu cầu trích xuất', { timeout: 30_000 });
      await expect(banner).toContainText('Truy tìm đối tượng trộm xe máy');
      await expect(page.locator('.modal-backdrop')).toHaveCount(0);
      const bannerBox = (await banner.boundingBox())!;
      const gridBox = (await page.getByTestId('tile-0').boundingBox())!;
      expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(gridBox.y + 1);
      await page.getByTestId('tile-0').click();
      await expect(page.getByTestId('tile-0')).toHaveAttribute('data-selected', 'true');
      await page.screenshot({ path: `${ARTIFACTS}/request-banner.png` });

      await requestFromCentre(
        centrePage,
        fight.code,
        'Đối chiếu hình ảnh vụ xô xát theo đề nghị của Công an Quận 1',
      );
      await expect(banner).toHaveAttribute('data-count', '2', { timeout: 30_000 });
      await page.getByTestId('district-request-banner-open').click();
      const panel = page.getByTestId('district-requests-dialog');
      await expect(panel).toBeVisible();
      await expect(banner).toBeHidden();
      const rows = panel.getByTestId('district-request-row');
      await expect(rows).toHaveCount(2);
      // Pending, the longest waiting first, with who asked.
      await expect(rows.nth(0)).toContainText(`Vụ việc ${theft.code}`);
      await expect(rows.nth(0)).toContainText(CENTRE_OFFICER);
      await expect(rows.nth(1)).toContainText(`Vụ việc ${fight.code}`);
      await page.screenshot({ path: `${ARTIFACTS}/requests-panel.png` });
      await expectPlainWords(page, 'requests-panel');

      // Refusing needs a reason the centre will read.
      await rows.nth(1).getByTestId('district-refuse').click();
      const decide = page.getByTestId('district-decide-dialog');
      await decide.getByTestId('district-decide-confirm').click();
      await expect(decide.getByTestId('field-error-district-refuse-reason')).toBeVisible();
      await decide.getByTestId('district-refuse-reason').fill('Vụ việc đang giữ bí mật điều tra');
      await page.screenshot({ path: `${ARTIFACTS}/refuse-confirm.png` });
      await expectPlainWords(page, 'refuse-confirm');
      await decide.getByTestId('district-decide-confirm').click();
      const refused = panel.locator('[data-status="refused"]');
      await expect(refused).toContainText(`Vụ việc ${fight.code}`);
      await expect(refused).toContainText('Vụ việc đang giữ bí mật điều tra');

      await panel.locator('[data-status="pending"]').getByTestId('district-approve').click();
      await expect(decide).toContainText('Đồng ý trích xuất cho trung tâm');
      await decide.getByTestId('district-decide-confirm').click();
      const approved = panel.locator('[data-status="approved"]');
      await expect(approved).toContainText(`Vụ việc ${theft.code}`);
      await expect(approved).toContainText(`${E2E_ADMIN.fullName}`);
      await page.screenshot({ path: `${ARTIFACTS}/requests-decided.png` });

      // The centre: the answers as the station's decision events, then the export's end.
      await expect(theftRow).toHaveAttribute('data-status', 'approved', { timeout: 30_000 });
      await expect(theftRow).toContainText('Trạm đã phê duyệt');
      await expect(theftRow).toContainText(`Chỉ huy trạm quyết định: ${E2E_ADMIN.fullName}`);
      await expect(theftRow).toHaveAttribute('data-export-status', 'complete', { timeout: 45_000 });
      await expect(theftRow).toContainText('Trạm đã trích xuất xong');
      const fightRow = requests.locator('li', { hasText: fight.code });
      await expect(fightRow).toHaveAttribute('data-status', 'refused');
      await expect(fightRow).toContainText('Trạm từ chối');
      await expect(fightRow).toContainText('Lý do: Vụ việc đang giữ bí mật điều tra');
      // The list scrolls under the form, as the officer's wheel would scroll it.
      const list = centrePage.locator('.c-req');
      await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await centrePage.screenshot({ path: `${ARTIFACTS}/centre-answers.png` });
      await list.screenshot({ path: `${ARTIFACTS}/centre-answers-list.png` });

      // Settings show the live link.
      await page.keyboard.press('Escape');
      await openSettings(page);
      await expect(page.getByTestId('district-link')).toHaveText('Đã kết nối');
      await expect(page.getByTestId('status-district')).toHaveText('Trung tâm: Đã kết nối');
      await page.getByTestId('district-section').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}/settings-linked.png` });
      await expectPlainWords(page, 'settings-linked');
    } finally {
      await centreContext.close();
      await run?.stop();
      await centre?.stop();
      rmSync(centreDir, { recursive: true, force: true });
    }
  });
});
