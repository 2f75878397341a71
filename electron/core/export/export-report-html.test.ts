import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../recording/testing/recording-test-kit';
import { REPORT_HTML_NAME } from './export-manifest';
import { renderExportReportHtml } from './export-report-html';
import { sampleManifest } from './testing/sample-manifest';

const ARTIFACTS = fileURLToPath(new URL('../../../e2e/artifacts/', import.meta.url));
const EVIL = '<img src=x onerror=alert(1)>';
const tmp = await tempDir('export-report-html');
afterAll(() => tmp.cleanup());

describe('renderExportReportHtml', () => {
  it('states every file with its hash, the officer and the verification steps', () => {
    const m = sampleManifest();
    const html = renderExportReportHtml(m);
    for (const f of m.files) {
      expect(html).toContain(f.name);
      expect(html).toContain(f.sha256);
    }
    // The audit trail's head at export time, so a later truncation shows on paper.
    expect(html).toContain(`Dòng số 1287 · mã ${m.auditHead!.hash}`);
    for (const expected of [
      'BIÊN BẢN TRÍCH XUẤT DỮ LIỆU CAMERA',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Thiếu úy Nguyễn Văn An',
      '215-347',
      'CV 215/CAP-ĐTTH',
      'Cướp giật tài sản',
      '2026-11-27T13:15:00.000Z',
      '27/11/2026 20:15',
      '<code>sha256sum -c SHA256SUMS.txt</code>',
      '<code>certutil -hashfile &quot;&lt;tên tệp&gt;&quot; SHA256</code>',
      '<code>shasum -a 256 -c SHA256SUMS.txt</code>',
      // A snapshot says which camera took it, and when.
      'Ảnh chụp · Cổng chợ Hàng Bè · 27/11/2026 20:16:12',
      // The total says what it adds up.
      `Tổng cộng ${m.files.length} tệp kể trên`,
      'Không gồm manifest.json, biên bản (HTML, PDF) và SHA256SUMS.txt',
      'CÁN BỘ TRÍCH XUẤT',
      'NGƯỜI NHẬN',
    ]) {
      expect(html).toContain(expected);
    }
    // Self-contained: nothing is fetched when it is opened.
    expect(html).not.toMatch(/<(link|img|script)\b|src=|url\(/i);
  });

  it('says when the export is a plain time range', () => {
    const html = renderExportReportHtml({ ...sampleManifest(), incident: null, caseNumber: '' });
    expect(html).toContain('Trích xuất theo khoảng thời gian');
    expect(html).not.toContain('2026-0147');
  });

  it('escapes every value typed by users', () => {
    const base = sampleManifest({ firstCameraName: EVIL });
    const html = renderExportReportHtml({
      ...base,
      station: 'Công an "phường" <b>X</b>',
      incident: { ...base.incident!, description: '</td></table><script>alert(2)</script>' },
      officer: { ...base.officer, fullName: 'An & <i>Bình</i>' },
    });
    expect(html).not.toContain(EVIL);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<i>Bình');
    expect(html).toContain('An &amp; &lt;i&gt;Bình&lt;/i&gt;');
    expect(html).toContain('CÔNG AN &quot;PHƯỜNG&quot; &lt;B&gt;X&lt;/B&gt;');
  });

  it('renders in Chromium from file:// as text, one A4 sheet wide', async () => {
    const m = sampleManifest({ firstCameraName: EVIL });
    const file = join(tmp.dir, REPORT_HTML_NAME);
    await writeFile(file, renderExportReportHtml(m));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href, { timeout: 15_000 });
      expect(await page.locator('img').count()).toBe(0);
      const body = await page.locator('body').innerText();
      expect(body).toContain(EVIL);
      expect(body).toContain('BIÊN BẢN TRÍCH XUẤT DỮ LIỆU CAMERA');
      for (const f of m.files) expect(body).toContain(f.sha256);
      // Hash cells wrap inside the sheet instead of widening it.
      // (Page-side code as text: this project's Node tsconfig has no DOM types.)
      const overflow = await page.evaluate<number>(
        "(() => { const s = document.querySelector('.sheet'); return s ? s.scrollWidth - s.clientWidth : -1; })()",
      );
      expect(overflow).toBe(0);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'export-report.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await browser.close();
    }
  });
});
