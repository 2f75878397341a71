// Schema of the recording index (see docs/recording.md). The lead appends these
// steps to the station migration list; like that list they are append-only.
// Camera ids carry no foreign key on purpose: footage and its index outlive a
// camera removed from the registry (it may be evidence).
import type { Migration } from '../db/migrate';

export const recordingMigrations: readonly Migration[] = [
  `
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
];
