// The officers domain's table: the station's officers and their sign-in
// credentials (docs/design/duty.md). Keyed by the schema version that adds the SQL;
// append-only like every migration step (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const officersMigrations: DomainMigrations = {
  4: `
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
  `,
};
