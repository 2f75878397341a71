// The station database schema as ordered migration steps (see docs/ref/schema.md).
// Each domain owns the SQL of its tables in <domain>/<domain>-migrations.ts, by
// the version that adds it; step v runs every domain's part for v in the order
// below, the order the shipped steps were written in, so a database sees the
// same statements whichever build created it. Append new versions; never edit
// a shipped one.
import { auditMigrations, AUDIT_LOG_TRIGGERS } from '../audit/audit-migrations';
import { camerasMigrations } from '../cameras/cameras-migrations';
import { districtMigrations } from '../district/district-migrations';
import { exportMigrations } from '../export/export-migrations';
import { incidentsMigrations } from '../incidents/incidents-migrations';
import { layoutsMigrations } from '../layouts/layouts-migrations';
import { officersMigrations } from '../officers/officers-migrations';
import { onvifMigrations } from '../onvif/onvif-migrations';
import { outagesMigrations } from '../outages/outages-migrations';
import { ptzMigrations } from '../ptz/ptz-migrations';
import { recordingMigrations } from '../recording/recording-migrations';
import { settingsMigrations } from '../settings/settings-migrations';
import { HANDOVER_TRIGGERS, shiftsMigrations } from '../shifts/shifts-migrations';
import { tamperMigrations } from '../tamper/tamper-migrations';
import type { DomainMigrations, Migration } from './migrate';

/** Each domain folder with its migrations, in the order a step runs their parts. */
export const DOMAIN_MIGRATIONS: readonly (readonly [domain: string, DomainMigrations])[] = [
  // v10: the district link and its outbox (docs/design/district.md). First, so a step's
  // outbox exists before the other domains' parts of it add triggers writing to it;
  // it has no part in earlier steps, so their SQL is unchanged.
  ['district', districtMigrations],
  // v1: cameras, recorders, layouts, settings, outages.
  ['cameras', camerasMigrations],
  ['layouts', layoutsMigrations],
  ['settings', settingsMigrations],
  ['outages', outagesMigrations],
  // v2: recording index, gaps, locks, events, per-camera settings (docs/design/recording.md);
  // v3: storage roots, so the storage folder can change without orphaning footage.
  ['recording', recordingMigrations],
  // v4: officers, shifts, handovers, incidents, audit log (docs/design/duty.md).
  ['officers', officersMigrations],
  ['shifts', shiftsMigrations],
  ['incidents', incidentsMigrations],
  ['audit', auditMigrations],
  // v5: footage exports (docs/design/export.md).
  ['export', exportMigrations],
  // v7: ONVIF devices and camera clock readings (docs/design/onvif.md).
  ['onvif', onvifMigrations],
  // v7: names of PTZ presets as officers typed them (docs/design/ptz.md).
  ['ptz', ptzMigrations],
  // v7: picture-alarm detector settings and reference pictures (docs/design/tamper.md).
  ['tamper', tamperMigrations],
];

const latest = Math.max(...DOMAIN_MIGRATIONS.flatMap(([, m]) => Object.keys(m).map(Number)));

export const migrations: readonly Migration[] = Array.from({ length: latest }, (_, i) =>
  DOMAIN_MIGRATIONS.map(([, m]) => m[i + 1] ?? '').join(''),
);

/**
 * Name → CREATE statement of the triggers that keep records immutable through
 * SQL, as their domains' migrations created them; the audit log checks they are
 * all there and puts back any a tool dropped.
 */
export const PROTECTIVE_TRIGGERS: Readonly<Record<string, string>> = {
  ...AUDIT_LOG_TRIGGERS,
  ...HANDOVER_TRIGGERS,
};
