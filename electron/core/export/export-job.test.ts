// runExportJob end to end on real files: fixture footage encoded by ffmpeg,
// the real remux, the real report and player renderers, and a destination that
// is a temp folder, a tmpfs the test mounts (when root), or a faulty file system.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FFMPEG, ffprobeFile, tempDir } from '../recording/testing/recording-test-kit';
import { planClip, type SourceSegment } from './clip-plan';
import { ExportCancelled, ExportFailure } from './export-errors';
import {
  runExportJob,
  type ExportJobDeps,
  type ExportJobSpec,
  type ExportRenderers,
} from './export-job';
import {
  MANIFEST_NAME,
  PLAYER_NAME,
  REPORT_HTML_NAME,
  REPORT_PDF_NAME,
  SUMS_NAME,
  manifestTime,
  type ExportManifest,
} from './export-manifest';
import type { JobProgress } from './export-progress';
import { exportRenderers } from './export-renderers';
import { nodeFsOps, type FsOps } from './fs-ops';
import { remuxClip } from './remux-clip';
import { errno, faultyFs } from './testing/faulty-fs';
import { linkSegments, makeSegments } from './testing/footage-fixture';

const run = promisify(execFile);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** 20:15:00 at the station (UTC+7). */
const T0 = Date.UTC(2026, 10, 27, 13, 15, 0);
const FROM = T0 + 1_500;
const TO = T0 + 11_000;
/** Start: within a frame (edit list); end: within a GOP (the last file stops at a packet). */
const FRAME_S = 0.04;
const GOP_S = 1;
/** The instant the snapshot shows: 20:15:05. */
const SNAPSHOT_AT = T0 + 5_000;

let root: string;
let cleanupRoot: () => Promise<void>;
let gateSegments: SourceSegment[];
let marketSegments: SourceSegment[];
let snapshotPath: string;

beforeAll(async () => {
  ({ dir: root, cleanup: cleanupRoot } = await tempDir('export-job'));
  // Three 4 s segments back to back; the other camera lost 4 s after its first.
  gateSegments = await makeSegments({
    dir: join(root, 'rec', 'gate'),
    count: 3,
    seconds: 4,
    startMs: T0,
  });
  marketSegments = await makeSegments({
    dir: join(root, 'rec', 'market'),
    count: 3,
    seconds: 4,
    startMs: T0,
    gapAfter: { 0: 4_000 },
  });
  snapshotPath = join(root, 'snapshot.jpg');
  await run(FFMPEG, ['-v', 'error', '-i', gateSegments[1]!.path, '-frames:v', '1', snapshotPath]);
}, 120_000);
afterAll(() => cleanupRoot());

let n = 0;
let dest: string;
let staging: string;
beforeEach(async () => {
  n += 1;
  dest = join(root, `stick-${n}`);
  staging = join(root, `staging-${n}`);
  await mkdir(dest);
  await mkdir(staging);
});

function spec(over: Partial<ExportJobSpec> = {}): ExportJobSpec {
  const exportId = `0193f1c2-7a4e-7c21-9d3b-5e8a1f2b4c${String(n).padStart(2, '0')}`;
  return {
    exportId,
    destination: dest,
    folderName: 'VV-2026-0147_2026-11-27_2015',
    fromMs: FROM,
    toMs: TO,
    cameras: [
      {
        id: 'cam-01',
        name: 'Cổng trường THCS',
        location: 'Số 2 Hàng Bè',
        plan: planClip(gateSegments, FROM, TO),
      },
      {
        id: 'cam-02',
        name: 'Chợ Hàng Bè',
        location: 'Góc Hàng Bạc',
        plan: planClip(marketSegments, FROM, TO),
      },
      { id: 'cam-03', name: 'Ngõ Tạm Thương', location: 'Đầu ngõ', plan: planClip([], FROM, TO) },
    ],
    snapshots: [
      { name: 'anh/anh-01.jpg', path: snapshotPath, cameraId: 'cam-01', takenAtMs: SNAPSHOT_AT },
    ],
    facts: {
      exportId,
      app: { name: 'Trực ban Camera', version: '0.1.0' },
      auditHead: { seq: 41, hash: 'ab'.repeat(32) },
      station: 'Công an phường Hàng Bạc',
      utcOffset: '+07:00',
      incident: {
        id: 'inc-1',
        code: '2026-0147',
        category: 'snatching',
        location: 'Trước số 12 phố Hàng Bè',
        description: 'Giật túi xách',
      },
      caseNumber: 'CV 215/CAP-ĐTTH',
      range: { start: manifestTime(FROM), end: manifestTime(TO) },
      exportedAt: manifestTime(TO + 3_600_000),
      officer: { fullName: 'Nguyễn Văn An', rank: 'Thiếu úy', badgeNumber: '215-347' },
    },
    ...over,
  };
}

