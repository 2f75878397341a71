// The station database schema as ordered migration steps (see docs/schema.md).
// Append new steps at the end; later issues add recording, incident and audit tables.
import { recordingMigrations } from '../recording/recording-migrations';
import { storageRootMigrations } from '../recording/storage-root-migrations';
import { exportMigrations } from '../export/export-migrations';
import { dutyMigrations } from './duty-migrations';
import type { Migration } from './migrate';

export const migrations: readonly Migration[] = [
  // v1: cameras, recorders, layouts, settings, outages.
  `
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

  CREATE TABLE layouts (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    tiles_json  TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value_json  TEXT NOT NULL
  ) STRICT;

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
  // v2…: recording index, gaps, locks, events, per-camera settings (docs/recording.md).
  ...recordingMigrations,
  // v3: storage roots, so the storage folder can change without orphaning footage.
  ...storageRootMigrations,
  // v4: officers, shifts, handovers, incidents, audit log (docs/duty.md).
  ...dutyMigrations,
  // v5: footage exports (docs/export.md).
  ...exportMigrations,
];
