// Makes the index and the disk agree, on start and after a recorder dies:
// - inbox files (segments ffmpeg never listed: the app or ffmpeg was killed) are
//   measured; what plays is filed as 'recovered', what does not is quarantined;
// - segment files in the camera folders that the index lacks (crash between
//   rename and insert, an index restored from backup) are measured and added;
// - index rows whose file is gone are marked 'missing';
// - segments indexed before keyframe indexes existed get theirs, a few per pass.
// Nothing is ever deleted here.
import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StreamKind } from '../../contract/schemas';
import {
  absPath,
  cameraIdFromDirName,
  INBOX_DIR,
  parseInboxFileName,
  parseSegmentFileName,
  QUARANTINE_DIR,
} from '../storage/storage-layout';
import { scanFmp4 } from './fmp4-scan';
import { keyframeIndexOf } from './keyframe-index';
import type { RecordingIndex } from './recording-index';
import type { Recording, RecordingEventKind, RootRef } from './recording-types';
import type { SegmentFiler } from './segment-filer';

export interface ReconcileReport {
  recovered: number;
  quarantined: number;
  indexed: number;
  missing: number;
  /** Missing rows whose file was found again (a disk plugged back in). */
  restored: number;
  /** The root's folder itself was not there (unplugged disk): rows marked missing, nothing walked. */
  rootMissing: boolean;
}

const emptyReport = (): ReconcileReport => ({
  recovered: 0,
  quarantined: 0,
  indexed: 0,
  missing: 0,
  restored: 0,
  rootMissing: false,
});

export type EventLogger = (
  kind: RecordingEventKind,
  cameraId: string | null,
  stream: StreamKind | null,
  detail?: Record<string, string | number | boolean | null>,
) => Promise<void>;

