// Exports through the real contract endpoint (dispatcher, access rules, handlers),
// the real ExportService and job, real ffmpeg and real H.264 segments indexed in a
// real SQLite file: what an officer starts, what lands on the destination, what the
// audit trail, the incident and the handover say afterwards.
import { execFile } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ExportPlan, ExportRecord } from '../../contract/export-schemas';
import type { Incident } from '../../contract/incident-schemas';
import { dispatch, type CallContext, type Endpoint } from '../app/dispatch';
import type { DutyWiring } from '../app/duty-services';
import {
  buildTestServices,
  signInCommander,
  signInDutyOfficer,
} from '../app/testing/test-services';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { encodeSecondBytes } from '../recording/second-bytes';
import type { SourceSegment } from './clip-plan';
import type { ExportService } from './export-service';
import type { OpenSegmentRef } from './export-sources';
import { makeSegments } from './testing/footage-fixture';
import { TEST_FFPROBE } from '../streams/testing/ffmpeg-bin';

const run = promisify(execFile);
const T0 = Date.UTC(2026, 10, 27, 13, 0, 0); // 20:00 station time
const SEG_S = 4;

let footageDir: string;
let segments: SourceSegment[];
let dir: string;
let db: Database;
let endpoint: Endpoint;
let duty: DutyWiring;
let exportsSvc: ExportService;
let settle: () => Promise<void>;
let events: { event: string; payload: unknown }[];
let usb: string;
/** What the recorder is writing for cam-a now (null: nothing). */
let openNow: OpenSegmentRef | null = null;

beforeAll(async () => {
  footageDir = mkdtempSync(join(tmpdir(), 'export-svc-footage-'));
  segments = await makeSegments({ dir: footageDir, count: 3, seconds: SEG_S, startMs: T0 });
}, 60_000);
afterAll(() => rmSync(footageDir, { recursive: true, force: true }));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-svc-'));
  usb = mkdtempSync(join(tmpdir(), 'export-svc-usb-'));
  db = await openStationDb(dir);
  events = [];
  ({
    endpoint,
    duty,
    exports: exportsSvc,
    settle,
  } = await buildTestServices({
    db,
    dir,
    emit: (event, payload) => events.push({ event, payload }),
    openSegment: (cameraId) => Promise.resolve(cameraId === 'cam-a' ? openNow : null),
  }));
  await indexFootage(db, 'cam-a', segments);
});
afterEach(async () => {
  openNow = null;
  await settle();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(usb, { recursive: true, force: true });
});

/** Registers cameras and indexes the fixture's segments as the recorder files them. */
async function indexFootage(d: Database, cameraId: string, segs: SourceSegment[]) {
  const now = Date.now();
  const cameras: [string, string, string][] = [
    ['cam-a', 'Cổng trường THCS', 'Số 12 Lê Lợi'],
    ['cam-b', 'Ngã tư chợ', 'Chợ phường'],
  ];
  for (const [id, name, location] of cameras) {
    await d.run(
      `INSERT OR IGNORE INTO cameras (id, name, location, source, main_url, created_at)
       VALUES (?, ?, ?, 'rtsp', 'rtsp://127.0.0.1:9/none', ?)`,
      [id, name, location, now],
    );
  }
  await d.run('INSERT OR IGNORE INTO storage_roots (path, added_at, active) VALUES (?, ?, 1)', [
    footageDir,
    now,
  ]);
  const root = (await d.get<{ id: number }>('SELECT id FROM storage_roots WHERE path = ?', [
    footageDir,
  ]))!.id;
  for (const [seq, s] of segs.entries()) {
    await d.run(
      `INSERT INTO recordings (camera_id, stream, start_ms, end_ms, bytes, path, status, codec,
         run_id, seq, second_bytes, indexed_at, root_id)
       VALUES (?, 'main', ?, ?, ?, ?, 'complete', 'avc1', 'fixture', ?, ?, ?, ?)`,
      [
        cameraId,
        s.startMs,
        s.endMs,
        s.bytes,
        basename(s.path),
        seq,
        encodeSecondBytes(Array(SEG_S).fill(s.bytes / SEG_S)),
        now,
        root,
      ],
    );
  }
}

async function call<T>(channel: string, payload: unknown, ctx: CallContext): Promise<T> {
  return (await dispatch(endpoint, channel as never, payload as never, ctx)) as T;
}

