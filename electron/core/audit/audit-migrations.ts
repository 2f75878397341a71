// The audit domain's table: the hash-chained, append-only audit log
// (docs/design/duty.md). Keyed by the schema version that adds the SQL; append-only
// like every migration step (docs/ref/schema.md).
//
// Triggers refuse UPDATE and DELETE through SQL; the chain still detects edits
// made by a tool that drops the triggers first, and the log puts them back.
import type { DomainMigrations } from '../db/migrate';

/** Name → CREATE statement of the triggers keeping audit rows append-only. */
export const AUDIT_LOG_TRIGGERS = {
  audit_log_no_update: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END`,
  audit_log_no_delete: `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END`,
} as const;

export const auditMigrations: DomainMigrations = {
  4: `
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
  ${AUDIT_LOG_TRIGGERS.audit_log_no_update};
  ${AUDIT_LOG_TRIGGERS.audit_log_no_delete};
  `,
};