async function dirs(path: string): Promise<string[]> {
  try {
    return (await readdir(path, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

async function files(path: string): Promise<string[]> {
  try {
    return (await readdir(path, { withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => d.name);
  } catch {
    return [];
  }
}

export interface InboxFileContext {
  cameraId: string;
  stream: StreamKind;
  runId: string;
  seq: number;
}

export interface KeyframeBackfillReport {
  scanned: number;
  indexed: number;
  /** Every row up to the newest one at the start of this process has been looked at. */
  done: boolean;
}

/** Ids looked at per backfill query: bounds a pass over a table whose rows mostly have an index. */
const BACKFILL_ID_WINDOW = 10_000;

export class Reconciler {
  /** The keyframe backfill has looked at every row up to this id (this process's walk). */
  private backfilledThrough = 0;
  /** Newest row at the first backfill pass: later rows get their index when filed. */
  private backfillEnd: number | null = null;

  constructor(
    private readonly index: RecordingIndex,
    private readonly filer: SegmentFiler,
    private readonly log: EventLogger,
  ) {}

  /**
   * Files every inbox file of runs for which `isActive` is false. `startOf` may know when an
   * orphan began (the end of its run's last listed segment); otherwise mtime − duration.
   */
  async reconcileInbox(
    root: RootRef,
    isActive: (runId: string) => boolean,
    startOf: (ctx: InboxFileContext) => number | null = () => null,
    only?: { cameraId: string; stream: StreamKind },
  ): Promise<ReconcileReport> {
    const report = emptyReport();
    const inbox = join(root.path, INBOX_DIR);
    for (const camDir of await dirs(inbox)) {
      const cameraId = cameraIdFromDirName(camDir);
      if (cameraId === null || (only && only.cameraId !== cameraId)) continue;
      for (const stream of ['main', 'sub'] as const) {
        if (only && only.stream !== stream) continue;
        const dir = join(inbox, camDir, stream);
        const names = (await files(dir)).sort();
        for (const name of names) {
          const parsed = parseInboxFileName(name);
          const file = join(dir, name);
          if (parsed && isActive(parsed.runId)) continue;
          if (!parsed) {
            await this.filer.quarantine(root.path, cameraId, file);
            report.quarantined++;
            await this.log('segment_quarantined', cameraId, stream, {
              file: name,
              reason: 'unknown_file',
            });
            continue;
          }
          const ctx = { cameraId, stream, runId: parsed.runId, seq: parsed.seq };
          const outcome = await this.filer.file({
            cameraId,
            stream,
            root,
            file,
            runId: parsed.runId,
            seq: parsed.seq,
            startMs: startOf(ctx),
            endMs: null,
            status: 'recovered',
            notBeforeMs: await this.index.lastEnd(cameraId),
          });
          if (outcome.kind === 'indexed') {
            report.recovered++;
            await this.log('segment_recovered', cameraId, stream, {
              recordingId: outcome.recording.id,
              startMs: outcome.recording.startMs,
              endMs: outcome.recording.endMs,
            });
          } else {
            report.quarantined++;
            await this.log('segment_quarantined', cameraId, stream, {
              file: name,
              reason: outcome.reason,
            });
          }
        }
      }
    }
    return report;
  }

  /**
   * Walks <camera>/<day>/<hour>/ and compares each folder with the index rows of that
   * camera-hour (a segment is filed in the hour of its start), so memory stays at one
   * hour of rows however large the archive. Camera-hours the index has but the disk
   * lacks entirely are checked afterwards.
   */
  async reconcileTree(
    root: RootRef,
    shouldStop: () => boolean = () => false,
  ): Promise<ReconcileReport> {
    const report = emptyReport();
    const present = await access(root.path).then(
      () => true,
      () => false,
    );
    if (!present) {
      // An unplugged disk: one update and one event, not an access() per row. The rows
      // come back when the folder does (see reconcileHour).
      report.rootMissing = true;
      report.missing = await this.index.markRootMissing(root.id);
      if (report.missing > 0)
        await this.log('segment_missing', null, null, {
          rootId: root.id,
          count: report.missing,
        });
      return report;
    }
    const pending = new Set(
      (await this.index.hourBuckets(root.id)).map((b) => `${b.cameraId}\n${b.hour}`),
    );
    for (const camDir of await dirs(root.path)) {
      if (camDir === INBOX_DIR || camDir === QUARANTINE_DIR) continue;
      const cameraId = cameraIdFromDirName(camDir);
      if (cameraId === null) continue;
      for (const day of await dirs(join(root.path, camDir))) {
        const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
        if (!d) continue;
        for (const hh of await dirs(join(root.path, camDir, day))) {
          if (!/^\d{2}$/.test(hh)) continue;
          if (shouldStop()) return report; // quitting: the next start walks again
          const hourStart = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(hh));
          pending.delete(`${cameraId}\n${hourStart / 3_600_000}`);
          await this.reconcileHour(root, cameraId, `${camDir}/${day}/${hh}`, hourStart, report);
        }
      }
    }
    for (const key of pending) {
      const [cameraId, hour] = key.split('\n') as [string, string];
      const start = Number(hour) * 3_600_000;
      for (const rec of await this.index.startingIn(cameraId, start, start + 3_600_000, root.id)) {
        await this.checkPresent(root, rec, report);
      }
    }
    return report;
  }

  private async reconcileHour(
    root: RootRef,
    cameraId: string,
    relDir: string,
    hourStart: number,
    report: ReconcileReport,
  ): Promise<void> {
    const rows = await this.index.startingIn(cameraId, hourStart, hourStart + 3_600_000, root.id);
    const known = new Map(rows.map((r) => [r.path, r]));
    const onDisk = new Set<string>();
    for (const name of await files(absPath(root.path, relDir))) {
      const rel = `${relDir}/${name}`;
      onDisk.add(rel);
      const row = known.get(rel);
      if (row?.status === 'missing' && (await this.filer.restore(root, row))) {
        report.restored++;
        continue;
      }
      if (row || (await this.index.recordingByPath(rel))) continue;
      const parsed = parseSegmentFileName(name);
      if (!parsed) continue; // not ours; leave it alone
      try {
        const rec = await this.filer.indexInPlace(
          root,
          cameraId,
          parsed.stream,
          rel,
          parsed.startMs,
          parsed.runId,
          parsed.seq,
        );
        if (rec) {
          report.indexed++;
          await this.log('segment_indexed_late', cameraId, parsed.stream, {
            recordingId: rec.id,
            path: rel,
          });
        } else {
          await this.filer.quarantine(root.path, cameraId, absPath(root.path, rel));
          report.quarantined++;
          await this.log('segment_quarantined', cameraId, parsed.stream, {
            file: name,
            reason: 'no_playable_fragment',
          });
        }
      } catch (err) {
        // UNIQUE(path): the recorder indexed it meanwhile; ENOENT: retention removed it meanwhile.
        if (!/UNIQUE/.test(String(err)) && (err as NodeJS.ErrnoException).code !== 'ENOENT')
          throw err;
      }
    }
    for (const rec of rows) if (!onDisk.has(rec.path)) await this.checkPresent(root, rec, report);
  }

  /**
   * Scans up to `limit` playable segments that have no keyframe index yet (indexed by an
   * older version, or their file was away) and stores the index of those that support
   * one. Walks ids upwards once per process, so rows whose flags cannot be trusted are
   * scanned once, not every pass; a file that cannot be read is passed by.
   */
  async backfillKeyframes(limit: number): Promise<KeyframeBackfillReport> {
    this.backfillEnd ??= await this.index.maxRecordingId();
    const report: KeyframeBackfillReport = { scanned: 0, indexed: 0, done: false };
    const roots = new Map((await this.index.roots()).map((r) => [r.id, r.path]));
    while (report.scanned < limit && this.backfilledThrough < this.backfillEnd) {
      const through = Math.min(this.backfillEnd, this.backfilledThrough + BACKFILL_ID_WINDOW);
      const rows = await this.index.recordingsWithoutKeyframes(
        this.backfilledThrough,
        through,
        limit - report.scanned,
      );
      // A full page may stop inside the window: resume after its last row.
      this.backfilledThrough = rows.length === limit - report.scanned ? rows.at(-1)!.id : through;
      for (const rec of rows) {
        report.scanned++;
        const rootPath = rec.rootId === null ? undefined : roots.get(rec.rootId);
        if (rootPath === undefined) continue;
        const scan = await scanFmp4(absPath(rootPath, rec.path)).catch(() => null);
        const keyframes = scan && keyframeIndexOf(scan);
        if (!keyframes) continue;
        await this.index.setKeyframeIndex(rec.id, keyframes);
        report.indexed++;
      }
    }
    report.done = this.backfilledThrough >= this.backfillEnd;
    return report;
  }

  /** Marks a live row whose file is gone as missing. */
  private async checkPresent(
    root: RootRef,
    rec: Recording,
    report: ReconcileReport,
  ): Promise<void> {
    if (rec.status !== 'complete' && rec.status !== 'recovered') return;
    const present = await access(absPath(root.path, rec.path)).then(
      () => true,
      () => false,
    );
    if (present) return;
    await this.index.setStatus(rec.id, 'missing');
    report.missing++;
    await this.log('segment_missing', rec.cameraId, rec.stream, {
      recordingId: rec.id,
      path: rec.path,
    });
  }
}
