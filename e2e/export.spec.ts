// Export to a folder for investigators, end to end: footage recorded by the
// real core from the RTSP rig, an incident over it, exported from the incident detail
// through the dialog (the browser build types the destination), the progress card,
// then the folder checked with sha256sum -c and the export listed on the incident.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unembeddedFonts } from '../electron/core/reports/testing/pdf-inspect';
import { expect, test } from './fixtures';

const ARTIFACTS = 'e2e/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

test.describe('export to a folder', () => {
  test.use({ rigOptions: { h264: ['cam1'] }, segmentSeconds: 2 });

  test('an incident is exported from its detail, verifiable with sha256sum -c, and listed', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(180_000);
    const dest = mkdtempSync(path.join(tmpdir(), 'station-export-e2e-'));
    try {
      const cam = await station.api.cameras.add({ name: 'Cổng chợ', mainUrl: rig.url('cam1') });
      await station.open(page);
      await expect(page.getByTestId('tile-0').getByTestId('tile-rec')).toHaveAttribute(
        'data-recording',
        'true',
        { timeout: 30_000 },
      );
      // Enough closed 2 s segments for a 10 s incident.
      let recordings: { startMs: number; endMs: number }[] = [];
      await expect
        .poll(
          async () => {
            recordings = (
              await station.api.recordings.timeline({
                cameraId: cam.id,
                from: Date.now() - 10 * 60_000,
                to: Date.now(),
              })
            ).recordings;
            return recordings.length;
          },
          { timeout: 60_000, intervals: [1000] },
        )
        .toBeGreaterThanOrEqual(7);
      const startMs = recordings[0]!.startMs + 1_500;
      const incident = await station.api.incidents.create({
        category: 'theft',
        location: 'Chợ phường',
        description: 'Mất xe máy trước cổng chợ',
        occurredAt: startMs + 2_000,
        startMs,
        endMs: startMs + 10_000,
        cameraIds: [cam.id],
      });

      await page.getByTestId('open-incidents').click();
      await page.getByTestId(`incident-row-${incident.id}`).click();
      const detail = page.getByTestId('incident-detail');
      await expect(detail).toHaveAttribute('data-incident-id', incident.id);
      await expect(page.getByTestId('incident-exports-empty')).toBeVisible();
      await detail.getByTestId('incident-export').click();

      const dialog = page.getByTestId('export-dialog');
      await expect(dialog).toBeVisible();
      await expect(dialog.getByTestId('export-incident-code')).toHaveText(incident.code);
      await expect(dialog.getByTestId('export-cameras')).toContainText('Cổng chợ');
      await expect(dialog.getByTestId('export-duration')).toContainText('10 giây');
      // The browser build has no folder picker: the choice turns into a typed path.
      await dialog.getByTestId('export-choose-folder').click();
      const folderInput = dialog.getByTestId('export-folder-input');
      await expect(folderInput).toBeVisible();

      // A folder that does not exist blocks the start with what to do.
      await folderInput.fill(path.join(dest, 'khong-co'));
      const plan = dialog.getByTestId('export-plan');
      await expect(plan).toHaveAttribute('data-state', 'blocked', { timeout: 10_000 });
      await expect(plan).toHaveAttribute('data-blocker', 'destination_missing');
      await expect(dialog.getByTestId('export-blocker')).toContainText('Không tìm thấy nơi lưu');
      await expect(dialog.getByTestId('export-start')).toBeDisabled();

      await folderInput.fill(dest);
      await dialog.getByTestId('export-case-number').fill('125/CV-CSHS');
      await expect(plan).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
      const planCamera = plan.getByTestId('export-plan-camera');
      await expect(planCamera).toHaveAttribute('data-camera-id', cam.id);
      expect(Number(await planCamera.getAttribute('data-recorded-ms'))).toBeGreaterThan(8_000);
      await expect(dialog.getByTestId('export-folder-name')).toContainText(incident.code);
      await dialog.screenshot({ path: `${ARTIFACTS}/export-dialog.png` });

      await dialog.getByTestId('export-start').click();
      await expect(dialog).toBeHidden();
      const panel = page.getByTestId('export-panel');
      await expect(panel).toBeVisible();
      // A 10 s clip may finish before a screenshot: the card is kept in whichever state it shows.
      await page.screenshot({ path: `${ARTIFACTS}/export-progress.png` });
      await expect(panel).toHaveAttribute('data-state', 'complete', { timeout: 60_000 });
      await expect(panel.getByTestId('export-eject')).toContainText('Tháo thiết bị an toàn');
      await page.screenshot({ path: `${ARTIFACTS}/export-done.png` });

      // One export folder, verifiable without our software.
      const folders = readdirSync(dest);
      expect(folders).toHaveLength(1);
      const folder = path.join(dest, folders[0]!);
      await expect(panel.getByTestId('export-done-folder')).toHaveText(folder);
      const sums = readFileSync(path.join(folder, 'SHA256SUMS.txt'), 'utf8');
      const listed = sums
        .trim()
        .split(/\r?\n/)
        .map((l) => l.replace(/^[0-9a-f]{64} [ *]/, ''));
      expect(listed).toEqual(
        expect.arrayContaining([
          'manifest.json',
          'bien-ban-xuat-du-lieu.html',
          'bien-ban-xuat-du-lieu.pdf',
          'xem-video.html',
        ]),
      );
      expect(listed.some((n) => /^video\/.+\.mp4$/.test(n))).toBe(true);
      // Built from the recorded fragments (the player below plays that file), not by ffmpeg's remux.
      const made = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as {
        cameras: { file: string | null; method?: string }[];
      };
      const exported = made.cameras.filter((c) => c.file);
      expect(exported.length).toBeGreaterThan(0);
      expect(exported.map((c) => c.method)).toEqual(exported.map(() => 'fragments'));
      const check = execFileSync('sha256sum', ['-c', 'SHA256SUMS.txt'], {
        cwd: folder,
        encoding: 'utf8',
      });
      expect(
        check
          .trim()
          .split('\n')
          .every((l) => l.endsWith(': OK')),
      ).toBe(true);
      // The printed record, made by the built core: every font embedded, and each video's
      // hash printed whole (two halves of 32 digits, one under the other).
      const pdf = path.join(folder, 'bien-ban-xuat-du-lieu.pdf');
      expect(unembeddedFonts(pdf)).toEqual([]);
      const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      const videoHashes = sums
        .split(/\r?\n/)
        .filter((l) => / [ *]video\/.+\.mp4$/.test(l))
        .map((l) => l.slice(0, 64));
      expect(videoHashes.length).toBeGreaterThan(0);
      for (const h of videoHashes) {
        expect(pdfText).toMatch(new RegExp(`${h.slice(0, 32)}\\s*\\n.*${h.slice(32)}`));
      }
      const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as {
        caseNumber?: string;
      };
      expect(JSON.stringify(manifest)).toContain('125/CV-CSHS');
      const files = Number(await panel.getByTestId('export-done-files').getAttribute('data-files'));
      expect(files).toBeGreaterThanOrEqual(listed.length);

      // The incident lists it (refreshed by export.changed, no reload).
      const row = detail.getByTestId('incident-export-row');
      await expect(row).toHaveCount(1);
      await expect(row).toHaveAttribute('data-status', 'complete');
      await expect(row).toContainText(folders[0]!);
      await panel.getByTestId('export-panel-close').click();
      await expect(panel).toBeHidden();

      // The next export offers that folder again, with its free space: no path to retype.
      await detail.getByTestId('incident-export').click();
      await expect(dialog).toBeVisible();
      const recent = dialog.getByTestId('export-recent-folder');
      await expect(recent).toHaveCount(1);
      await expect(recent).toHaveAttribute('data-mount-path', dest);
      await expect(recent).toContainText(/Còn trống [\d,.]+ [KMGT]?B/);
      await recent.click();
      await expect(recent).toHaveAttribute('aria-checked', 'true');
      await expect(dialog.getByTestId('export-destination')).toHaveAttribute('data-path', dest);
      await expect(dialog.getByTestId('export-folder-input')).toHaveCount(0);
      await expect(plan).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
      await dialog.getByTestId('export-dialog-cancel').click();
      await expect(dialog).toBeHidden();

      // What the investigator opens: the offline page plays the exported MP4 (with its edit
      // list) straight from the folder, and the MP4 starts at the requested instant.
      const player = await page.context().newPage();
      await player.goto(pathToFileURL(path.join(folder, 'xem-video.html')).href);
      const video = player.locator('video').first();
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 })
        .toBeGreaterThanOrEqual(2);
      await player.locator('#play').click();
      await expect
        .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 15_000 })
        .toBeGreaterThan(1);
      await player.locator('#play').click();
      await player.screenshot({ path: `${ARTIFACTS}/export-offline-player.png` });
      await player.close();
    } finally {
      rmSync(dest, { recursive: true, force: true });
    }
  });
});
