// The recording domain's tables (docs/design/recording.md). Keyed by the schema
// version that adds the SQL; append-only like every migration step
// (docs/ref/schema.md). Camera ids carry no foreign key on purpose: footage and its
// index outlive a camera removed from the registry (it may be evidence).
import type { DomainMigrations } from '../db/migrate';

// Step 9's `recording_hours`: playable footage per camera and hour, kept by triggers on
// `recordings` and backfilled from it. The same piece arithmetic appears in the insert,
// delete and update triggers and the backfill, so it is written once and expanded per
// row alias (NEW, OLD, r). Shipped SQL like the rest: never change the text it produces
// (the schema snapshot pins it); a change is a new step.
//
// A recording never exceeds MAX_RECORDING_MS (15 min), so it touches at most two hours:
// piece 0 in the hour it starts, piece 1 in the next when it ends past that hour. Bytes
// are split with integer arithmetic (piece 1 = bytes − piece 0), so taking a row away
// subtracts exactly what adding it added.
const HOUR = 3_600_000;
const PLAYABLE = "IN ('complete', 'recovered')";

interface Piece {
  /** The hour's start. */
  h: string;
  /** The piece's start and end, clipped to the hour. */
  s: string;
  e: string;
  /** The piece's share of the row's bytes. */
  b: string;
  /** Whether the row has this piece at all. */
  has: string;
}

function pieces(r: string): [Piece, Piece] {
  const h0 = `(${r}.start_ms - ${r}.start_ms % ${HOUR})`;
  const h1 = `(${h0} + ${HOUR})`;
  const head =
    `(CASE WHEN ${r}.end_ms <= ${h1} THEN ${r}.bytes` +
    ` ELSE ${r}.bytes * (${h1} - ${r}.start_ms) / (${r}.end_ms - ${r}.start_ms) END)`;
  return [
    { h: h0, s: `${r}.start_ms`, e: `MIN(${r}.end_ms, ${h1})`, b: head, has: '1' },
    { h: h1, s: h1, e: `${r}.end_ms`, b: `(${r}.bytes - ${head})`, has: `${r}.end_ms > ${h1}` },
  ];
}

/** Playable rows of a camera with a piece in hour `h` (read after the change took place). */
const inHour = (camera: string, h: string) =>
  `FROM recordings WHERE camera_id = ${camera} AND status ${PLAYABLE}
      AND start_ms >= ${h} - ${HOUR} AND start_ms < ${h} + ${HOUR} AND (start_ms >= ${h} OR end_ms > ${h})`;

/**
 * The first start in hour `h` left after a change: `h` itself when a row from the hour
 * before runs into it, else the earliest start in the hour. Both walk the timeline index
 * and stop at the first match, so retention (oldest first, the edge every time) reads a
 * row or two per delete instead of the hour.
 */
const firstStartIn = (camera: string, h: string) =>
  `COALESCE(
        (SELECT ${h} FROM recordings WHERE camera_id = ${camera} AND status ${PLAYABLE}
          AND start_ms >= ${h} - ${HOUR} AND start_ms < ${h} AND end_ms > ${h}
          ORDER BY start_ms DESC LIMIT 1),
        (SELECT start_ms FROM recordings WHERE camera_id = ${camera} AND status ${PLAYABLE}
          AND start_ms >= ${h} AND start_ms < ${h} + ${HOUR} ORDER BY start_ms LIMIT 1)`;

function addRow(r: 'NEW'): string {
  return pieces(r)
    .map(
      (p) => `
    INSERT INTO recording_hours
      (camera_id, hour_ms, bytes, covered_ms, segments, first_start_ms, last_end_ms)
    SELECT ${r}.camera_id, ${p.h}, ${p.b}, ${p.e} - ${p.s}, 1, ${p.s}, ${p.e}
    WHERE ${r}.status ${PLAYABLE} AND ${p.has}
    ON CONFLICT (camera_id, hour_ms) DO UPDATE SET
      bytes = bytes + excluded.bytes, covered_ms = covered_ms + excluded.covered_ms,
      segments = segments + 1, first_start_ms = MIN(first_start_ms, excluded.first_start_ms),
      last_end_ms = MAX(last_end_ms, excluded.last_end_ms);`,
    )
    .join('');
}

