// The wording of the export report (biên bản trích xuất), shared by its HTML and
// PDF renderings so the two always state the same facts in the same words.
// Vietnamese first; the English label is a small subtitle for foreign readers.
import { codecName } from '../../contract/codec-name';
import { CATEGORY_VI, formatDurationVi, labelOf } from '../reports/report-labels-vi';
import {
  MANIFEST_NAME,
  SUMS_NAME,
  type ExportManifest,
  type ManifestCamera,
  type ManifestFile,
  type ManifestTime,
} from './export-manifest';

export const REPORT_TITLE_VI = 'BIÊN BẢN TRÍCH XUẤT DỮ LIỆU CAMERA';
export const REPORT_TITLE_EN = 'Camera footage export record';
export const NATION_VI = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO_VI = 'Độc lập - Tự do - Hạnh phúc';

export interface Labelled {
  vi: string;
  en: string;
}

export interface ReportFact extends Labelled {
  value: string;
}

export const SECTIONS = {
  general: { vi: 'Thông tin chung', en: 'General' },
  cameras: { vi: 'Camera và đoạn video trích xuất', en: 'Cameras and exported footage' },
  files: { vi: 'Danh sách tệp và mã SHA-256', en: 'Files and SHA-256 hashes' },
  verify: { vi: 'Hướng dẫn kiểm tra tính toàn vẹn', en: 'How to verify the files' },
} satisfies Record<string, Labelled>;

export const SIGNERS = {
  officer: { vi: 'CÁN BỘ TRÍCH XUẤT', en: 'Exporting officer' },
  recipient: { vi: 'NGƯỜI NHẬN', en: 'Received by' },
} satisfies Record<string, Labelled>;

export const SIGN_HINT = '(Ký, ghi rõ họ tên)';

export const CAMERA_COLUMNS: Labelled[] = [
  { vi: 'Camera', en: 'Camera' },
  { vi: 'Tệp video', en: 'Video file' },
  { vi: 'Từ', en: 'From' },
  { vi: 'Đến', en: 'To' },
  { vi: 'Định dạng', en: 'Format' },
];

export const FILE_COLUMNS: Labelled[] = [
  { vi: 'Tệp', en: 'File' },
  { vi: 'Dung lượng', en: 'Size' },
  { vi: 'SHA-256', en: 'SHA-256' },
];

const KIND_VI: Record<string, string> = {
  video: 'Video',
  snapshot: 'Ảnh chụp',
  player: 'Trang xem video',
};

/** "27/11/2026 20:15" then the exact UTC instant, as in manifest.json. */
export function timeLines(t: ManifestTime): [string, string] {
  return [t.local, `UTC ${t.utc}`];
}

/** "ngày 27 tháng 11 năm 2026" from a station date "27/11/2026 …", as a record is dated. */
export function formalDateVi(local: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(local);
  return m ? `ngày ${m[1]} tháng ${m[2]} năm ${m[3]}` : local;
}

/** Vietnamese number style: 1.234.567 */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "12,5 MB" plus the exact byte count, which is what a copy check compares. */
export function formatBytesVi(bytes: number): string {
  const units = ['byte', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${groupDigits(bytes)} byte`;
  const short = (v >= 100 ? v.toFixed(0) : v.toFixed(1)).replace('.', ',');
  return `${short} ${units[u]} (${groupDigits(bytes)} byte)`;
}

export function codecLabel(c: ManifestCamera): string {
  if (!c.codec) return '—';
  const name = codecName(c.codec);
  return c.width && c.height ? `${name}, ${c.width}×${c.height}` : name;
}

export function fileKindVi(kind: string): string {
  return KIND_VI[kind] ?? kind;
}

/** What a listed file is: "Ảnh chụp · Cổng chợ · 27/11/2026 20:15:03" (camera and time when known). */
export function fileDescriptionVi(f: ManifestFile, cameraName: string | undefined): string {
  return [fileKindVi(f.kind), cameraName, f.takenAt?.local].filter(Boolean).join(' · ');
}

/**
 * The files table's last row: the sum of the rows above, which are not the
 * whole folder (the manifest and the report cannot list their own hashes).
 */
export function filesTotalVi(count: number): { label: string; note: string } {
  return {
    label: `Tổng cộng ${count} tệp kể trên`,
    note: `Không gồm ${MANIFEST_NAME}, biên bản (HTML, PDF) và ${SUMS_NAME}; mã SHA-256 của ${MANIFEST_NAME} và biên bản ghi trong ${SUMS_NAME}`,
  };
}

export function officerLine(m: ExportManifest): string {
  const o = m.officer;
  return `${o.rank} ${o.fullName} — số hiệu ${o.badgeNumber}`;
}

/** The "I. Thông tin chung" rows, in print order. */
export function generalFacts(m: ExportManifest): ReportFact[] {
  const [fromLocal, fromUtc] = timeLines(m.range.start);
  const [toLocal, toUtc] = timeLines(m.range.end);
  const [atLocal, atUtc] = timeLines(m.exportedAt);
  const facts: ReportFact[] = [{ vi: 'Mã trích xuất', en: 'Export ID', value: m.exportId }];
  if (m.incident) {
    const i = m.incident;
    facts.push(
      {
        vi: 'Vụ việc',
        en: 'Incident',
        value: `${i.code} — ${labelOf(CATEGORY_VI, i.category)}`,
      },
      { vi: 'Địa điểm vụ việc', en: 'Incident location', value: i.location || '—' },
      { vi: 'Nội dung vụ việc', en: 'Description', value: i.description || '—' },
    );
  } else {
    facts.push({
      vi: 'Căn cứ trích xuất',
      en: 'Basis',
      value: 'Trích xuất theo khoảng thời gian (không gắn vụ việc)',
    });
  }
  facts.push(
    {
      vi: 'Số công văn / hồ sơ',
      en: 'Case number',
      value: m.caseNumber || 'Không có',
    },
    {
      vi: 'Khoảng thời gian',
      en: 'Time range',
      value: `${fromLocal} – ${toLocal} (giờ Việt Nam, UTC${m.utcOffset})\n${fromUtc} – ${toUtc}`,
    },
    { vi: 'Thời điểm trích xuất', en: 'Exported at', value: `${atLocal}\n${atUtc}` },
    { vi: 'Cán bộ trích xuất', en: 'Exporting officer', value: officerLine(m) },
    { vi: 'Đơn vị', en: 'Station', value: m.station },
    { vi: 'Phần mềm', en: 'Software', value: `${m.app.name} phiên bản ${m.app.version}` },
    {
      vi: 'Nhật ký hệ thống (dòng cuối)',
      en: 'Audit trail head',
      value: m.auditHead
        ? `Dòng số ${m.auditHead.seq} · mã ${m.auditHead.hash}`
        : 'Chưa có dòng nào',
    },
  );
  return facts;
}

/** Missing stretches of one camera, one line each; none when its footage is complete. */
export function missingLines(c: ManifestCamera): string[] {
  if (c.file === null) return ['Không có dữ liệu ghi hình trong khoảng thời gian này'];
  return c.missing.map(
    (g) =>
      `Không có hình: ${g.start.local} – ${g.end.local} (${formatDurationVi(g.end.ms - g.start.ms)})`,
  );
}
