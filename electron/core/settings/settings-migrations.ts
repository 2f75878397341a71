// The settings domain's table: station settings as JSON values by key. Keyed by
// the schema version that adds the SQL; append-only like every migration step
// (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const settingsMigrations: DomainMigrations = {
  1: `
  CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value_json  TEXT NOT NULL
  ) STRICT;
  `,
};
