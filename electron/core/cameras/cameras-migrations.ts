// The cameras domain's tables: the camera registry and the recorders (NVR/DVR)
// cameras may be channels of. Keyed by the schema version that adds the SQL;
// append-only like every migration step (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const camerasMigrations: DomainMigrations = {
  1: `
  CREATE TABLE recorders (
    id          TEXT PRIMARY KEY,
    vendor      TEXT NOT NULL CHECK (vendor IN ('hikvision', 'dahua', 'generic')),
    host        TEXT NOT NULL,
    port        INTEGER NOT NULL,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE cameras (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    location      TEXT NOT NULL DEFAULT '',
    grp           TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL CHECK (source IN ('rtsp', 'demo')),
    main_url      TEXT NOT NULL,
    sub_url       TEXT,
    username      TEXT,
    password_enc  TEXT,
    recorder_id   TEXT REFERENCES recorders (id) ON DELETE SET NULL,
    channel       INTEGER,
    enabled       INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX cameras_recorder ON cameras (recorder_id);
  `,
  // Footage, outages and gaps outlive a camera removed from the registry; the
  // handover, reports and exports name it by the name it last had, never by id.
  6: `
  CREATE TABLE removed_cameras (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    location    TEXT NOT NULL DEFAULT '',
    removed_at  INTEGER NOT NULL
  ) STRICT;
  `,
};