/** Takes a row's pieces away; an hour edge it held is looked up again, an empty hour goes. */
function removeRow(r: 'OLD'): string {
  return pieces(r)
    .map(
      (p) => `
    UPDATE recording_hours SET
      bytes = bytes - ${p.b}, covered_ms = covered_ms - (${p.e} - ${p.s}), segments = segments - 1,
      first_start_ms = CASE WHEN first_start_ms = ${p.s}
        THEN ${firstStartIn(`${r}.camera_id`, p.h)}, first_start_ms)
        ELSE first_start_ms END,
      last_end_ms = CASE WHEN last_end_ms = ${p.e} THEN COALESCE(
        (SELECT MAX(MIN(end_ms, ${p.h} + ${HOUR})) ${inHour(`${r}.camera_id`, p.h)}), last_end_ms)
        ELSE last_end_ms END
    WHERE camera_id = ${r}.camera_id AND hour_ms = ${p.h} AND ${r}.status ${PLAYABLE} AND ${p.has};
    DELETE FROM recording_hours WHERE camera_id = ${r}.camera_id AND hour_ms = ${p.h} AND segments = 0;`,
    )
    .join('');
}

function backfill(): string {
  const [p0, p1] = pieces('r');
  const select = (p: Piece) =>
    `SELECT r.camera_id AS camera_id, ${p.h} AS h, ${p.s} AS s, ${p.e} AS e, ${p.b} AS b
       FROM recordings r WHERE r.status ${PLAYABLE} AND ${p.has}`;
  return `
  INSERT INTO recording_hours
    (camera_id, hour_ms, bytes, covered_ms, segments, first_start_ms, last_end_ms)
  SELECT camera_id, h, SUM(b), SUM(e - s), COUNT(*), MIN(s), MAX(e) FROM (
    ${select(p0)}
    UNION ALL
    ${select(p1)}
  ) GROUP BY camera_id, h;`;
}

/** Step 9 after its CREATE TABLE: the three triggers and the backfill. */
const RECORDING_HOURS_TRIGGERS = `
  CREATE TRIGGER recordings_hours_insert AFTER INSERT ON recordings
  WHEN NEW.status ${PLAYABLE} BEGIN${addRow('NEW')}
  END;
  CREATE TRIGGER recordings_hours_delete AFTER DELETE ON recordings
  WHEN OLD.status ${PLAYABLE} BEGIN${removeRow('OLD')}
  END;
  CREATE TRIGGER recordings_hours_update
  AFTER UPDATE OF status, bytes, start_ms, end_ms, camera_id ON recordings BEGIN${removeRow('OLD')}${addRow('NEW')}
  END;${backfill()}
`;

