// The outages domain's tables: when each camera was unreachable, and who acknowledged it. Keyed by
// the schema version that adds the SQL; append-only like every migration step
// (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const outagesMigrations: DomainMigrations = {
  1: `
  CREATE TABLE camera_outages (
    id          INTEGER PRIMARY KEY,
    camera_id   TEXT NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
    stream      TEXT NOT NULL CHECK (stream IN ('main', 'sub')),
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    error_kind  TEXT
  ) STRICT;
  CREATE INDEX camera_outages_camera ON camera_outages (camera_id, started_at);
  CREATE INDEX camera_outages_open ON camera_outages (ended_at) WHERE ended_at IS NULL;
  `,
  // Who acknowledged an outage's alarm ("Đã biết"): one row per outage at most, the
  // officer's name kept as it was then. Its own table so the outage rows stay as written.
  //
  // Outages outlive their camera: a camera removed during a shift still counts in that
  // shift's handover (by its last known name). Rebuilt without the cascading reference,
  // before anything refers to the table.
  6: `
  CREATE TABLE camera_outages_kept (
    id          INTEGER PRIMARY KEY,
    camera_id   TEXT NOT NULL,
    stream      TEXT NOT NULL CHECK (stream IN ('main', 'sub')),
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    error_kind  TEXT
  ) STRICT;
  INSERT INTO camera_outages_kept SELECT id, camera_id, stream, started_at, ended_at, error_kind
    FROM camera_outages;
  DROP TABLE camera_outages;
  ALTER TABLE camera_outages_kept RENAME TO camera_outages;
  CREATE INDEX camera_outages_camera ON camera_outages (camera_id, started_at);
  CREATE INDEX camera_outages_open ON camera_outages (ended_at) WHERE ended_at IS NULL;
  CREATE TABLE camera_outage_acks (
    outage_id     INTEGER PRIMARY KEY REFERENCES camera_outages (id) ON DELETE CASCADE,
    officer_id    TEXT NOT NULL,
    officer_name  TEXT NOT NULL,
    at            INTEGER NOT NULL
  ) STRICT;
  `,
  // Picture and clock alarms (black, frozen, covered, turned, clock off), siblings of the
  // outages: one open row per camera and kind, acknowledged once, outliving their camera.
  7: `
  CREATE TABLE camera_alarms (
    id          INTEGER PRIMARY KEY,
    camera_id   TEXT NOT NULL,
    kind        TEXT NOT NULL
                CHECK (kind IN ('black', 'frozen', 'covered', 'scene', 'clock', 'timezone')),
    source      TEXT NOT NULL CHECK (source IN ('detector', 'camera', 'clock')),
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    detail      TEXT NOT NULL DEFAULT '{}'
  ) STRICT;
  CREATE INDEX camera_alarms_camera ON camera_alarms (camera_id, started_at);
  CREATE INDEX camera_alarms_open ON camera_alarms (ended_at) WHERE ended_at IS NULL;
  CREATE TABLE camera_alarm_acks (
    alarm_id      INTEGER PRIMARY KEY REFERENCES camera_alarms (id) ON DELETE CASCADE,
    officer_id    TEXT NOT NULL,
    officer_name  TEXT NOT NULL,
    at            INTEGER NOT NULL
  ) STRICT;
  `,
  // The district outbox (docs/design/district.md): an outage or picture/clock alarm opened
  // and closed, each in its change's own transaction. A row opened already closed gives
  // one event.
  10: `
  CREATE TRIGGER camera_outages_district_opened AFTER INSERT ON camera_outages
  WHEN (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload) VALUES ('outage', NEW.started_at,
      json_object('outageId', NEW.id, 'cameraId', NEW.camera_id, 'stream', NEW.stream,
        'startedAt', NEW.started_at, 'endedAt', NEW.ended_at, 'errorKind', NEW.error_kind));
  END;
  CREATE TRIGGER camera_outages_district_closed AFTER UPDATE OF ended_at ON camera_outages
  WHEN OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL
    AND (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload) VALUES ('outage', NEW.ended_at,
      json_object('outageId', NEW.id, 'cameraId', NEW.camera_id, 'stream', NEW.stream,
        'startedAt', NEW.started_at, 'endedAt', NEW.ended_at, 'errorKind', NEW.error_kind));
  END;
  CREATE TRIGGER camera_alarms_district_opened AFTER INSERT ON camera_alarms
  WHEN (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload) VALUES ('alarm', NEW.started_at,
      json_object('alarmId', NEW.id, 'cameraId', NEW.camera_id, 'kind', NEW.kind, 'source', NEW.source,
        'startedAt', NEW.started_at, 'endedAt', NEW.ended_at));
  END;
  CREATE TRIGGER camera_alarms_district_closed AFTER UPDATE OF ended_at ON camera_alarms
  WHEN OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL
    AND (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload) VALUES ('alarm', NEW.ended_at,
      json_object('alarmId', NEW.id, 'cameraId', NEW.camera_id, 'kind', NEW.kind, 'source', NEW.source,
        'startedAt', NEW.started_at, 'endedAt', NEW.ended_at));
  END;
  `,
};
