// The shifts domain's tables: duty shifts and their handovers (docs/design/duty.md).
// Keyed by the schema version that adds the SQL; append-only like every
// migration step (docs/ref/schema.md).
//
// Triggers make an acknowledged handover immutable through SQL as well as
// through the service; the audit log puts them back if a tool drops them.
import type { DomainMigrations } from '../db/migrate';

/** Name → CREATE statement of the triggers guarding acknowledged handovers. */
export const HANDOVER_TRIGGERS = {
  handovers_immutable_update: `CREATE TRIGGER handovers_immutable_update BEFORE UPDATE ON handovers
    WHEN OLD.acknowledged_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'handover_immutable'); END`,
  handovers_immutable_delete: `CREATE TRIGGER handovers_immutable_delete BEFORE DELETE ON handovers
    WHEN OLD.acknowledged_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'handover_immutable'); END`,
} as const;

export const shiftsMigrations: DomainMigrations = {
  4: `
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
  ${HANDOVER_TRIGGERS.handovers_immutable_update};
  ${HANDOVER_TRIGGERS.handovers_immutable_delete};
  `,
  // The district outbox (docs/design/district.md): a handover acknowledged by the incoming
  // officer, in the acknowledgement's own transaction.
  10: `
  CREATE TRIGGER handovers_district_acknowledged AFTER UPDATE OF acknowledged_at ON handovers
  WHEN OLD.acknowledged_at IS NULL AND NEW.acknowledged_at IS NOT NULL
    AND (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
    INSERT INTO district_outbox (kind, at, payload) VALUES ('handover', NEW.acknowledged_at,
      json_object('handoverId', NEW.id, 'acknowledgedAt', NEW.acknowledged_at,
                  'contentHash', NEW.content_hash));
  END;
  `,
};