export const recordingMigrations: DomainMigrations = {
  // The recording index, usage, gaps, locks, events and per-camera settings.
  2: `
  CREATE TABLE recording_cameras (
    camera_id     TEXT PRIMARY KEY,
    enabled       INTEGER NOT NULL DEFAULT 1,
    stream        TEXT NOT NULL DEFAULT 'main' CHECK (stream IN ('main', 'sub')),
    max_age_days  INTEGER CHECK (max_age_days IS NULL OR max_age_days > 0),
    updated_at    INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE recordings (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    camera_id     TEXT NOT NULL,
    stream        TEXT NOT NULL CHECK (stream IN ('main', 'sub')),
    start_ms      INTEGER NOT NULL,
    end_ms        INTEGER NOT NULL CHECK (end_ms >= start_ms),
    bytes         INTEGER NOT NULL CHECK (bytes >= 0),
    path          TEXT NOT NULL UNIQUE,
    status        TEXT NOT NULL CHECK (status IN ('complete', 'recovered', 'missing', 'quarantined')),
    codec         TEXT,
    run_id        TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    second_bytes  BLOB NOT NULL,
    indexed_at    INTEGER NOT NULL
  ) STRICT;
  -- Timeline: start_ms bounded on both sides because a recording never exceeds MAX_RECORDING_MS.
  CREATE INDEX recordings_timeline ON recordings (camera_id, start_ms);
  -- Retention walks the oldest footage of all cameras first.
  CREATE INDEX recordings_oldest ON recordings (start_ms);

  -- Live footage (complete or recovered) per camera, kept by triggers so the quota check
  -- and the storage panel never sum millions of rows.
  CREATE TABLE recording_usage (
    camera_id   TEXT PRIMARY KEY,
    bytes       INTEGER NOT NULL DEFAULT 0,
    recordings  INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TRIGGER recordings_usage_insert AFTER INSERT ON recordings
  WHEN NEW.status IN ('complete', 'recovered') BEGIN
    INSERT OR IGNORE INTO recording_usage (camera_id) VALUES (NEW.camera_id);
    UPDATE recording_usage SET bytes = bytes + NEW.bytes, recordings = recordings + 1
    WHERE camera_id = NEW.camera_id;
  END;
  CREATE TRIGGER recordings_usage_delete AFTER DELETE ON recordings
  WHEN OLD.status IN ('complete', 'recovered') BEGIN
    UPDATE recording_usage SET bytes = bytes - OLD.bytes, recordings = recordings - 1
    WHERE camera_id = OLD.camera_id;
  END;
  CREATE TRIGGER recordings_usage_update AFTER UPDATE OF status, bytes, camera_id ON recordings BEGIN
    UPDATE recording_usage SET bytes = bytes - OLD.bytes, recordings = recordings - 1
    WHERE camera_id = OLD.camera_id AND OLD.status IN ('complete', 'recovered');
    INSERT OR IGNORE INTO recording_usage (camera_id)
    SELECT NEW.camera_id WHERE NEW.status IN ('complete', 'recovered');
    UPDATE recording_usage SET bytes = bytes + NEW.bytes, recordings = recordings + 1
    WHERE camera_id = NEW.camera_id AND NEW.status IN ('complete', 'recovered');
  END;

  CREATE TABLE recording_gaps (
    id          INTEGER PRIMARY KEY,
    camera_id   TEXT NOT NULL,
    stream      TEXT NOT NULL CHECK (stream IN ('main', 'sub')),
    start_ms    INTEGER NOT NULL,
    end_ms      INTEGER,
    reason      TEXT NOT NULL CHECK (reason IN
                  ('camera_offline', 'recording_disabled', 'app_not_running', 'disk_error', 'clock_change')),
    error_kind  TEXT
  ) STRICT;
  CREATE INDEX recording_gaps_timeline ON recording_gaps (camera_id, start_ms);
  CREATE INDEX recording_gaps_open ON recording_gaps (camera_id) WHERE end_ms IS NULL;

  CREATE TABLE recording_locks (
    id           INTEGER PRIMARY KEY,
    camera_id    TEXT,
    start_ms     INTEGER NOT NULL,
    end_ms       INTEGER NOT NULL CHECK (end_ms >= start_ms),
    reason       TEXT NOT NULL,
    incident_id  TEXT,
    created_at   INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX recording_locks_camera ON recording_locks (camera_id, start_ms);

  CREATE TABLE recording_events (
    id          INTEGER PRIMARY KEY,
    at_ms       INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    camera_id   TEXT,
    stream      TEXT,
    detail_json TEXT NOT NULL DEFAULT '{}'
  ) STRICT;
  CREATE INDEX recording_events_at ON recording_events (at_ms);
  `,
  // Storage roots: every folder footage was ever written to, so the storage
  // folder can change (a second disk) without orphaning the index. Existing rows
  // get root_id NULL: the migration cannot know the folder (it lives in the
  // config and the settings store). The recording service adopts them at start
  // into the root it starts with; at the first start after this step that is the
  // folder they were written to, because the folder could not change before
  // roots existed.
  3: `
  CREATE TABLE storage_roots (
    id        INTEGER PRIMARY KEY,
    path      TEXT NOT NULL UNIQUE,
    added_at  INTEGER NOT NULL,
    active    INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
  ) STRICT;
  -- At most one root is written to.
  CREATE UNIQUE INDEX storage_roots_active ON storage_roots (active) WHERE active = 1;

  ALTER TABLE recordings ADD COLUMN root_id INTEGER REFERENCES storage_roots (id);
  CREATE INDEX recordings_root ON recordings (root_id, start_ms);

  -- Live footage per root, kept by triggers like recording_usage (the panel lists roots
  -- with their bytes every few seconds; summing millions of rows is not an option).
  CREATE TABLE storage_root_usage (
    root_id     INTEGER PRIMARY KEY,
    bytes       INTEGER NOT NULL DEFAULT 0,
    recordings  INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TRIGGER recordings_root_usage_insert AFTER INSERT ON recordings
  WHEN NEW.status IN ('complete', 'recovered') AND NEW.root_id IS NOT NULL BEGIN
    INSERT OR IGNORE INTO storage_root_usage (root_id) VALUES (NEW.root_id);
    UPDATE storage_root_usage SET bytes = bytes + NEW.bytes, recordings = recordings + 1
    WHERE root_id = NEW.root_id;
  END;
  CREATE TRIGGER recordings_root_usage_delete AFTER DELETE ON recordings
  WHEN OLD.status IN ('complete', 'recovered') AND OLD.root_id IS NOT NULL BEGIN
    UPDATE storage_root_usage SET bytes = bytes - OLD.bytes, recordings = recordings - 1
    WHERE root_id = OLD.root_id;
  END;
  CREATE TRIGGER recordings_root_usage_update AFTER UPDATE OF status, bytes, root_id ON recordings BEGIN
    UPDATE storage_root_usage SET bytes = bytes - OLD.bytes, recordings = recordings - 1
    WHERE root_id = OLD.root_id AND OLD.status IN ('complete', 'recovered');
    INSERT OR IGNORE INTO storage_root_usage (root_id)
    SELECT NEW.root_id WHERE NEW.status IN ('complete', 'recovered') AND NEW.root_id IS NOT NULL;
    UPDATE storage_root_usage SET bytes = bytes + NEW.bytes, recordings = recordings + 1
    WHERE root_id = NEW.root_id AND NEW.status IN ('complete', 'recovered');
  END;
  `,

  // Where each keyframe sits in a filed segment, so a seek fetches the init segment plus
  // the fragments from the keyframe before the target instead of the whole file.
  // entries: varint pairs (delta ms, delta byte offset), see keyframe-index.ts.
  8: `
  CREATE TABLE recording_keyframes (
    recording_id  INTEGER PRIMARY KEY,
    init_end      INTEGER NOT NULL CHECK (init_end > 0),
    entries       BLOB NOT NULL
  ) STRICT;
  CREATE TRIGGER recordings_keyframes_delete AFTER DELETE ON recordings BEGIN
    DELETE FROM recording_keyframes WHERE recording_id = OLD.id;
  END;
  `,

  // Playable footage per camera and hour, kept by triggers like recording_usage, so the
  // week overview reads ~2 700 rows instead of merging ~160 000 segments
  // (docs/design/playback.md, docs/ref/schema.md v9). Backfilled from the index.
  9: `
  CREATE TABLE recording_hours (
    camera_id       TEXT NOT NULL,
    hour_ms         INTEGER NOT NULL,
    bytes           INTEGER NOT NULL,
    covered_ms      INTEGER NOT NULL,
    segments        INTEGER NOT NULL,
    first_start_ms  INTEGER NOT NULL,
    last_end_ms     INTEGER NOT NULL,
    PRIMARY KEY (camera_id, hour_ms)
  ) STRICT, WITHOUT ROWID;
  ${RECORDING_HOURS_TRIGGERS}`,

  // The district outbox (docs/design/district.md): recording gaps opened and closed, and
  // the storage alarms of the event log (raised: disk_alarm, locked_over_quota; cleared:
  // disk_ok, as storageAlarmEvents reads them), each in its change's own transaction.
  10: `
  CREATE TRIGGER recording_gaps_district_opened AFTER INSERT ON recording_gaps
  WHEN (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload) VALUES ('gap', NEW.start_ms,
      json_object('gapId', NEW.id, 'cameraId', NEW.camera_id, 'stream', NEW.stream,
        'startMs', NEW.start_ms, 'endMs', NEW.end_ms, 'reason', NEW.reason));
  END;
  CREATE TRIGGER recording_gaps_district_closed AFTER UPDATE OF end_ms ON recording_gaps
  WHEN OLD.end_ms IS NULL AND NEW.end_ms IS NOT NULL
    AND (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload) VALUES ('gap', NEW.end_ms,
      json_object('gapId', NEW.id, 'cameraId', NEW.camera_id, 'stream', NEW.stream,
        'startMs', NEW.start_ms, 'endMs', NEW.end_ms, 'reason', NEW.reason));
  END;
  CREATE TRIGGER recording_events_district_storage AFTER INSERT ON recording_events
  WHEN NEW.kind IN ('disk_alarm', 'disk_ok', 'locked_over_quota')
    AND (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload) VALUES ('storage', NEW.at_ms,
      json_object('eventId', NEW.id, 'kind', NEW.kind, 'at', NEW.at_ms,
                  'cameraId', NEW.camera_id, 'detail', json(NEW.detail_json)));
  END;
  `,
};
