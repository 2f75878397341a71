// The centre's SQLite file: the station registry (who may connect to the hub) and the
// read model built from the stations' events. One schema, created on open; a later
// change bumps user_version with a step of its own.
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Database } from '../../electron/core/db/database';

const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS registry_stations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS centre_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  last_seen INTEGER,
  last_seq INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  cameras INTEGER,
  online INTEGER,
  recording INTEGER,
  open_alarms INTEGER,
  health_at INTEGER,
  camera_names TEXT
);
CREATE TABLE IF NOT EXISTS events (
  station TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  data TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  UNIQUE (station, seq)
);
CREATE INDEX IF NOT EXISTS events_station_at ON events (station, at);
CREATE TABLE IF NOT EXISTS seq_gaps (
  station TEXT NOT NULL,
  from_seq INTEGER NOT NULL,
  to_seq INTEGER NOT NULL,
  detected_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS incidents (
  station TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  code TEXT NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  location TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  cameras TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (station, incident_id)
);
CREATE INDEX IF NOT EXISTS incidents_station_time ON incidents (station, occurred_at);
CREATE TABLE IF NOT EXISTS open_items (
  station TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('alarm', 'outage', 'gap')),
  item_id INTEGER NOT NULL,
  camera_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  PRIMARY KEY (station, kind, item_id)
);
CREATE TABLE IF NOT EXISTS export_requests (
  request_id TEXT PRIMARY KEY,
  station TEXT NOT NULL,
  incident_code TEXT,
  from_ms INTEGER,
  to_ms INTEGER,
  camera_ids TEXT NOT NULL,
  reason TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'approved', 'refused')),
  send_error TEXT,
  decided_at INTEGER,
  decided_by TEXT,
  decision_reason TEXT,
  export_status TEXT,
  manifest_sha256 TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS export_requests_station ON export_requests (station, requested_at);
CREATE TABLE IF NOT EXISTS rejects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at INTEGER NOT NULL,
  subject TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL
);
`;

export async function openCentreDb(file: string): Promise<Database> {
  // The data folder holds keys and passwords: only its owner reads it.
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = await Database.open(file);
  // It holds the centre's own hub password (the service logs in with it).
  chmodSync(file, 0o600);
  try {
    const row = await db.get<{ user_version: number }>('PRAGMA user_version');
    if ((row?.user_version ?? 0) < 1) {
      await db.transaction(async (tx) => {
        await tx.exec(SCHEMA_V1);
        await tx.exec('PRAGMA user_version = 1');
      });
    }
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
