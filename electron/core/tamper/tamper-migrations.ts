// The tamper domain's tables: each camera's detector settings, and the reference
// pictures a turned camera is compared with. Keyed by the schema version that adds
// the SQL; append-only like every migration step (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const tamperMigrations: DomainMigrations = {
  // Settings as JSON (validated with defaults on read), so new checks need no migration.
  // References: one luma picture per slot (colour by day, mono in IR night mode, or a
  // PTZ preset); taken_by null = learned by the station. No foreign key: a removed
  // camera's rows are deleted by the detector with the camera.
  7: `
  CREATE TABLE tamper_settings (
    camera_id   TEXT PRIMARY KEY,
    json        TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE tamper_references (
    camera_id    TEXT NOT NULL,
    slot         TEXT NOT NULL,
    taken_at     INTEGER NOT NULL,
    taken_by     TEXT,
    width        INTEGER NOT NULL,
    height       INTEGER NOT NULL,
    pixels       BLOB NOT NULL,
    edge_energy  REAL NOT NULL,
    PRIMARY KEY (camera_id, slot)
  ) STRICT;
  `,
};
