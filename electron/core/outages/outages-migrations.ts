// The outages domain's table: when each camera stream was unreachable. Keyed by
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
};
