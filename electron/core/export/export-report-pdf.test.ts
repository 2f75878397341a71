import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportManifest } from './export-manifest';
import { renderExportReportPdf } from './export-report-pdf';
import { sampleManifest } from './testing/sample-manifest';
import { unembeddedFonts, wordBoxes, type Word } from '../reports/testing/pdf-inspect';

const dir = mkdtempSync(join(tmpdir(), 'export-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(
  name: string,
  m: ExportManifest,
): Promise<{ text: string; raw: string; info: string }> {
  const pdf = await renderExportReportPdf(m);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return {
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    // Content-stream order keeps each table cell's lines together.
    raw: execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }),
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
  };
}

const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * Each hash sits in its table row as two halves of 32 digits on consecutive lines, inside the page:
 * its first line starts level with the file name of its row (the row's top), below all
 * text of the row above, and its second line ends above the next row.
 */
function expectHashesInRows(file: string, hashes: string[]): void {
  const { words, pageW, pageH } = wordBoxes(file);
  const one = (text: string) => {
    const found = words.filter((w) => w.text === text);
    expect(found, `"${text}" once on one line`).toHaveLength(1);
    return found[0]!;
  };
  let prev: Word | null = null;
  for (const sha of hashes) {
    const top = one(sha.slice(0, 32));
    const bottom = one(sha.slice(32));
    expect(bottom.page).toBe(top.page);
    expect(bottom.xMin).toBeCloseTo(top.xMin, 1);
    // The second half on the very next line: no blank line between the halves.
    expect(bottom.yMin).toBeGreaterThanOrEqual(top.yMax - 0.5);
    expect(bottom.yMin - top.yMax).toBeLessThan((top.yMax - top.yMin) / 2);
    for (const w of [top, bottom]) {
      expect(w.xMin).toBeGreaterThanOrEqual(0);
      expect(w.xMax).toBeLessThanOrEqual(pageW);
      expect(w.yMin).toBeGreaterThanOrEqual(0);
      expect(w.yMax).toBeLessThanOrEqual(pageH);
    }
    const samePage = words.filter((w) => w.page === top.page);
    // The row's first line: words left of the hash that start level with it.
    const level = samePage.filter((w) => w.xMax < top.xMin && Math.abs(w.yMin - top.yMin) < 1.5);
    expect(level.length, `a file name level with ${sha.slice(0, 8)}…`).toBeGreaterThan(0);
    if (prev?.page === top.page) {
      const rowAbove = samePage.filter(
        (w) => w.yMin >= prev!.yMin - 1.5 && w.yMin < top.yMin - 1.5,
      );
      expect(Math.max(...rowAbove.map((w) => w.yMax))).toBeLessThanOrEqual(top.yMin + 0.5);
    }
    prev = top;
  }
}

describe('renderExportReportPdf', () => {
  it('prints the export record in Vietnamese on A4 with every hash and file', async () => {
    const m = sampleManifest();
    const { text, raw, info } = await render('sample.pdf', m);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Trang ${p}/${pages}`);
    for (const expected of [
      'BIÊN BẢN TRÍCH XUẤT DỮ LIỆU CAMERA',
      'CÔNG AN PHƯỜNG HÀNG BẠC',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Thiếu úy Nguyễn Văn An',
      '215-347',
      'CV 215/CAP-ĐTTH',
      '2026-0147',
      'Cướp giật tài sản',
      'Trước số 12 phố Hàng Bè',
      // Station time (UTC+7) and UTC, whatever the machine's zone.
      '27/11/2026 20:15',
      '2026-11-27T13:15:00.000Z',
      'Ngã tư Hàng Bạc – Đinh Liệt',
      'Không có dữ liệu ghi hình trong khoảng thời gian này',
      'H.264, 640×360',
      'Trực ban Camera phiên bản 0.1.0',
      'sha256sum -c SHA256SUMS.txt',
      'certutil -hashfile',
      'shasum -a 256 -c SHA256SUMS.txt',
      'CÁN BỘ TRÍCH XUẤT',
      'NGƯỜI NHẬN',
    ]) {
      expect(text).toContain(expected);
    }
    // Cells wrap long names and hashes: compare without whitespace.
    const flat = squash(raw);
    for (const f of m.files) {
      expect(flat).toContain(f.sha256);
      expect(flat).toContain(squash(f.name));
    }
    for (const line of [...m.verify.vi, ...m.verify.en]) expect(flat).toContain(squash(line));
    // A snapshot says which camera took it, and when; the total says what it adds up.
    expect(flat).toContain(squash('Ảnh chụp · Cổng chợ Hàng Bè · 27/11/2026 20:16:12'));
    expect(flat).toContain(squash(`Tổng cộng ${m.files.length} tệp kể trên`));
    expect(flat).toContain(
      squash('Không gồm manifest.json, biên bản (HTML, PDF) và SHA256SUMS.txt'),
    );
    const file = join(dir, 'sample.pdf');
    expect(unembeddedFonts(file)).toEqual([]);
    expectHashesInRows(
      file,
      m.files.map((f) => f.sha256),
    );
    // Missing stretch of the camera that dropped out, with its length.
    expect(text).toMatch(/Không có hình: 27\/11\/2026 20:17:00 – 27\/11\/2026 20:18:00 \(1 phút\)/);
  });

  it('says when the export is a plain time range, and numbers pages of a long export', async () => {
    const base = sampleManifest();
    const cameras = Array.from({ length: 16 }, (_, i) => ({
      ...base.cameras[0]!,
      id: `cam-${i}`,
      name: `Camera số ${i + 1}`,
      file: `video/CAM${String(i + 1).padStart(2, '0')}.mp4`,
    }));
    const files = cameras.map((c, i) => ({
      name: c.file,
      bytes: 1000 + i,
      // The first is all of the widest digit: it must still fit two lines of 32.
      sha256:
        i === 0
          ? '4'.repeat(63) + '0'
          : (i.toString(16) + 'f').repeat(16) + (i.toString(16).padStart(2, '0') + '00').repeat(8),
      kind: 'video' as const,
      cameraId: c.id,
    }));
    const { text, raw, info } = await render('range.pdf', {
      ...base,
      incident: null,
      caseNumber: '',
      cameras,
      files,
    });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Trang ${p}/${pages}`);
    expect(text).toContain('Trích xuất theo khoảng thời gian');
    expect(text).not.toContain('2026-0147');
    expect(text).toContain('Camera số 16');
    const flat = squash(raw);
    for (const f of files) expect(flat).toContain(f.sha256);
    expectHashesInRows(
      join(dir, 'range.pdf'),
      files.map((f) => f.sha256),
    );
  });
});
