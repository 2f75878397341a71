// The PTZ domain's table: the names officers gave the presets of each dome camera,
// kept by the station because many firmwares mangle UTF-8 preset names. Keyed by
// the schema version that adds the SQL; append-only like every migration step
// (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const ptzMigrations: DomainMigrations = {
  7: `
  CREATE TABLE ptz_presets (
    camera_id   TEXT NOT NULL REFERENCES cameras (id) ON DELETE CASCADE,
    token       TEXT NOT NULL,
    name        TEXT NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT,
    PRIMARY KEY (camera_id, token)
  ) STRICT;
  `,
};
