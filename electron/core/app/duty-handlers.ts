// Handlers of the duty-room channels: sign-in and sessions, officers,
// shifts and handovers, incidents, audit. Each is a thin call into a service;
// the sign-in flow (verify → open or continue the shift → session → audit) is
// composed here because it spans three services.
import { ApiError } from '../../contract/errors';
import type { Officer, Session } from '../../contract/officer-schemas';
import type { AuditLog } from '../audit/audit-log';
import type { IncidentService } from '../incidents/incident-service';
import type { OfficerService } from '../officers/officer-service';
import type { SessionStore } from '../officers/session-store';
import type { ShiftService } from '../shifts/shift-service';
import type { AuthorizedContext, Handler, Principal } from './dispatch';

export interface DutyServices {
  officers: OfficerService;
  sessions: SessionStore;
  shifts: ShiftService;
  incidents: IncidentService;
  audit: AuditLog;
  /** The sign-in screen's data changed (officers, pending handovers). */
  authChanged: () => void;
  stationName: () => Promise<string>;
  /** Stores the unit's name given at first start. */
  saveStationName: (name: string) => Promise<void>;
}

type DutyChannel =
  | 'auth.state'
  | 'auth.setup'
  | 'auth.signIn'
  | 'auth.resume'
  | 'auth.signOut'
  | 'auth.lock'
  | 'auth.activity'
  | 'auth.unlock'
  | 'auth.changePassword'
  | 'officer.list'
  | 'officer.create'
  | 'officer.update'
  | 'officer.resetPassword'
  | 'shift.current'
  | 'shift.end'
  | 'shift.acknowledge'
  | 'shift.handovers'
  | 'shift.handover'
  | 'incident.create'
  | 'incident.update'
  | 'incident.get'
  | 'incident.list'
  | 'incident.addSnapshot'
  | 'incident.lock'
  | 'incident.unlock'
  | 'audit.list'
  | 'audit.verify';

export type DutyHandlers = { [C in DutyChannel]: Handler<C> };

const ok = { ok: true as const };

/** The caller of a channel whose access is above public (dispatch has checked it). */
export function actorOf(ctx: AuthorizedContext): Principal {
  if (!ctx.actor) throw new ApiError('unauthenticated', 'sign_in_required');
  return ctx.actor;
}

/** The caller's shift; a supervision session has none to show or end. */
function shiftOf(actor: Principal): string {
  if (!actor.shiftId) throw new ApiError('conflict', 'no_shift');
  return actor.shiftId;
}

/** What the audit log records of an officer. */
export const auditActor = (p: { officerId: string; fullName: string }) => ({
  officerId: p.officerId,
  fullName: p.fullName,
});

