// v4: officers, shifts and handovers, incidents (with history, snapshots and a
// diacritics-folded search index) and the hash-chained audit log (docs/duty.md).
// Append-only like every migration step.
//
// Triggers make acknowledged handovers and every audit row immutable through
// SQL as well as through the services; the audit chain still detects edits made
// by a tool that drops the triggers first.
import type { Migration } from './migrate';

export const dutyMigrations: readonly Migration[] = [
  `
  CREATE TABLE officers (
    id               TEXT PRIMARY KEY,
    full_name        TEXT NOT NULL,
    rank             TEXT NOT NULL,
    badge_number     TEXT NOT NULL COLLATE NOCASE UNIQUE,
    role             TEXT NOT NULL CHECK (role IN ('duty', 'commander')),
    password_hash    TEXT NOT NULL,
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    last_sign_in_at  INTEGER
  ) STRICT;

  CREATE TABLE shifts (
    id          TEXT PRIMARY KEY,
    officer_id  TEXT NOT NULL REFERENCES officers (id),
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    -- handover: the officer ended it; replaced: another officer signed in first.
    end_reason  TEXT CHECK (end_reason IN ('handover', 'replaced'))
  ) STRICT;
  CREATE INDEX shifts_started ON shifts (started_at);
  CREATE INDEX shifts_open ON shifts (ended_at) WHERE ended_at IS NULL;

  CREATE TABLE handovers (
    id                   TEXT PRIMARY KEY,
    shift_id             TEXT NOT NULL UNIQUE REFERENCES shifts (id),
    outgoing_officer_id  TEXT NOT NULL REFERENCES officers (id),
    summary_json         TEXT NOT NULL,
    outgoing_notes       TEXT NOT NULL DEFAULT '',
    created_at           INTEGER NOT NULL,
    incoming_officer_id  TEXT REFERENCES officers (id),
    incoming_shift_id    TEXT REFERENCES shifts (id),
    incoming_note        TEXT,
    acknowledged_at      INTEGER,
    content_hash         TEXT,
    -- The handover exactly as acknowledged (officer names and ranks of that day
    -- included), so a later rename or promotion never changes the sealed record.
    sealed_json          TEXT
  ) STRICT;
  CREATE INDEX handovers_pending ON handovers (created_at) WHERE acknowledged_at IS NULL;
  CREATE TRIGGER handovers_immutable_update BEFORE UPDATE ON handovers
    WHEN OLD.acknowledged_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'handover_immutable'); END;
  CREATE TRIGGER handovers_immutable_delete BEFORE DELETE ON handovers
    WHEN OLD.acknowledged_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'handover_immutable'); END;

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

  CREATE TABLE audit_log (
    seq           INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    officer_id    TEXT,
    officer_name  TEXT,
    action        TEXT NOT NULL,
    subject       TEXT,
    details_json  TEXT NOT NULL DEFAULT '{}',
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
  ) STRICT;
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE INDEX audit_log_action ON audit_log (action, at);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END;
  `,
];
