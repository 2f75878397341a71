// A realistic export manifest for the report and player tests: four cameras at
// ward locations (one starting late with a missing stretch, one with no
// footage), an incident and a case number. Times scale with `seconds`, so the
// Chromium test can pair it with a few seconds of real video per camera.
import {
  MANIFEST_FORMAT,
  PLAYER_NAME,
  manifestTime,
  utcOffsetText,
  verifyInstructions,
  type ExportManifest,
  type ManifestCamera,
  type ManifestFile,
} from '../export-manifest';

/** 20:15:00 on 27/11/2026 at the station (UTC+7). */
export const SAMPLE_START_MS = Date.UTC(2026, 10, 27, 13, 15, 0);

export interface SampleManifestOptions {
  /** Length of the exported range; 300 s by default. */
  seconds?: number;
  /** Replaces the first camera's name (e.g. with markup, to test escaping). */
  firstCameraName?: string;
}

/** Deterministic fake SHA-256 (64 hex digits) so each file's hash differs visibly. */
function fakeSha256(seed: number): string {
  let out = '';
  let x = (seed * 2654435761) >>> 0;
  for (let i = 0; i < 64; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += ((x >>> 16) & 15).toString(16);
  }
  return out;
}

export function sampleManifest(opts: SampleManifestOptions = {}): ExportManifest {
  const seconds = opts.seconds ?? 300;
  const start = SAMPLE_START_MS;
  const end = start + seconds * 1000;
  const at = (fraction: number) => start + Math.round(seconds * fraction) * 1000;
  const t = manifestTime;

  const video = (
    id: string,
    name: string,
    location: string,
    file: string,
    fromMs: number,
    missing: Array<[number, number]> = [],
  ): ManifestCamera => ({
    id,
    name,
    location,
    file,
    codec: 'h264',
    width: 640,
    height: 360,
    start: t(fromMs),
    end: t(end),
    missing: missing.map(([a, b]) => ({ start: t(a), end: t(b) })),
  });

  const cameras: ManifestCamera[] = [
    video(
      'cam-01',
      opts.firstCameraName ?? 'Cổng chợ Hàng Bè',
      'Số 2 phố Hàng Bè, phường Hàng Bạc',
      'video/CAM01_cong-cho-hang-be.mp4',
      start,
    ),
    video(
      'cam-02',
      'Ngã tư Hàng Bạc – Đinh Liệt',
      'Góc phố Hàng Bạc giao Đinh Liệt',
      'video/CAM02_nga-tu-hang-bac-dinh-liet.mp4',
      // Camera reconnected a fifth into the range, then dropped again briefly.
      at(0.2),
      [
        [start, at(0.2)],
        [at(0.4), at(0.6)],
      ],
    ),
    video(
      'cam-03',
      'Trụ sở Công an phường',
      'Số 48 phố Hàng Bạc',
      'video/CAM03_tru-so-cong-an-phuong.mp4',
      start,
    ),
    {
      id: 'cam-04',
      name: 'Ngõ Tạm Thương',
      location: 'Đầu ngõ Tạm Thương, phố Hàng Bông',
      file: null,
      codec: null,
      width: null,
      height: null,
      start: t(start),
      end: t(end),
      missing: [{ start: t(start), end: t(end) }],
    },
  ];

  const files: ManifestFile[] = cameras.flatMap((c, i) =>
    c.file === null
      ? []
      : [
          {
            name: c.file,
            bytes: 1_250_000 * seconds + i * 7919,
            sha256: fakeSha256(i + 1),
            kind: 'video' as const,
            cameraId: c.id,
          },
        ],
  );
  files.push(
    {
      name: 'anh/CAM01_2026-11-27_20-16-12.jpg',
      bytes: 184_322,
      sha256: fakeSha256(50),
      kind: 'snapshot',
      cameraId: 'cam-01',
      // 20:16:12 with the default 300 s range, as its name says.
      takenAt: t(at(0.24)),
    },
    { name: PLAYER_NAME, bytes: 24_518, sha256: fakeSha256(60), kind: 'player', cameraId: null },
  );

  return {
    format: MANIFEST_FORMAT,
    exportId: '0193f1c2-7a4e-7c21-9d3b-5e8a1f2b4c6d',
    app: { name: 'Trực ban Camera', version: '0.1.0' },
    auditHead: { seq: 1287, hash: fakeSha256(70) },
    station: 'Công an phường Hàng Bạc',
    utcOffset: utcOffsetText(),
    incident: {
      id: 'inc-2026-0147',
      code: '2026-0147',
      category: 'snatching',
      location: 'Trước số 12 phố Hàng Bè',
      description:
        'Hai đối tượng đi xe máy Honda Wave màu đen giật túi xách của người đi bộ rồi chạy về hướng phố Hàng Bạc.',
    },
    caseNumber: 'CV 215/CAP-ĐTTH',
    range: { start: t(start), end: t(end) },
    exportedAt: t(end + 2 * 3_600_000 + 17 * 60_000),
    officer: { fullName: 'Nguyễn Văn An', rank: 'Thiếu úy', badgeNumber: '215-347' },
    cameras,
    files,
    verify: verifyInstructions(),
  };
}