export function createDutyHandlers(s: DutyServices): DutyHandlers {
  const sessionOf = (ctx: AuthorizedContext): Session => {
    const record = ctx.binding.token ? s.sessions.get(ctx.binding.token) : undefined;
    if (!record) throw new ApiError('unauthenticated', 'sign_in_required');
    return s.sessions.toSession(record);
  };

  // One duty shift at a time (docs/design/duty.md): a duty officer's sign-in takes over an
  // open shift of someone else (it ends as 'replaced' with a handover waiting for
  // them); a commander's sign-in beside another officer's open shift supervises
  // without taking it over.
  const shiftFor = async (officer: Officer) => {
    const open = await s.shifts.openShift();
    if (officer.role === 'commander' && open && open.officer.id !== officer.id) return null;
    const { shift, replaced } = await s.shifts.openFor(officer);
    // The replaced officer's shift is over: their sessions (a locked screen) end with it.
    if (replaced) s.sessions.endForOfficer(replaced.outgoing.id);
    return shift;
  };

  const signInAs = async (officer: Officer, ctx: AuthorizedContext): Promise<Session> => {
    // A new sign-in on a connection ends the session it had: one connection, one officer.
    const previous = ctx.binding.token ? s.sessions.end(ctx.binding.token) : null;
    ctx.binding.token = null;
    if (previous)
      await s.audit.append({
        action: 'auth.sign_out',
        actor: auditActor({ officerId: previous.officer.id, fullName: previous.officer.fullName }),
        details: { reason: 'replaced_by_sign_in' },
      });
    const shift = await shiftFor(officer);
    const record = s.sessions.create(
      officer,
      shift ? { id: shift.id, startedAt: shift.startedAt } : null,
    );
    ctx.binding.token = record.token;
    await s.audit.append({
      action: 'auth.sign_in',
      actor: { officerId: officer.id, fullName: officer.fullName },
      subject: officer.id,
      details: {
        shiftId: shift?.id ?? null,
        supervision: shift === null,
        transport: ctx.transport,
      },
    });
    s.authChanged();
    return s.sessions.toSession(record);
  };

  return {
    'auth.state': async (_req, ctx) => {
      const record = ctx.binding.token ? s.sessions.get(ctx.binding.token) : undefined;
      const [count, officers, pendingHandovers, stationName] = await Promise.all([
        s.officers.count(),
        s.officers.activeBriefs(),
        s.shifts.pending(),
        s.stationName(),
      ]);
      return {
        stationName,
        setupRequired: count === 0,
        officers,
        session: record ? s.sessions.toSession(record) : null,
        pendingHandovers,
      };
    },
    'auth.setup': async ({ stationName, ...input }, ctx) => {
      const officer = await s.officers.setup(input);
      if (stationName !== undefined) {
        await s.saveStationName(stationName);
        await s.audit.append({
          action: 'settings.changed',
          actor: { officerId: officer.id, fullName: officer.fullName },
          details: { stationName },
        });
      }
      return signInAs(officer, ctx);
    },
    'auth.signIn': async (req, ctx) =>
      signInAs(await s.officers.verifyCredentials(req.officerId, req.password), ctx),
    'auth.resume': async (req, ctx) => {
      const record = s.sessions.get(req.token);
      if (!record) throw new ApiError('unauthenticated', 'session_expired');
      ctx.binding.token = req.token;
      return s.sessions.toSession(record);
    },
    'auth.signOut': async (_req, ctx) => {
      const actor = actorOf(ctx);
      s.sessions.end(actor.token);
      ctx.binding.token = null;
      await s.audit.append({ action: 'auth.sign_out', actor: auditActor(actor) });
      s.authChanged();
      return ok;
    },
    'auth.lock': async (_req, ctx) => {
      const actor = actorOf(ctx);
      if (!actor.locked) {
        s.sessions.lock(actor.token);
        await s.audit.append({ action: 'auth.lock', actor: auditActor(actor) });
      }
      return sessionOf(ctx);
    },
    'auth.activity': async (_req, ctx) => {
      s.sessions.touch(actorOf(ctx).token);
      return ok;
    },
    'auth.unlock': async (req, ctx) => {
      const actor = actorOf(ctx);
      if (!(await s.officers.checkPassword(actor.officerId, req.password)))
        throw new ApiError('forbidden', 'bad_password', { password: 'bad_password' });
      s.sessions.unlock(actor.token);
      await s.audit.append({ action: 'auth.unlock', actor: auditActor(actor) });
      return sessionOf(ctx);
    },
    'auth.changePassword': async (req, ctx) => {
      await s.officers.changePassword(actorOf(ctx).officerId, req.currentPassword, req.newPassword);
      return ok;
    },

    'officer.list': () => s.officers.list(),
    'officer.create': async (req, ctx) => {
      const officer = await s.officers.create(req, actorOf(ctx));
      s.authChanged();
      return officer;
    },
    'officer.update': async (req, ctx) => {
      const officer = await s.officers.update(req, actorOf(ctx));
      // A renamed, demoted or deactivated officer's live sessions follow at once.
      s.sessions.updateOfficer(officer);
      s.authChanged();
      return officer;
    },
    'officer.resetPassword': async (req, ctx) => {
      await s.officers.resetPassword(req.id, req.password, actorOf(ctx));
      return ok;
    },

    'shift.current': (_req, ctx) => s.shifts.current(shiftOf(actorOf(ctx))),
    'shift.end': async (req, ctx) => {
      const actor = actorOf(ctx);
      const handover = await s.shifts.end(shiftOf(actor), req.notes, actor);
      s.sessions.endForOfficer(actor.officerId);
      ctx.binding.token = null;
      s.authChanged();
      return handover;
    },
    'shift.acknowledge': async (req, ctx) => {
      const handover = await s.shifts.acknowledge(req.id, req.note, actorOf(ctx));
      s.authChanged();
      return handover;
    },
    'shift.handovers': (req) => s.shifts.list(req),
    'shift.handover': (req) => s.shifts.getHandover(req.id),

    'incident.create': (req, ctx) => s.incidents.create(req, actorOf(ctx)),
    'incident.update': (req, ctx) => s.incidents.update(req, actorOf(ctx)),
    'incident.get': (req) => s.incidents.get(req.id),
    'incident.list': (req) => s.incidents.list(req),
    'incident.addSnapshot': (req, ctx) => s.incidents.addSnapshot(req, actorOf(ctx)),
    'incident.lock': (req, ctx) => s.incidents.lock(req.id, actorOf(ctx)),
    'incident.unlock': (req, ctx) => s.incidents.unlock(req.id, req.reason, actorOf(ctx)),

    'audit.list': (req) => s.audit.list(req),
    'audit.verify': (_req, ctx) => s.audit.verify(auditActor(actorOf(ctx))),
  };
}
