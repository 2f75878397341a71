// manifest.json of an export folder: the facts an investigator needs, readable
// without our software. The report (HTML, PDF) and the offline player page are
// rendered from this same object, so they can never disagree with it.
// Times are given three ways: UTC ISO-8601, station local time (UTC+7, written
// out), and epoch milliseconds for tools.
import {
  formatStationDateTimeSeconds,
  STATION_UTC_OFFSET_MINUTES,
} from '../../contract/station-time';

export const MANIFEST_FORMAT = 'vn-station-export/1';
export const MANIFEST_NAME = 'manifest.json';
export const SUMS_NAME = 'SHA256SUMS.txt';
export const REPORT_HTML_NAME = 'bien-ban-xuat-du-lieu.html';
export const REPORT_PDF_NAME = 'bien-ban-xuat-du-lieu.pdf';
export const PLAYER_NAME = 'xem-video.html';

export interface ManifestTime {
  utc: string;
  /** Station local time, e.g. "27/11/2026 20:15:03". */
  local: string;
  ms: number;
}

export interface ManifestFile {
  /** Relative to the export folder, `/`-separated. */
  name: string;
  bytes: number;
  sha256: string;
  kind: 'video' | 'snapshot' | 'player';
  cameraId: string | null;
  /** Snapshots: the instant the picture shows, when the station knows it. */
  takenAt?: ManifestTime;
}

export interface ManifestCamera {
  id: string;
  name: string;
  location: string;
  /** Its video file (relative name); null when it had no footage in the range. */
  file: string | null;
  codec: string | null;
  width: number | null;
  height: number | null;
  /**
   * How the file was made: `fragments` (the recorded samples copied into a plain MP4)
   * or `remux` (ffmpeg stream copy); absent in exports made before either was recorded.
   */
  method?: 'fragments' | 'remux';
  /** Time the file covers: its first frame is shown at `start` (edit list), it ends at `end`. */
  start: ManifestTime;
  end: ManifestTime;
  /** Parts of the range without footage (the file holds the last frame across them). */
  missing: { start: ManifestTime; end: ManifestTime }[];
}

export interface ExportManifest {
  format: typeof MANIFEST_FORMAT;
  exportId: string;
  app: { name: string; version: string };
  station: string;
  /** Station time zone as an offset, e.g. "+07:00". */
  utcOffset: string;
  incident: {
    id: string;
    code: string;
    category: string;
    location: string;
    description: string;
  } | null;
  caseNumber: string;
  range: { start: ManifestTime; end: ManifestTime };
  exportedAt: ManifestTime;
  officer: { fullName: string; rank: string; badgeNumber: string };
  /**
   * The audit trail's last row when the export started: printed in the report, so a
   * later deletion of audit rows past it shows against the paper copy.
   */
  auditHead: { seq: number; hash: string } | null;
  cameras: ManifestCamera[];
  /** Every file of the folder except manifest.json, SHA256SUMS.txt and the report. */
  files: ManifestFile[];
  /** How to check the files (Vietnamese, then English); repeated in the report. */
  verify: { vi: string[]; en: string[] };
}

export function manifestTime(ms: number): ManifestTime {
  return { utc: new Date(ms).toISOString(), local: formatStationDateTimeSeconds(ms), ms };
}

export function utcOffsetText(minutes = STATION_UTC_OFFSET_MINUTES): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The verification steps written into manifest.json and the report. They say
 * exactly which list holds which hash: SHA256SUMS.txt covers every other file
 * of the folder; manifest.json and the report cannot list themselves, so they
 * list the media only (videos, snapshots, player page).
 */
export function verifyInstructions(): ExportManifest['verify'] {
  return {
    vi: [
      `${SUMS_NAME} ghi mã SHA-256 của mọi tệp khác trong thư mục, kể cả ${MANIFEST_NAME} và biên bản (HTML, PDF). ${MANIFEST_NAME} và biên bản chỉ ghi mã của video, ảnh chụp và trang xem video.`,
      `Linux: mở cửa sổ lệnh trong thư mục này và chạy: sha256sum -c ${SUMS_NAME} (mọi dòng phải báo OK).`,
      `macOS: mở Terminal trong thư mục này và chạy: shasum -a 256 -c ${SUMS_NAME} (mọi dòng phải báo OK).`,
      `Windows: mở Command Prompt trong thư mục này và chạy cho từng tệp: certutil -hashfile "<tên tệp>" SHA256, rồi so với mã của tệp đó trong ${SUMS_NAME}.`,
      'Windows PowerShell: Get-FileHash -Algorithm SHA256 "<tên tệp>" (mã hiện bằng chữ in hoa; so sánh không phân biệt chữ hoa, chữ thường).',
      'Chỉ một ký tự khác nhau nghĩa là tệp đã bị thay đổi hoặc sao chép lỗi.',
    ],
    en: [
      `${SUMS_NAME} lists the SHA-256 of every other file in this folder, ${MANIFEST_NAME} and the report (HTML, PDF) included. ${MANIFEST_NAME} and the report list only the videos, snapshots and player page.`,
      `Linux: open a terminal in this folder and run: sha256sum -c ${SUMS_NAME} (every line must say OK).`,
      `macOS: open Terminal in this folder and run: shasum -a 256 -c ${SUMS_NAME} (every line must say OK).`,
      `Windows: open Command Prompt in this folder and run, for each file: certutil -hashfile "<file name>" SHA256, then compare with that file's line in ${SUMS_NAME}.`,
      'Windows PowerShell: Get-FileHash -Algorithm SHA256 "<file name>" (printed in capitals; case does not matter).',
      'A single different character means the file was altered or copied with errors.',
    ],
  };
}

/** SHA256SUMS in the format `sha256sum -c` reads: "<hash>  <name>" per line. */
export function sha256SumsText(files: readonly { name: string; sha256: string }[]): string {
  return files.map((f) => `${f.sha256}  ${f.name}\n`).join('');
}
