// The layouts domain's table: saved grid layouts. Keyed by the schema version
// that adds the SQL; append-only like every migration step (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const layoutsMigrations: DomainMigrations = {
  1: `
  CREATE TABLE layouts (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    tiles_json  TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;
  `,
};
