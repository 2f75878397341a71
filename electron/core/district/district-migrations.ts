// The district domain's tables: the station's link to a district centre, the outbox
// every domain's triggers append to in the same transaction as their change, and the
// centre's export requests with the commander's decision (docs/design/district.md).
// Keyed by the schema version that adds the SQL; append-only like every migration
// step (docs/ref/schema.md).
import type { DomainMigrations } from '../db/migrate';

export const districtMigrations: DomainMigrations = {
  10: `
  -- One row (id = 1) once a commander connected the station; enabled gates every
  -- outbox trigger. credentials_json: the centre's credentials file, its password
  -- sealed by the station's SecretBox like a camera password.
  CREATE TABLE district_link (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    enabled           INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    station_id        TEXT NOT NULL,
    station_name      TEXT NOT NULL,
    hub_url           TEXT NOT NULL,
    credentials_json  TEXT NOT NULL,
    connected_at      INTEGER NOT NULL,
    connected_by      TEXT NOT NULL
  ) STRICT;

  -- seq is the envelope's sequence: AUTOINCREMENT so a pruned tail never hands a
  -- number out twice (the centre applies a station's events by seq).
  CREATE TABLE district_outbox (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL,
    at            INTEGER NOT NULL,
    payload       TEXT NOT NULL CHECK (json_valid(payload)),
    published_at  INTEGER
  ) STRICT;
  CREATE INDEX district_outbox_pending ON district_outbox (seq) WHERE published_at IS NULL;
  CREATE INDEX district_outbox_published ON district_outbox (published_at)
    WHERE published_at IS NOT NULL;

  CREATE TABLE district_requests (
    request_id       TEXT PRIMARY KEY,
    request_json     TEXT NOT NULL,
    received_at      INTEGER NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'approved', 'refused')),
    decided_at       INTEGER,
    decided_by       TEXT,
    decision_reason  TEXT,
    export_id        TEXT
  ) STRICT;
  CREATE INDEX district_requests_pending ON district_requests (received_at)
    WHERE status = 'pending';
  `,
};
