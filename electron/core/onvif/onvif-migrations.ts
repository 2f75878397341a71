// The onvif domain's tables: which cameras were added from an ONVIF device (and how
// to reach it again), and their clock readings. Keyed by the schema version that
// adds the SQL; append-only like every migration step (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const onvifMigrations: DomainMigrations = {
  // No reference to cameras: a removed camera's row is deleted by the service, and
  // readings outlive it like outages do. The account is the camera's own (sealed in
  // cameras.password_enc): no second copy of the password here.
  7: `
  CREATE TABLE onvif_devices (
    camera_id     TEXT PRIMARY KEY,
    endpoint      TEXT,
    xaddr         TEXT NOT NULL,
    username      TEXT,
    manufacturer  TEXT,
    model         TEXT,
    firmware      TEXT,
    serial        TEXT,
    main_profile  TEXT NOT NULL,
    sub_profile   TEXT,
    ptz_profile   TEXT,
    added_at      INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX onvif_devices_endpoint ON onvif_devices (endpoint);
  CREATE TABLE camera_clock_readings (
    id              INTEGER PRIMARY KEY,
    camera_id       TEXT NOT NULL,
    at              INTEGER NOT NULL,
    offset_ms       INTEGER,
    uncertainty_ms  INTEGER,
    tz              TEXT,
    tz_ok           INTEGER,
    ntp             INTEGER,
    level           TEXT NOT NULL CHECK (level IN ('ok', 'warning', 'alarm', 'unknown')),
    error           TEXT
  ) STRICT;
  CREATE INDEX camera_clock_readings_camera ON camera_clock_readings (camera_id, at);
  `,
};
