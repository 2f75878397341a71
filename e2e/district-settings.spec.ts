// The district centre in the console. The link: a commander connects the station with
// the credentials file the centre issued (checked on screen first), sees the link's
// state and disconnects; a duty officer sees the state only. The requests: a centre's
// export request shows a notice that leaves the grid usable, and a commander approves
// or refuses (with a reason) in the requests panel.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { StationExportRequest } from '../electron/contract/district';
import { E2E_ADMIN, startStation } from './station-process';
import { routeDistrict } from './district-socket-double';
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

const request = (id: string, patch: Partial<StationExportRequest>): StationExportRequest => ({
  requestId: `rq-${id}-2026-12-07`,
  incidentCode: null,
  fromMs: null,
  toMs: null,
  cameraIds: [],
  reason: 'Xác minh vụ việc',
  requestedBy: 'Đại úy Trần Văn Bình (Trung tâm Quận 1)',
  requestedAt: Date.now() - 60_000,
  receivedAt: Date.now() - 55_000,
  status: 'pending',
  decidedAt: null,
  decidedBy: null,
  decisionReason: null,
  ...patch,
});

test('a centre request shows a notice over nothing; the commander refuses one with a reason and approves another', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Only a centre can send a request: the station service's district channels are
  // answered in the console's socket here; everything else is the real station.
  const run = await startStation('auto');
  try {
    const { station } = run;
    const hour = 3_600_000;
    const double = await routeDistrict(page, {
      officerName: `${E2E_ADMIN.rank} ${E2E_ADMIN.fullName}`,
      status: {
        enabled: true,
        stationId: 'phuong-ben-nghe',
        stationName: 'Công an phường Bến Nghé',
        hubUrl: 'tls://10.20.0.5:7422',
        link: 'linked',
        problem: null,
        pending: 3,
        oldestPendingAt: Date.now() - 4_000,
        lastPublishedSeq: 1284,
        connectedAt: Date.now() - 5 * hour,
      },
      requests: [
        request('old', {
          incidentCode: 'VV-2026-0007',
          reason: 'Phục vụ điều tra vụ cướp giật trên đường Lê Lợi',
          receivedAt: Date.now() - 30 * hour,
          status: 'approved',
          decidedAt: Date.now() - 29 * hour,
          decidedBy: 'Thiếu tá Nguyễn Văn An',
        }),
      ],
    });
    await station.open(page);
    const cameras = await station.api.cameras.list();
    expect(cameras.length).toBeGreaterThan(1);

    // A request arrives: a strip under the top bar; the grid and its controls stay usable.
    double.emit(
      'district.request',
      request('a', {
        reason: 'Truy tìm đối tượng trộm xe máy tại chợ Bến Thành',
        fromMs: Date.now() - 3 * hour,
        toMs: Date.now() - 2.5 * hour,
        cameraIds: [cameras[0]!.id, cameras[1]!.id],
      }),
    );
    const banner = page.getByTestId('district-request-banner');
    await expect(banner).toContainText('Trung tâm yêu cầu trích xuất');
    await expect(banner).toContainText('Truy tìm đối tượng trộm xe máy');
    await expect(page.locator('.modal-backdrop')).toHaveCount(0);
    const bannerBox = (await banner.boundingBox())!;
    const gridBox = (await page.getByTestId('tile-0').boundingBox())!;
    expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(gridBox.y + 1);
    await page.getByTestId('tile-0').click();
    await expect(page.getByTestId('tile-0')).toHaveAttribute('data-selected', 'true');
    await page.screenshot({ path: `${ARTIFACTS}/request-banner.png` });

    double.emit(
      'district.request',
      request('b', {
        incidentCode: 'VV-2026-0012',
        reason: 'Đối chiếu hình ảnh vụ đánh nhau theo đề nghị của Công an Quận 1',
        receivedAt: Date.now(),
      }),
    );
    await expect(banner).toHaveAttribute('data-count', '2');
    await page.getByTestId('district-request-banner-open').click();
    const panel = page.getByTestId('district-requests-dialog');
    await expect(panel).toBeVisible();
    await expect(banner).toBeHidden();
    const rows = panel.getByTestId('district-request-row');
    await expect(rows).toHaveCount(3);
    // Pending first, the longest waiting first; then the decided one with who and when.
    await expect(rows.nth(0)).toHaveAttribute('data-request-id', 'rq-a-2026-12-07');
    await expect(rows.nth(0)).toContainText(cameras[0]!.name);
    await expect(rows.nth(1)).toContainText('Vụ việc VV-2026-0012');
    await expect(rows.nth(2)).toHaveAttribute('data-status', 'approved');
    await expect(rows.nth(2)).toContainText('Thiếu tá Nguyễn Văn An');
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
    const refused = panel.locator('[data-request-id="rq-b-2026-12-07"]');
    await expect(refused).toHaveAttribute('data-status', 'refused');
    await expect(refused).toContainText('Vụ việc đang giữ bí mật điều tra');

    await panel
      .locator('[data-request-id="rq-a-2026-12-07"]')
      .getByTestId('district-approve')
      .click();
    await expect(decide).toContainText('Đồng ý trích xuất cho trung tâm');
    await decide.getByTestId('district-decide-confirm').click();
    await expect(panel.locator('[data-request-id="rq-a-2026-12-07"]')).toHaveAttribute(
      'data-status',
      'approved',
    );
    await page.screenshot({ path: `${ARTIFACTS}/requests-decided.png` });
    expect(double.calls.filter((c) => c.channel === 'district.decide')).toEqual([
      {
        channel: 'district.decide',
        payload: {
          requestId: 'rq-b-2026-12-07',
          decision: 'refused',
          reason: 'Vụ việc đang giữ bí mật điều tra',
        },
      },
      {
        channel: 'district.decide',
        payload: { requestId: 'rq-a-2026-12-07', decision: 'approved', reason: '' },
      },
    ]);

    // Settings show the live link with its backlog.
    await page.keyboard.press('Escape');
    await openSettings(page);
    await expect(page.getByTestId('district-link')).toHaveText('Đã kết nối');
    await expect(page.getByTestId('district-pending')).toContainText('3 sự kiện');
    await expect(page.getByTestId('district-last-seq')).toHaveText('#1284');
    await expect(page.getByTestId('status-district')).toHaveText('Trung tâm: Đã kết nối');
    await page.getByTestId('district-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/settings-linked.png` });
    await expectPlainWords(page, 'settings-linked');
  } finally {
    await run.stop();
  }
});
