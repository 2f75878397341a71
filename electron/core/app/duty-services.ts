// Builds the duty-room services (officers, sessions, audit, shifts, incidents)
// over one database, as part of the service graph (service-graph.ts) that
// production and tests both build.
import { join } from 'node:path';
import type { EventName, EventOf } from '../../contract/channels';
import { AUDIT_KEY_SETTING, loadOrCreateAuditKey } from '../audit/audit-key';
import { AuditLog } from '../audit/audit-log';
import type { CameraService } from '../cameras/camera-service';
import type { Database } from '../db/database';
import { ExportHistory } from '../export/export-history';
import { IncidentService } from '../incidents/incident-service';
import type { ScryptParams } from '../officers/password-hash';
import { OfficerService } from '../officers/officer-service';
import { SessionStore } from '../officers/session-store';
import type { Logger } from '../logging/logger';
import type { SecretBox } from '../secrets/secret-box';
import type { SettingsService } from '../settings/settings-service';
import { handoverSourcesFrom, nameOnly, type HandoverServices } from '../shifts/handover-sources';
import { ShiftService } from '../shifts/shift-service';
import { createAuthorize, type Authorize } from './dispatch';
import type { DutyServices } from './duty-handlers';

export interface DutyServicesDeps {
  db: Database;
  dataDir: string;
  secrets: SecretBox;
  settings: SettingsService;
  cameras: CameraService;
  /** Read by the handover summary. */
  outages: HandoverServices['outages'];
  cameraAlarms?: HandoverServices['cameraAlarms'];
  recording: HandoverServices['recording'];
  emit: <E extends EventName>(event: E, payload: EventOf<E>) => void;
  now?: () => number;
  /** Tests pass cheap scrypt parameters; the product uses the service's defaults. */
  hashParams?: ScryptParams;
  logger?: Logger;
}

export interface DutyWiring extends DutyServices {
  /** Stops the session sweep and lets the last audit head write finish. */
  dispose: () => Promise<void>;
  authorize: Authorize;
  /** A media request (snapshot, report) carries a live, unlocked session token. */
  canView: (sessionToken: string | null) => boolean;
  /** Live view needs a live session; the grid plays on behind the lock screen. */
  canWatchLive: (sessionToken: string | null) => boolean;
}

export const AUDIT_HEAD_FILE = 'audit-head.json';
/** How often idle locks and session expiry are applied without a call. */
const SESSION_SWEEP_MS = 5000;
const AUDIT_HEAD_SIGNED_SETTING = 'audit.headSigned';

export async function createDutyServices(d: DutyServicesDeps): Promise<DutyWiring> {
  const clock = d.now ? { now: d.now } : {};
  const audit = new AuditLog({
    db: d.db,
    key: await auditKey(d),
    headFile: join(d.dataDir, AUDIT_HEAD_FILE),
    ...clock,
  });
  // Heads are signed since this setting exists: an unsigned one is trusted only at that upgrade.
  const trustUnsignedHead = !(await d.settings.getInternal(AUDIT_HEAD_SIGNED_SETTING));
  await audit.open({ trustUnsignedHead });
  if (trustUnsignedHead) await d.settings.setInternal(AUDIT_HEAD_SIGNED_SETTING, true);
  const officers = new OfficerService({
    db: d.db,
    audit,
    ...clock,
    ...(d.hashParams ? { hashParams: d.hashParams } : {}),
  });
  const sessions = new SessionStore({
    ...clock,
    // The core locked or ended a session on its own: audit it and tell the consoles.
    onPolicy: (event, record) => {
      const actor = { officerId: record.officer.id, fullName: record.officer.fullName };
      void audit
        .append(
          event === 'idle_lock'
            ? { action: 'auth.lock', actor, details: { reason: 'idle' } }
            : { action: 'auth.sign_out', actor, details: { reason: 'expired' } },
        )
        .catch((err: unknown) => d.logger?.error('session policy audit failed', { err }));
      d.emit('auth.changed', {});
    },
  });
  const applySessionPolicy = async () => {
    sessions.setIdleLockMs((await d.settings.get()).idleLockMinutes * 60_000);
    sessions.sweep();
  };
  await applySessionPolicy();
  // A console is told of an idle lock or an expiry without making a call.
  const sweeper = setInterval(() => {
    void applySessionPolicy().catch(() => undefined);
  }, SESSION_SWEEP_MS);
  sweeper.unref();
  const incidents = new IncidentService({
    db: d.db,
    audit,
    officers,
    dataDir: d.dataDir,
    // Incidents are marked on cameras in the registry; footage of removed ones keeps its old incidents.
    cameraNames: async (ids) => nameOnly(await d.cameras.namesOf(ids)),
    emit: (event, incident) => d.emit(event, incident),
    ...clock,
  });
  const shifts = new ShiftService({
    db: d.db,
    audit,
    sources: handoverSourcesFrom({
      officers,
      cameras: d.cameras,
      outages: d.outages,
      ...(d.cameraAlarms ? { cameraAlarms: d.cameraAlarms } : {}),
      incidents,
      exports: new ExportHistory({ db: d.db }),
      recording: d.recording,
      audit,
    }),
    ...clock,
  });
  return {
    dispose: async () => {
      clearInterval(sweeper);
      await audit.dispose();
    },
    officers,
    sessions,
    shifts,
    incidents,
    audit,
    authChanged: () => d.emit('auth.changed', {}),
    stationName: async () => (await d.settings.get()).stationName,
    saveStationName: async (stationName) => {
      await d.settings.update({ stationName });
    },
    authorize: createAuthorize((token) => sessions.principal(token)),
    canView: (token) => {
      const principal = token ? sessions.principal(token) : null;
      return principal !== null && !principal.locked;
    },
    canWatchLive: (token) => (token ? sessions.principal(token) !== null : false),
  };
}

/**
 * The audit key, or — when the stored key cannot be opened (the secret box's key
 * was lost or the data folder moved to another PC) — a new one. Start-up never
 * waits on the audit trail: live view and recording come first. The old rows then
 * fail verification from row 1, which is the truth: they can no longer be checked.
 * The unreadable sealed key is kept beside, in case the old secret box returns.
 */
async function auditKey(d: DutyServicesDeps): Promise<Buffer> {
  try {
    return await loadOrCreateAuditKey(d.settings, d.secrets);
  } catch (err) {
    d.logger?.error('audit key unreadable; starting a new chain key', { err });
    const old = await d.settings.getInternal(AUDIT_KEY_SETTING);
    await d.settings.setInternal(`${AUDIT_KEY_SETTING}.unreadable.${Date.now()}`, old);
    await d.settings.setInternal(AUDIT_KEY_SETTING, null);
    return loadOrCreateAuditKey(d.settings, d.secrets);
  }
}
