// The district centre page, as the centre's duty officer sees it: the stations table
// (one station silent for 11 minutes shows "Mất kết nối"), a station's incident log in
// Vietnamese, and an export request sent to the station through the real hub.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { seedCentre } from '../centre/testing/seed-centre';

const ARTIFACTS = 'e2e/artifacts/centre';
/** The bundled centre service (npm run build:centre), the file an installer ships. */
const CENTRE_SERVICE = 'dist/centre-service/centre.mjs';
let child: ChildProcess | null = null;
let dataDir = '';
let url = '';

test.beforeAll(async () => {
  if (!existsSync('dist/centre/index.html') || !existsSync(CENTRE_SERVICE)) {
    throw new Error('dist/centre or the centre service bundle is missing: run `npm run build`');
  }
  dataDir = mkdtempSync(path.join(tmpdir(), 'centre-e2e-'));
  await seedCentre(dataDir, Date.now());
  child = spawn(
    process.execPath,
    [
      CENTRE_SERVICE,
      'serve',
      '--data',
      dataDir,
      '--http-port',
      '0',
      '--leaf-host',
      '127.0.0.1',
      '--leaf-port=-1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-3000)));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`centre did not start:\n${err}`)), 30_000);
    child!.once('exit', (code) => reject(new Error(`centre exited ${String(code)}:\n${err}`)));
    createInterface({ input: child!.stdout! }).on('line', (line) => {
      const m = /^CENTRE_READY (\S+)/.exec(line);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
});

test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGINT');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 8_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the centre shows its stations and a station incident log, and sends an export request', async ({
  page,
}) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Tổng quan các trạm' })).toBeVisible();
  const table = page.getByTestId('stations-table');
  await expect(table.getByText('Công an phường Bến Nghé')).toBeVisible();
  const daKao = page.getByTestId('station-da-kao');
  await expect(daKao).toContainText('Mất kết nối');
  await expect(daKao).toContainText('11 phút trước');
  const benNghe = page.getByTestId('station-ben-nghe');
  await expect(benNghe).toContainText('Trực tuyến');
  await expect(benNghe).toContainText('15/16');
  await expect(page.getByTestId('centre-summary')).toContainText('1 mất kết nối');

  await benNghe.click();
  await expect(
    page.getByRole('heading', { name: 'Nhật ký vụ việc — Công an phường Bến Nghé' }),
  ).toBeVisible();
  const log = page.getByTestId('incident-log');
  await expect(log.locator('tbody tr')).toHaveCount(4);
  await expect(log).toContainText('Trộm cắp tài sản');
  await expect(log).toContainText('Cướp giật tài sản');
  await expect(log).toContainText('Khẩn cấp');
  await expect(log).toContainText('Đang xử lý');
  await expect(page.getByText('Báo động hình ảnh')).toBeVisible();
  await expect(page.getByText('Hẻm 12 Tôn Thất Thiệp')).toBeVisible();
  await expect(page.getByTestId('export-requests')).toContainText('Trạm đã phê duyệt');

  // Request footage of the fight on Nguyễn Huệ from its row.
  await log
    .locator('tr', { hasText: 'BN-0413' })
    .getByRole('button', { name: 'Yêu cầu trích xuất' })
    .click();
  const form = page.getByTestId('export-form');
  await expect(form.getByLabel('Mã vụ việc')).toHaveValue('BN-0413');
  // No reason: refused by the service, the field named in the officer's words.
  await form.getByLabel('Cán bộ yêu cầu').fill('Thượng úy Phạm Thu Hà');
  await form.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  await expect(form.getByRole('status')).toHaveText('Kiểm tra lại các trường: Lý do yêu cầu');
  await form
    .getByLabel('Lý do yêu cầu')
    .fill('Phục vụ điều tra vụ đánh nhau tại phố đi bộ Nguyễn Huệ');
  await form.getByLabel('Cán bộ yêu cầu').fill('Thượng úy Phạm Thu Hà');
  await form.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  await expect(form.getByRole('status')).toHaveText('Đã gửi yêu cầu tới trạm.');
  const requests = page.getByTestId('export-requests');
  await expect(requests.locator('li').first()).toContainText('BN-0413');
  await expect(requests.locator('li').first()).toContainText('Chờ trạm quyết định');

  // Stored on the hub for the station to source: the centre API says sent.
  const body = (await (
    await page.request.get(`${url}/api/export-requests?station=ben-nghe`)
  ).json()) as {
    requests: { incidentCode: string; status: string; requestedBy: string }[];
  };
  expect(body.requests[0]).toMatchObject({
    incidentCode: 'BN-0413',
    status: 'sent',
    requestedBy: 'Thượng úy Phạm Thu Hà',
  });

  await page.screenshot({ path: `${ARTIFACTS}/centre-overview.png` });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Stations overview' })).toBeVisible();
  await expect(form.getByRole('status')).toHaveText('Request sent to the station.');
  await page.screenshot({ path: `${ARTIFACTS}/centre-overview-en.png` });
});
