// The recording history other domains read (the handover summary): gaps overlapping
// a range and the storage alarms of a range, from a real SQLite file, through the
// service that owns the tables (not started: no recorder runs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { openStationDb } from '../db/open-station-db';
import { TEST_FFMPEG } from '../streams/testing/ffmpeg-bin';
import { RecordingService } from './recording-service';
import type { Gap, RecordingEvent } from './recording-types';

let dir: string;
let db: Database;
let recording: RecordingService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-rec-reads-'));
  db = await openStationDb(dir);
  recording = new RecordingService({
    db,
    storageDir: join(dir, 'recordings'),
    ffmpegPath: TEST_FFMPEG,
    resolveInput: async () => {
      throw new Error('no recorder runs in this test');
    },
    emit: () => undefined,
  });
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RecordingService history reads', () => {
  it('reads the gaps overlapping a range by start then camera, capped, inside a transaction too', async () => {
    const gap = (cameraId: string, stream: string, startMs: number, endMs: number | null) =>
      db.run(
        "INSERT INTO recording_gaps (camera_id, stream, start_ms, end_ms, reason) VALUES (?, ?, ?, ?, 'camera_offline')",
        [cameraId, stream, startMs, endMs],
      );
    await gap('cam-1', 'main', 100, 199); // ends before the range
    await gap('cam-2', 'main', 500, null); // still open
    await gap('cam-1', 'main', 150, 200); // ends at its start
    await gap('cam-1', 'sub', 500, 600); // same start: camera decides
    await gap('cam-9', 'main', 1000, 1100); // starts at its end, camera since removed
    await gap('cam-1', 'main', 1001, null); // starts after it
    const spans = (gaps: Gap[]) => gaps.map((g) => [g.cameraId, g.stream, g.startMs, g.endMs]);
    const expected = [
      ['cam-1', 'main', 150, 200],
      ['cam-1', 'sub', 500, 600],
      ['cam-2', 'main', 500, null],
      ['cam-9', 'main', 1000, 1100],
    ];
    expect(spans(await recording.gapsOverlapping(200, 1000, 10))).toEqual(expected);
    expect(
      spans(await db.transaction((tx) => recording.gapsOverlapping(200, 1000, 10, tx))),
    ).toEqual(expected);
    expect(spans(await recording.gapsOverlapping(200, 1000, 3))).toEqual(expected.slice(0, 3));
  });

  it('reads the storage alarms raised and cleared in a range, oldest first, capped', async () => {
    const event = (atMs: number, kind: string, detail: object) =>
      db.run('INSERT INTO recording_events (at_ms, kind, detail_json) VALUES (?, ?, ?)', [
        atMs,
        kind,
        JSON.stringify(detail),
      ]);
    await event(99, 'disk_alarm', { kind: 'write_failed' }); // before the range
    await event(300, 'disk_ok', { kind: 'disk_full' });
    await event(100, 'disk_alarm', { kind: 'disk_full', code: 'ENOSPC' });
    await event(200, 'recording_started', {}); // not a storage alarm
    await event(300, 'locked_over_quota', {});
    await event(301, 'disk_alarm', { kind: 'unwritable' }); // after it
    const brief = (events: RecordingEvent[]) => events.map((e) => [e.atMs, e.kind, e.detail]);
    const expected = [
      [100, 'disk_alarm', { kind: 'disk_full', code: 'ENOSPC' }],
      [300, 'disk_ok', { kind: 'disk_full' }],
      [300, 'locked_over_quota', {}],
    ];
    expect(brief(await recording.storageAlarmEvents(100, 300, 10))).toEqual(expected);
    expect(
      brief(await db.transaction((tx) => recording.storageAlarmEvents(100, 300, 10, tx))),
    ).toEqual(expected);
    expect(brief(await recording.storageAlarmEvents(100, 300, 2))).toEqual(expected.slice(0, 2));
  });
});
