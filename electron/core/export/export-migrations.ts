// The export domain's table: one row per export attempt, running, complete,
// failed or cancelled; the files of a complete export as written in its
// manifest (docs/design/export.md). Keyed by the schema version that adds the SQL;
// append-only like every migration step (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const exportMigrations: DomainMigrations = {
  5: `
  CREATE TABLE exports (
    id               TEXT PRIMARY KEY,
    status           TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'cancelled')),
    incident_id      TEXT REFERENCES incidents (id),
    case_number      TEXT NOT NULL DEFAULT '',
    -- [{id, name}] of the cameras at the time of the export.
    cameras_json     TEXT NOT NULL,
    from_ms          INTEGER NOT NULL,
    to_ms            INTEGER NOT NULL,
    destination      TEXT NOT NULL,
    folder_name      TEXT NOT NULL,
    officer_id       TEXT NOT NULL REFERENCES officers (id),
    shift_id         TEXT REFERENCES shifts (id),
    started_at       INTEGER NOT NULL,
    finished_at      INTEGER,
    bytes            INTEGER NOT NULL DEFAULT 0,
    -- [{name, bytes, sha256, kind, cameraId}] of a complete export.
    files_json       TEXT NOT NULL DEFAULT '[]',
    manifest_sha256  TEXT,
    error_code       TEXT
  ) STRICT;
  CREATE INDEX exports_incident ON exports (incident_id, started_at);
  CREATE INDEX exports_started ON exports (started_at);
  `,
  // The district outbox (docs/design/district.md): an export started and ended (its
  // manifest hash when complete), each in its change's own transaction. An export that
  // answers a centre request carries "Yêu cầu TT <request id>" as its case number
  // (district-service.ts), which names the request in the event.
  10: `
  CREATE TRIGGER exports_district_started AFTER INSERT ON exports
  WHEN (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload) VALUES ('export', NEW.started_at,
      json_object('exportId', NEW.id, 'status', NEW.status, 'incidentId', NEW.incident_id,
        'fromMs', NEW.from_ms, 'toMs', NEW.to_ms, 'bytes', NEW.bytes,
        'manifestSha256', NEW.manifest_sha256, 'caseNumber', NEW.case_number,
        'requestId', CASE WHEN substr(NEW.case_number, 1, 11) = 'Yêu cầu TT '
                          THEN substr(NEW.case_number, 12) END));
  END;
  CREATE TRIGGER exports_district_ended AFTER UPDATE OF status ON exports
  WHEN OLD.status <> NEW.status
    AND (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload)
    VALUES ('export', COALESCE(NEW.finished_at, NEW.started_at),
      json_object('exportId', NEW.id, 'status', NEW.status, 'incidentId', NEW.incident_id,
        'fromMs', NEW.from_ms, 'toMs', NEW.to_ms, 'bytes', NEW.bytes,
        'manifestSha256', NEW.manifest_sha256, 'caseNumber', NEW.case_number,
        'requestId', CASE WHEN substr(NEW.case_number, 1, 11) = 'Yêu cầu TT '
                          THEN substr(NEW.case_number, 12) END));
  END;
  `,
};
