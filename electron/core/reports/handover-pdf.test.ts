import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Handover, HandoverIncident } from '../../contract/shift-schemas';
import { renderHandoverPdf } from './handover-pdf';
import { unembeddedFonts, wordBoxes } from './testing/pdf-inspect';

const M = 60_000;
const H = 60 * M;
/** 07:00 on 10/03/2026 at the station. */
const T0 = Date.UTC(2026, 2, 10, 0, 0);
const HASH = '9f2c1a7be4d03f88ab12cd34ef567890ffee11dd22cc33bb44aa559966887700';
const DESCRIPTION = 'Đối tượng trộm cắp xe máy Honda Wave trước cổng chợ, đã bỏ chạy';

const dir = mkdtempSync(join(tmpdir(), 'station-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const incident = (n: number, over: Partial<HandoverIncident> = {}): HandoverIncident => ({
  id: `inc-${n}`,
  code: `2026-${String(n).padStart(4, '0')}`,
  category: 'fighting',
  severity: 'medium',
  status: 'in_progress',
  location: `Ngõ ${n} phố Hàng Bạc`,
  description: `Gây rối trật tự lần thứ ${n}`,
  occurredAt: T0 + n * M,
  cameraNames: ['Cổng trụ sở'],
  ...over,
});

function handover(over: Partial<Handover> = {}): Handover {
  return {
    id: 'h-1',
    shiftId: 's-1',
    outgoing: { id: 'off-a', fullName: 'Nguyễn Văn An', rank: 'Thiếu úy', role: 'duty' },
    shiftStartedAt: T0,
    shiftEndedAt: T0 + 8 * H,
    endReason: 'handover',
    summary: {
      fromMs: T0,
      toMs: T0 + 8 * H,
      incidentsOpened: [
        incident(12, {
          category: 'theft',
          severity: 'high',
          status: 'new',
          description: DESCRIPTION,
          cameraNames: ['Cổng trụ sở', 'Ngã tư Lê Lợi'],
        }),
      ],
      incidentsUpdated: [],
      incidentsStillOpen: [],
      outages: [
        {
          cameraId: 'cam-1',
          cameraName: 'Ngã tư Lê Lợi',
          startedAt: T0 + H,
          endedAt: T0 + 2 * H + 5 * M,
          durationMs: 65 * M,
        },
      ],
      recordingGaps: [
        {
          cameraId: 'cam-9',
          cameraName: 'Chợ đêm',
          startMs: T0 + 7 * H,
          endMs: null,
          durationMs: H,
          reason: 'disk_error',
        },
      ],
      exports: [],
      storageAlarms: [{ atMs: T0 + 6 * H, kind: 'disk_full', cleared: false }],
      cameraAlarms: [
        {
          cameraId: 'cam-3',
          cameraName: 'Ngã tư Phố Huế',
          kind: 'covered',
          startMs: T0 + 3 * H,
          endMs: T0 + 3 * H + 12 * M,
          durationMs: 12 * M,
          acknowledgedBy: 'Nguyễn Văn An',
        },
      ],
      auditHead: { seq: 4821, hash: 'cd'.repeat(32) },
    },
    outgoingNotes: 'Camera Ngã tư Lê Lợi chập chờn, đề nghị ca sau theo dõi',
    createdAt: T0 + 8 * H,
    incoming: { id: 'off-b', fullName: 'Trần Thị Bình', rank: 'Trung úy', role: 'duty' },
    incomingNote: 'Đã nhận đủ',
    acknowledgedAt: T0 + 8 * H + 5 * M,
    contentHash: HASH,
    ...over,
  };
}

async function render(name: string, h: Handover): Promise<{ text: string; info: string }> {
  const pdf = await renderHandoverPdf(h, {
    stationName: 'Công an phường Hàng Bạc',
    generatedAt: T0 + 9 * H,
  });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return {
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
  };
}

describe('renderHandoverPdf', () => {
  it('prints an acknowledged handover in Vietnamese on A4', async () => {
    const { text, info } = await render('acked.pdf', handover());
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(text).toContain(`Trang ${pages}/${pages}`);
    for (const expected of [
      'BIÊN BẢN BÀN GIAO CA TRỰC',
      'CÔNG AN PHƯỜNG HÀNG BẠC',
      // Station time (UTC+7), whatever the machine's zone.
      'Ca trực từ 10/03/2026 07:00 đến 10/03/2026 15:00',
      'Thiếu úy Nguyễn Văn An',
      'Trung úy Trần Thị Bình',
      '10/03/2026 15:05',
      '2026-0012',
      'Trộm cắp tài sản',
      DESCRIPTION,
      'Cổng trụ sở, Ngã tư Lê Lợi',
      '1 giờ 5 phút',
      'Chưa ghi lại',
      'Lỗi ổ cứng',
      'Ổ cứng đầy',
      'CẢNH BÁO HÌNH ẢNH VÀ GIỜ CAMERA TRONG CA (1)',
      'Camera bị che/mờ',
      '12 phút',
      'Camera Ngã tư Lê Lợi chập chờn, đề nghị ca sau theo dõi',
      'Đã nhận đủ',
      HASH,
      'dòng số 4821 · mã',
      'cd'.repeat(32),
      'NGƯỜI GIAO CA',
      'NGƯỜI NHẬN CA',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Chưa nhận bàn giao');
    // Every font travels in the file (a viewer's stand-in font can overflow its box), and
    // the content hash prints whole on one line inside the page.
    const file = join(dir, 'acked.pdf');
    expect(unembeddedFonts(file)).toEqual([]);
    const { words, pageW, pageH } = wordBoxes(file);
    const hash = words.filter((w) => w.text === HASH);
    expect(hash).toHaveLength(1);
    expect(hash[0]!.xMin).toBeGreaterThanOrEqual(0);
    expect(hash[0]!.xMax).toBeLessThanOrEqual(pageW);
    expect(hash[0]!.yMin).toBeGreaterThanOrEqual(0);
    expect(hash[0]!.yMax).toBeLessThanOrEqual(pageH);
  });

  it('says when nobody has acknowledged yet, and numbers every page', async () => {
    const many = Array.from({ length: 40 }, (_, i) => incident(100 + i));
    const { text, info } = await render(
      'pending.pdf',
      handover({
        endReason: 'replaced',
        incoming: null,
        incomingNote: null,
        acknowledgedAt: null,
        contentHash: null,
        summary: { ...handover().summary, incidentsStillOpen: many },
      }),
    );
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Trang ${p}/${pages}`);
    expect(text).toContain('Chưa nhận bàn giao');
    expect(text).toContain('2026-0139');
    expect(text).toContain('Gây rối trật tự lần thứ 139');
    expect(text).toContain('chưa được người nhận ca xác nhận');
  });
});