/** Resolves with the export's final record (bounded). */
function finished(id: string, ms = 30_000): Promise<ExportRecord> {
  return new Promise((resolve, reject) => {
    const end = Date.now() + ms;
    const tick = () => {
      const hit = events.find(
        (e) =>
          e.event === 'export.changed' &&
          (e.payload as ExportRecord).id === id &&
          (e.payload as ExportRecord).status !== 'running',
      );
      if (hit) resolve(hit.payload as ExportRecord);
      else if (Date.now() > end) reject(new Error('export did not finish'));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

const range = { fromMs: T0 + 1_500, toMs: T0 + 9_500 };

describe('export service', () => {
  it('plans: footage per camera, missing stretches, blockers in words the dialog maps', async () => {
    const commander = await signInCommander(endpoint);
    const plan = await call<ExportPlan>(
      'export.plan',
      { cameraIds: ['cam-a', 'cam-b'], ...range, destination: usb },
      commander,
    );
    expect(plan.blocker).toBeNull();
    expect(plan.hasFootage).toBe(true);
    expect(plan.cameras[0]).toMatchObject({ cameraId: 'cam-a', name: 'Cổng trường THCS' });
    expect(plan.cameras[0]!.recordedMs).toBe(8_000);
    expect(plan.cameras[1]).toMatchObject({ cameraId: 'cam-b', recordedMs: 0 });
    expect(plan.cameras[1]!.missing).toEqual([{ startMs: range.fromMs, endMs: range.toMs }]);
    expect(plan.folderName).toMatch(/2026-11-27/);
    expect(plan.freeBytes).toBeGreaterThan(0);

    const gone = await call<ExportPlan>(
      'export.plan',
      { cameraIds: ['cam-a'], ...range, destination: join(usb, 'rut-ra') },
      commander,
    );
    expect(gone.blocker).toBe('destination_missing');
    const intoStation = await call<ExportPlan>(
      'export.plan',
      { cameraIds: ['cam-a'], ...range, destination: join(footageDir, '..', basename(footageDir)) },
      commander,
    );
    expect(intoStation.blocker).toBe('destination_is_station_storage');
    mkdirSync(join(dir, 'exports'));
    const intoData = await call<ExportPlan>(
      'export.plan',
      { cameraIds: ['cam-a'], ...range, destination: join(dir, 'exports') },
      commander,
    );
    expect(intoData.blocker).toBe('destination_is_station_storage');
    // A folder named "..x" inside the data folder, and a symlink to it, are the data folder too.
    mkdirSync(join(dir, '..x'));
    for (const destination of [join(dir, '..x'), join(usb, 'link-to-data')]) {
      if (destination.endsWith('link-to-data')) symlinkSync(dir, destination);
      const sneaky = await call<ExportPlan>(
        'export.plan',
        { cameraIds: ['cam-a'], ...range, destination },
        commander,
      );
      expect(sneaky.blocker, destination).toBe('destination_is_station_storage');
    }
    const empty = await call<ExportPlan>(
      'export.plan',
      { cameraIds: ['cam-b'], ...range, destination: usb },
      commander,
    );
    expect(empty.blocker).toBe('no_footage');
    await expect(
      call(
        'export.plan',
        { cameraIds: ['cam-a'], fromMs: 5, toMs: 4, destination: usb },
        commander,
      ),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      fields: { toMs: 'range_end_before_start' },
    });
  });

  it('exports seconds still being recorded: the open segment up to its last whole fragment', async () => {
    // The file being written: a whole segment's fragments, then a fragment still being
    // written (a moof announcing more bytes than there are).
    const [open] = await makeSegments({
      dir: join(dir, 'inbox'),
      count: 1,
      seconds: SEG_S,
      startMs: T0 + 3 * SEG_S * 1000,
    });
    const complete = statSync(open!.path).size;
    appendFileSync(open!.path, Buffer.concat([Buffer.from([0, 0x10, 0, 0]), Buffer.from('moof')]));
    appendFileSync(open!.path, Buffer.alloc(200, 7));
    openNow = {
      id: 2 ** 52,
      startMs: open!.startMs,
      endMs: open!.endMs,
      bytes: complete,
      codec: 'avc1',
      file: open!.path,
    };
    const commander = await signInCommander(endpoint);
    // Ends 2.5 s into the open segment.
    const last = { fromMs: T0 + 9_500, toMs: T0 + 14_500 };
    const plan = await call<ExportPlan>(
      'export.plan',
      { cameraIds: ['cam-a'], ...last, destination: usb },
      commander,
    );
    expect(plan.cameras[0]!.recordedMs).toBe(5_000);
    expect(plan.cameras[0]!.missing).toEqual([]);
    const started = await call<ExportRecord>(
      'export.start',
      { cameraIds: ['cam-a'], ...last, destination: usb },
      commander,
    );
    const done = await finished(started.id);
    expect(done.status).toBe('complete');
    const video = done.files.find((f) => f.kind === 'video')!;
    const { stdout } = await run(TEST_FFPROBE, [
      ...['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0'],
      join(usb, done.folderName, video.name),
    ]);
    expect(Number(stdout)).toBeGreaterThan(4.5);
    expect(Number(stdout)).toBeLessThan(5.6);
    // The staged prefix went with the job's staging folder.
    expect(readdirSync(join(dir, 'export-staging'))).toEqual([]);
  });

  it('refuses a range in which a camera switched between H.264 and H.265', async () => {
    const commander = await signInCommander(endpoint);
    const last = segments.at(-1)!;
    await db.run(
      `INSERT INTO recordings (camera_id, stream, start_ms, end_ms, bytes, path, status, codec,
         run_id, seq, second_bytes, indexed_at, root_id)
       SELECT 'cam-a', 'main', ?, ?, 1000, 'h265-after-switch.mp4', 'complete', 'hvc1.1.6.L93.B0',
              'fixture-2', 0, second_bytes, indexed_at, root_id FROM recordings LIMIT 1`,
      [last.endMs, last.endMs + SEG_S * 1000],
    );
    const across = await call<ExportPlan>(
      'export.plan',
      { cameraIds: ['cam-a'], fromMs: range.fromMs, toMs: last.endMs + 2_000, destination: usb },
      commander,
    );
    expect(across.blocker).toBe('codec_changed');
    const before = await call<ExportPlan>(
      'export.plan',
      { cameraIds: ['cam-a'], ...range, destination: usb },
      commander,
    );
    expect(before.blocker).toBeNull();
  });

  it('exports an incident: verified folder, audit row with the manifest hash, listed on the incident and in the handover', async () => {
    const commander = await signInCommander(endpoint);
    const { ctx: officer } = await signInDutyOfficer(endpoint, commander);
    const incident = await call<Incident>(
      'incident.create',
      {
        category: 'theft',
        location: 'Cổng trường THCS',
        description: 'Trộm xe máy trước cổng trường',
        occurredAt: T0 + 5_000,
        startMs: range.fromMs,
        endMs: range.toMs,
        cameraIds: ['cam-a'],
      },
      officer,
    );
    const started = await call<ExportRecord>(
      'export.start',
      {
        incidentId: incident.id,
        cameraIds: ['cam-a'],
        ...range,
        destination: usb,
        caseNumber: 'CV 123/CSHS',
      },
      officer,
    );
    expect(started.status).toBe('running');
    // One export at a time.
    await expect(
      call('export.start', { cameraIds: ['cam-a'], ...range, destination: usb }, officer),
    ).rejects.toMatchObject({ code: 'conflict', message: 'export_running' });

    const done = await finished(started.id);
    expect(done).toMatchObject({
      status: 'complete',
      incidentCode: incident.code,
      errorCode: null,
    });
    expect(done.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    const folder = join(usb, done.folderName);
    expect(readdirSync(usb)).toEqual([done.folderName]);
    const { stdout } = await run('sha256sum', ['-c', 'SHA256SUMS.txt'], { cwd: folder });
    expect(stdout).not.toMatch(/FAILED/);
    expect(done.files.map((f) => f.kind)).toEqual(expect.arrayContaining(['video', 'manifest']));
    expect(events.some((e) => e.event === 'export.progress')).toBe(true);

    const listed = await call<ExportRecord[]>('export.list', { incidentId: incident.id }, officer);
    expect(listed.map((r) => r.id)).toEqual([started.id]);
    const audit = (await duty.audit.list({ action: 'export.created', limit: 10 })).items;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      exportId: started.id,
      incident: incident.code,
      manifestSha256: done.manifestSha256,
      sumsSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const handover = await call<{ summary: { exports: { id: string; label: string }[] } }>(
      'shift.end',
      { notes: '' },
      officer,
    );
    expect(handover.summary.exports).toEqual([
      expect.objectContaining({ id: started.id, label: expect.stringContaining(incident.code) }),
    ]);
  }, 60_000);

  it('two Start presses at the same moment: one export, the other refused', async () => {
    const commander = await signInCommander(endpoint);
    const { ctx: officer } = await signInDutyOfficer(endpoint, commander);
    const sel = { cameraIds: ['cam-a'], ...range, destination: usb };
    const supervisor = await signInCommander(endpoint); // beside the officer's shift
    const outcomes = await Promise.allSettled([
      call<ExportRecord>('export.start', sel, supervisor),
      call<ExportRecord>('export.start', sel, officer),
    ]);
    const started = outcomes.filter((o) => o.status === 'fulfilled');
    expect(started).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({
      reason: { code: 'conflict', message: 'export_running' },
    });
    const done = await finished((started[0] as PromiseFulfilledResult<ExportRecord>).value.id);
    expect(done.status).toBe('complete');
    expect(readdirSync(usb)).toEqual([done.folderName]);
  }, 30_000);

  it('cancel removes everything and is audited as the officer who cancelled', async () => {
    const commander = await signInCommander(endpoint);
    const { ctx: officer } = await signInDutyOfficer(endpoint, commander);
    const supervisor = await signInCommander(endpoint); // beside the officer's shift
    const started = await call<ExportRecord>(
      'export.start',
      { cameraIds: ['cam-a'], ...range, destination: usb },
      officer,
    );
    const cancelled = await call<ExportRecord>('export.cancel', { id: started.id }, supervisor);
    expect(cancelled.status).toBe('cancelled');
    expect(readdirSync(usb)).toEqual([]);
    expect(existsSync(join(dir, 'export-staging', started.id))).toBe(false);
    const audit = (await duty.audit.list({ action: 'export.cancelled', limit: 10 })).items;
    expect(audit.map((a) => a.details['exportId'])).toEqual([started.id]);
    expect(audit[0]!.officerId).not.toBe(started.officer.id);
  }, 30_000);

  it('a destination removed mid-export fails cleanly: failed row, audit row, nothing left', async () => {
    const commander = await signInCommander(endpoint);
    const started = await call<ExportRecord>(
      'export.start',
      { cameraIds: ['cam-a'], ...range, destination: usb },
      commander,
    );
    rmSync(usb, { recursive: true, force: true }); // the stick is pulled
    const done = await finished(started.id);
    expect(done.status).toBe('failed');
    expect(done.errorCode).toBe('destination_missing');
    expect(existsSync(usb)).toBe(false);
    const audit = (await duty.audit.list({ action: 'export.failed', limit: 10 })).items;
    expect(audit[0]!.details).toMatchObject({ exportId: started.id, error: 'destination_missing' });
  }, 30_000);

  it('a crash after the rename: a folder that proves itself is recorded complete, an altered one removed', async () => {
    const commander = await signInCommander(endpoint);
    const sel = { cameraIds: ['cam-a'], ...range, destination: usb };
    const first = await finished((await call<ExportRecord>('export.start', sel, commander)).id);
    const second = await finished((await call<ExportRecord>('export.start', sel, commander)).id);
    expect([first.status, second.status]).toEqual(['complete', 'complete']);
    // As if the app died between the final rename and recording the outcome.
    await db.run(
      `UPDATE exports SET status = 'running', finished_at = NULL, files_json = '[]', manifest_sha256 = NULL
       WHERE id IN (?, ?)`,
      [first.id, second.id],
    );
    const video = second.files.find((f) => f.kind === 'video')!;
    appendFileSync(join(usb, second.folderName, ...video.name.split('/')), Buffer.from([0]));

    await exportsSvc.start();
    const rows = await call<ExportRecord[]>('export.list', {}, commander);
    const again = rows.find((r) => r.id === first.id)!;
    expect(again).toMatchObject({ status: 'complete', manifestSha256: first.manifestSha256 });
    expect(again.files.map((f) => [f.name, f.sha256]).sort()).toEqual(
      first.files.map((f) => [f.name, f.sha256]).sort(),
    );
    expect(rows.find((r) => r.id === second.id)).toMatchObject({ status: 'failed' });
    expect(readdirSync(usb)).toEqual([first.folderName]);
    const created = (await duty.audit.list({ action: 'export.created', limit: 10 })).items;
    expect(
      created.find((a) => a.details['reason'] === 'recorded_after_restart')?.details,
    ).toMatchObject({ exportId: first.id });
  }, 60_000);

  it('an export left running by a crash is failed at the next start and its partial folder removed', async () => {
    const commander = await signInCommander(endpoint);
    const officerId = (await db.get<{ id: string }>('SELECT id FROM officers LIMIT 1'))!.id;
    await db.run(
      `INSERT INTO exports (id, status, cameras_json, from_ms, to_ms, destination, folder_name, officer_id, started_at)
       VALUES ('crashed', 'running', '[]', ?, ?, ?, 'Trich-xuat_x', ?, ?)`,
      [range.fromMs, range.toMs, usb, officerId, Date.now()],
    );
    mkdirSync(join(usb, 'Trich-xuat_x.partial', 'video'), { recursive: true });
    await exportsSvc.start();
    const rec = (await call<ExportRecord[]>('export.list', {}, commander)).find(
      (r) => r.id === 'crashed',
    );
    expect(rec).toMatchObject({ status: 'failed', errorCode: 'internal' });
    expect(readdirSync(usb)).toEqual([]);
    const audit = (await duty.audit.list({ action: 'export.failed', limit: 10 })).items;
    expect(audit[0]!.details).toMatchObject({ exportId: 'crashed', reason: 'interrupted' });
  });
});