function deps(over: Partial<ExportJobDeps> = {}): ExportJobDeps {
  return { ffmpegPath: FFMPEG, stagingDir: staging, renderers: exportRenderers, ...over };
}

/** Every file under `dir`, relative and `/`-separated (depth-bounded). */
async function listFiles(dir: string, prefix = '', depth = 0): Promise<string[]> {
  if (depth > 4) throw new Error(`too deep: ${dir}`);
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory())
      out.push(...(await listFiles(join(dir, e.name), `${prefix}${e.name}/`, depth + 1)));
    else out.push(prefix + e.name);
  }
  return out.sort();
}

async function failureOf(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => new Error('expected a rejection'),
    (err: unknown) => err,
  );
}

async function expectNothingLeft(exportId: string): Promise<void> {
  expect(await readdir(dest)).toEqual([]);
  expect(existsSync(join(staging, exportId))).toBe(false);
}

describe('runExportJob', () => {
  it('writes a complete, verifiable folder', async () => {
    const s = spec();
    const events: JobProgress[] = [];
    const started = Date.now();
    const result = await runExportJob(s, deps(), new AbortController().signal, (p) =>
      events.push(p),
    );
    const elapsedMs = Date.now() - started;

    const folder = join(dest, s.folderName);
    expect(result.folderPath).toBe(folder);
    expect(await readdir(dest)).toEqual([s.folderName]);
    const videoA = 'video/CAM01_Cong-truong-THCS_2026-11-27_201501.mp4';
    const videoB = 'video/CAM02_Cho-Hang-Be_2026-11-27_201501.mp4';
    expect(await listFiles(folder)).toEqual(
      [
        'anh/anh-01.jpg',
        MANIFEST_NAME,
        PLAYER_NAME,
        REPORT_HTML_NAME,
        REPORT_PDF_NAME,
        SUMS_NAME,
        videoA,
        videoB,
      ].sort(),
    );
    expect(existsSync(join(staging, s.exportId))).toBe(false);

    // An investigator's check, run as they would in the folder.
    const check = await run('sha256sum', ['-c', SUMS_NAME], { cwd: folder });
    const lines = check.stdout.trim().split('\n');
    expect(lines).toHaveLength(7); // every file but SHA256SUMS.txt itself
    for (const line of lines) expect(line).toMatch(/: OK$/);

    // What the job reports is what is on the stick.
    for (const f of result.files) {
      const data = await readFile(join(folder, f.name));
      expect({ name: f.name, bytes: data.length, sha256: sha256(data) }).toEqual({
        name: f.name,
        bytes: f.bytes,
        sha256: f.sha256,
      });
    }
    expect(result.files.map((f) => f.kind).sort()).toEqual(
      ['manifest', 'player', 'report', 'report', 'snapshot', 'video', 'video'].sort(),
    );
    const sums = await readFile(join(folder, SUMS_NAME));
    expect(result.bytes).toBe(result.files.reduce((t, f) => t + f.bytes, sums.length));
    expect(result.sumsSha256).toBe(sha256(sums));

    const manifestBytes = await readFile(join(folder, MANIFEST_NAME));
    expect(result.manifestSha256).toBe(sha256(manifestBytes));
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as ExportManifest;
    expect(manifest).toEqual(result.manifest);
    expect(manifest.format).toBe('vn-station-export/1');
    expect(manifest.caseNumber).toBe('CV 215/CAP-ĐTTH');
    expect(manifest.cameras.map((c) => c.file)).toEqual([videoA, videoB, null]);
    // Both cameras' footage was copied from its fragments, not remuxed; the row says so too.
    expect(manifest.cameras.map((c) => c.method)).toEqual(['fragments', 'fragments', undefined]);
    expect(result.files.filter((f) => f.kind === 'video').map((f) => f.method)).toEqual([
      'fragments',
      'fragments',
    ]);
    expect(manifest.cameras[2]!.missing).toEqual([
      { start: manifestTime(FROM), end: manifestTime(TO) },
    ]);
    expect(manifest.cameras[1]!.missing).toEqual([
      { start: manifestTime(T0 + 4_000), end: manifestTime(T0 + 8_000) },
    ]);
    expect(manifest.files.map((f) => f.name).sort()).toEqual(
      ['anh/anh-01.jpg', PLAYER_NAME, videoA, videoB].sort(),
    );
    // Only the snapshot carries a time of its own.
    expect(manifest.files.filter((f) => f.takenAt)).toEqual([
      expect.objectContaining({ name: 'anh/anh-01.jpg', takenAt: manifestTime(SNAPSHOT_AT) }),
    ]);

    // Every video plays, is as long as the range, and matches its manifest hash.
    const rangeS = (TO - FROM) / 1000;
    for (const c of manifest.cameras.slice(0, 2)) {
      const file = join(folder, c.file!);
      const probe = await ffprobeFile(file);
      expect(probe.ok, probe.error).toBe(true);
      expect(probe.codec).toBe('h264');
      expect(probe.durationS).toBeGreaterThan(rangeS - FRAME_S);
      expect(probe.durationS).toBeLessThanOrEqual(rangeS + GOP_S);
      const listed = manifest.files.find((f) => f.name === c.file)!;
      expect(sha256(await readFile(file))).toBe(listed.sha256);
      expect(c.start.ms).toBe(FROM);
      expect(Math.abs(c.end.ms - TO)).toBeLessThanOrEqual(GOP_S * 1000);
      expect([c.codec, c.width, c.height]).toEqual(['h264', 640, 360]);
    }

    // The report and the player were rendered from the final manifest.
    const html = await readFile(join(folder, REPORT_HTML_NAME), 'utf8');
    expect(html).toContain(listedHash(manifest, videoA));
    expect(html).toContain('Ảnh chụp · Cổng trường THCS · 27/11/2026 20:15:05');
    const player = await readFile(join(folder, PLAYER_NAME), 'utf8');
    expect(player).toContain(videoB);
    expect((await readFile(join(folder, REPORT_PDF_NAME))).subarray(0, 5).toString()).toBe('%PDF-');

    // Progress: never past the total, never backwards, ends full, at most 4 a second.
    expect(events.length).toBeGreaterThan(0);
    let last = 0;
    for (const p of events) {
      expect(p.done).toBeLessThanOrEqual(p.total);
      expect(p.done).toBeGreaterThanOrEqual(last);
      expect(p.filesTotal).toBe(8);
      last = p.done;
    }
    expect(events.length).toBeLessThanOrEqual(Math.floor(elapsedMs / 250) + 1);
    expect(events.some((p) => p.currentFile === videoA)).toBe(true);
  });

  it('waits for Explorer to let go of the .partial folder, then renames it', async () => {
    const s = spec({ snapshots: [] });
    s.cameras = [s.cameras[0]!];
    const refused: string[] = [];
    const fs: FsOps = {
      ...nodeFsOps,
      rename: async (from, to) => {
        if (from.endsWith('.partial') && refused.length < 2) {
          refused.push(from);
          throw errno('EPERM', `rename ${from}`);
        }
        await nodeFsOps.rename(from, to);
      },
    };
    const result = await runExportJob(
      s,
      deps({ fs }),
      new AbortController().signal,
      () => undefined,
    );
    expect(refused).toHaveLength(2);
    expect(await readdir(dest)).toEqual([s.folderName]);
    expect(result.folderPath).toBe(join(dest, s.folderName));
  });

  it('cancelled while copying the first video: nothing of it is left', async () => {
    const s = spec();
    const abort = new AbortController();
    const fs = faultyFs({
      under: dest,
      beforeWrite: (path) => {
        if (path.includes('/video/')) abort.abort();
      },
    });
    const err = await failureOf(runExportJob(s, deps({ fs }), abort.signal, () => undefined));
    expect(err).toBeInstanceOf(ExportCancelled);
    expect(fs.written()).toBeGreaterThan(0); // it was under way
    await expectNothingLeft(s.exportId);
  });

  it('cancelled during a remux: nothing of it is left', async () => {
    // A longer clip, so the cancel lands while ffmpeg is still writing.
    const long = await linkSegments(gateSegments[0]!, {
      dir: join(root, 'rec', `long-${n}`),
      count: 30,
      startMs: T0,
    });
    const to = T0 + 110_000;
    const s = spec({ toMs: to });
    s.cameras = [{ ...s.cameras[0]!, plan: planClip(long, FROM, to) }];
    const abort = new AbortController();
    let remuxProgress = 0;
    const remux: typeof remuxClip = (o) =>
      remuxClip({
        ...o,
        onProgress: (ms) => {
          remuxProgress += 1;
          abort.abort();
          o.onProgress?.(ms);
        },
      });
    const err = await failureOf(
      runExportJob(s, deps({ remux, copyFragments: false }), abort.signal, () => undefined),
    );
    expect(err).toBeInstanceOf(ExportCancelled);
    expect(remuxProgress).toBeGreaterThan(0);
    await expectNothingLeft(s.exportId);
  });

  it('fails destination_full when the stick fills up (simulated), leaving nothing', async () => {
    const s = spec();
    const fs = faultyFs({ under: dest, failWritesAfter: { bytes: 200_000, code: 'ENOSPC' } });
    const err = await failureOf(
      runExportJob(s, deps({ fs }), new AbortController().signal, () => undefined),
    );
    expect(err).toBeInstanceOf(ExportFailure);
    expect((err as ExportFailure).code).toBe('destination_full');
    expect(fs.written()).toBe(200_000);
    await expectNothingLeft(s.exportId);
  });

  it('fails destination_full on a real small tmpfs, leaving nothing', async (ctx) => {
    const mountPoint = join(root, `tmpfs-${n}`);
    await mkdir(mountPoint);
    const sourceBytes = gateSegments.reduce((t, seg) => t + seg.bytes, 0);
    // Room for about half of one camera's video: the first copy runs out of space.
    const size = Math.max(64 * 1024, Math.floor(sourceBytes / 2));
    const mounted =
      process.getuid?.() === 0 &&
      (await run('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint]).then(
        () => true,
        () => false,
      ));
    if (!mounted) {
      ctx.skip(
        'mounting a tmpfs needs root and a kernel that allows it; the simulated variant runs instead',
      );
      return;
    }
    try {
      const s = spec({ destination: mountPoint });
      const err = await failureOf(
        runExportJob(s, deps(), new AbortController().signal, () => undefined),
      );
      expect(err).toBeInstanceOf(ExportFailure);
      expect((err as ExportFailure).code).toBe('destination_full');
      expect(await readdir(mountPoint)).toEqual([]);
      expect(existsSync(join(staging, s.exportId))).toBe(false);
    } finally {
      await run('umount', [mountPoint]);
    }
  });

  it('fails destination_missing when the stick is pulled mid-write; nothing looks complete', async () => {
    const s = spec();
    const fs = faultyFs({
      under: dest,
      failWritesAfter: { bytes: 300_000, code: 'ENOENT' },
      vanishOnWriteFailure: true,
    });
    const err = await failureOf(
      runExportJob(s, deps({ fs }), new AbortController().signal, () => undefined),
    );
    expect((err as ExportFailure).code).toBe('destination_missing');
    expect(fs.vanished()).toBe(true);
    // The clean-up cannot reach a pulled stick: at most the .partial folder is on it.
    expect(await readdir(dest)).toEqual([`${s.folderName}.partial`]);
    expect(existsSync(join(staging, s.exportId))).toBe(false);
  });

  it('fails verify_mismatch when a file reads back altered, leaving nothing', async () => {
    const s = spec();
    const fs = faultyFs({ under: dest, corruptReads: /\/anh\/anh-01\.jpg\.part$/ });
    const err = await failureOf(
      runExportJob(s, deps({ fs }), new AbortController().signal, () => undefined),
    );
    expect((err as ExportFailure).code).toBe('verify_mismatch');
    await expectNothingLeft(s.exportId);
  });

  it('fails internal when a renderer throws, leaving nothing', async () => {
    const s = spec();
    const renderers: ExportRenderers = {
      ...exportRenderers,
      reportPdf: () => Promise.reject(new Error('font missing')),
    };
    const err = await failureOf(
      runExportJob(s, deps({ renderers }), new AbortController().signal, () => undefined),
    );
    expect((err as ExportFailure).code).toBe('internal');
    await expectNothingLeft(s.exportId);
  });

  it('fails when the destination folder does not exist', async () => {
    const s = spec({ destination: join(root, 'no-such-stick') });
    const err = await failureOf(
      runExportJob(s, deps(), new AbortController().signal, () => undefined),
    );
    expect((err as ExportFailure).code).toBe('destination_missing');
    expect(existsSync(join(staging, s.exportId))).toBe(false);
  });

  it('remuxes with ffmpeg, and says so, a camera whose segments the fragment copy cannot join', async () => {
    // The picture size changed at the third segment: the sample entries differ.
    const resized = await makeSegments({
      dir: join(root, 'rec', `resized-${n}`),
      count: 1,
      seconds: 4,
      startMs: gateSegments[2]!.startMs,
      size: { width: 320, height: 180 },
    });
    const s = spec({ snapshots: [] });
    const segments = [gateSegments[0]!, gateSegments[1]!, resized[0]!];
    s.cameras = [{ ...s.cameras[0]!, plan: planClip(segments, FROM, TO) }];
    const result = await runExportJob(s, deps(), new AbortController().signal, () => undefined);
    expect(result.manifest.cameras.map((c) => c.method)).toEqual(['remux']);
    const video = result.files.find((f) => f.kind === 'video')!;
    expect(video.method).toBe('remux');
    const probe = await ffprobeFile(join(result.folderPath, video.name));
    expect(probe.ok, probe.error).toBe(true);
    expect(existsSync(join(staging, s.exportId))).toBe(false);
  }, 60_000);

  it('refuses a snapshot name that leaves the folder', async () => {
    const s = spec({ snapshots: [{ name: '../outside.jpg', path: snapshotPath, cameraId: null }] });
    const fs: FsOps = faultyFs({ under: dest });
    const err = await failureOf(
      runExportJob(s, deps({ fs }), new AbortController().signal, () => undefined),
    );
    expect((err as ExportFailure).code).toBe('internal');
    expect(await readdir(dest)).toEqual([]);
    expect(await readdir(root)).not.toContain('outside.jpg');
  });
});

function listedHash(m: ExportManifest, name: string): string {
  const f = m.files.find((x) => x.name === name);
  if (!f) throw new Error(`${name} not in the manifest`);
  return f.sha256;
}
