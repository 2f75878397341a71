// The incidents domain's tables: incidents with their cameras, history and
// snapshots, and a diacritics-folded search index (docs/design/duty.md). Keyed by the
// schema version that adds the SQL; append-only like every migration step
// (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const incidentsMigrations: DomainMigrations = {
  4: `
  CREATE TABLE incidents (
    id           TEXT PRIMARY KEY,
    -- Human number, e.g. 2026-0012: yearly sequence by station time.
    code         TEXT NOT NULL UNIQUE,
    category     TEXT NOT NULL,
    severity     TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'closed')),
    location     TEXT NOT NULL,
    description  TEXT NOT NULL,
    occurred_at  INTEGER NOT NULL,
    start_ms     INTEGER NOT NULL,
    end_ms       INTEGER NOT NULL CHECK (end_ms > start_ms),
    created_by   TEXT NOT NULL REFERENCES officers (id),
    shift_id     TEXT REFERENCES shifts (id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
  ) STRICT;
  CREATE INDEX incidents_occurred ON incidents (occurred_at);
  CREATE INDEX incidents_status ON incidents (status, occurred_at);

  -- No foreign key to cameras: footage and its incidents outlive a camera
  -- removed from the registry; the name at the time is kept for the log.
  CREATE TABLE incident_cameras (
    incident_id  TEXT NOT NULL REFERENCES incidents (id),
    camera_id    TEXT NOT NULL,
    camera_name  TEXT NOT NULL,
    PRIMARY KEY (incident_id, camera_id)
  ) STRICT;
  CREATE INDEX incident_cameras_camera ON incident_cameras (camera_id);

  CREATE TABLE incident_history (
    id            INTEGER PRIMARY KEY,
    incident_id   TEXT NOT NULL REFERENCES incidents (id),
    at            INTEGER NOT NULL,
    officer_id    TEXT NOT NULL REFERENCES officers (id),
    action        TEXT NOT NULL,
    changes_json  TEXT NOT NULL DEFAULT '[]',
    reason        TEXT
  ) STRICT;
  CREATE INDEX incident_history_incident ON incident_history (incident_id, id);
  CREATE INDEX incident_history_at ON incident_history (at);

  CREATE TABLE incident_snapshots (
    id           TEXT PRIMARY KEY,
    incident_id  TEXT NOT NULL REFERENCES incidents (id),
    camera_id    TEXT,
    taken_at     INTEGER NOT NULL,
    -- Relative to the data folder.
    file         TEXT NOT NULL,
    mime         TEXT NOT NULL,
    bytes        INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    created_by   TEXT NOT NULL REFERENCES officers (id),
    created_at   INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX incident_snapshots_incident ON incident_snapshots (incident_id, taken_at);

  -- body holds the incident's text folded to ASCII (diacritics and đ removed,
  -- lower case) by the service, so "trom cap" finds "trộm cắp".
  CREATE VIRTUAL TABLE incident_search USING fts5 (
    incident_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
  );
  `,
  // The search body gained the category (in both languages) and the officer's
  // name; emptied here, the index is rebuilt by IncidentService.start().
  6: `
  DELETE FROM incident_search;
  `,
  // The district outbox (docs/design/district.md): one 'incident' event per history row,
  // written in the change's own transaction. History is written after the incident and
  // its cameras, so the row carries the incident as it now stands.
  10: `
  CREATE TRIGGER incident_history_district AFTER INSERT ON incident_history
  WHEN (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload)
    SELECT 'incident', NEW.at, json_object(
      'incidentId', i.id, 'action', NEW.action, 'at', NEW.at, 'code', i.code,
      'category', i.category, 'severity', i.severity, 'status', i.status,
      'location', i.location, 'occurredAt', i.occurred_at, 'version', i.version,
      'cameras', json((SELECT json_group_array(c.camera_id) FROM incident_cameras c
                       WHERE c.incident_id = i.id)),
      'cameraNames', json((SELECT json_group_array(c.camera_name) FROM incident_cameras c
                           WHERE c.incident_id = i.id)))
    FROM incidents i WHERE i.id = NEW.incident_id;
  END;
  `,
};
