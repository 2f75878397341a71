// Contract schemas of officers, sign-in and sessions (docs/design/duty.md).
import { z } from 'zod';
import { singleLine } from './safe-text';
import { Id } from './schemas';

const ms = z.number().int();

/** duty: trực ban; commander: chỉ huy / quản trị (manages accounts and settings). */
export const OfficerRole = z.enum(['duty', 'commander']);
export type OfficerRole = z.infer<typeof OfficerRole>;

export const Password = z
  .string()
  .min(8, 'password_too_short')
  .max(128, 'password_too_long')
  .refine((p) => p.trim().length === p.length, 'password_spaces');

export const FullName = singleLine(z.string().trim().min(1, 'required').max(80, 'too_long'));
export const Rank = singleLine(z.string().trim().min(1, 'required').max(40, 'too_long'));
/** Số hiệu: digits, letters and dashes, e.g. 123-456. */
export const BadgeNumber = z
  .string()
  .trim()
  .min(1, 'required')
  .max(20, 'too_long')
  .regex(/^[0-9A-Za-z-]+$/, 'invalid_badge');

export const Officer = z.object({
  id: Id,
  fullName: z.string(),
  rank: z.string(),
  badgeNumber: z.string(),
  role: OfficerRole,
  active: z.boolean(),
  createdAt: ms,
  lastSignInAt: ms.nullable(),
});
export type Officer = z.infer<typeof Officer>;

/** What the sign-in screen and logs show of an officer. */
export const OfficerBrief = Officer.pick({ id: true, fullName: true, rank: true, role: true });
export type OfficerBrief = z.infer<typeof OfficerBrief>;

export const OfficerInput = z
  .object({
    fullName: FullName,
    rank: Rank,
    badgeNumber: BadgeNumber,
    role: OfficerRole,
    password: Password,
  })
  .strict();
export type OfficerInput = z.infer<typeof OfficerInput>;

export const OfficerUpdate = z
  .object({
    id: Id,
    fullName: FullName.optional(),
    rank: Rank.optional(),
    badgeNumber: BadgeNumber.optional(),
    role: OfficerRole.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type OfficerUpdate = z.infer<typeof OfficerUpdate>;

export const ResetPassword = z.object({ id: Id, password: Password }).strict();
export const ChangePassword = z
  .object({ currentPassword: z.string().min(1).max(128), newPassword: Password })
  .strict();

/** Đơn vị: the unit's name, printed on exports and handover reports. */
export const UnitName = singleLine(z.string().trim().min(1, 'required').max(120, 'too_long'));

/**
 * First start: the administrator (a commander) is created and signed in, and the
 * unit's name is stored in the station settings. The first-start screen always asks
 * for the unit; a caller that leaves it out keeps the settings' name as it is.
 */
export const SetupInput = OfficerInput.omit({ role: true })
  .extend({ stationName: UnitName.optional() })
  .strict();
export type SetupInput = z.infer<typeof SetupInput>;

export const SignInInput = z
  .object({ officerId: Id, password: z.string().min(1, 'required').max(128) })
  .strict();
export const UnlockInput = z.object({ password: z.string().min(1, 'required').max(128) }).strict();
/** A page reload (or a second window) rejoins a session by its token. */
export const ResumeInput = z.object({ token: z.string().min(16).max(128) }).strict();

/** The console reports officer input (auth.activity) at most this often while input goes on. */
export const ACTIVITY_REPORT_MS = 20_000;

export const Session = z.object({
  /** Kept by the renderer for auth.resume only; never logged. */
  token: z.string(),
  officer: Officer,
  /**
   * The officer's shift. null for a commander who signed in while another
   * officer's shift was open: a supervision session that does not take the shift over.
   */
  shiftId: Id.nullable(),
  shiftStartedAt: ms.nullable(),
  locked: z.boolean(),
  signedInAt: ms,
});
export type Session = z.infer<typeof Session>;

export const PendingHandoverBrief = z.object({
  id: Id,
  outgoing: OfficerBrief,
  shiftStartedAt: ms,
  shiftEndedAt: ms,
});
export type PendingHandoverBrief = z.infer<typeof PendingHandoverBrief>;

export const AuthState = z.object({
  /** Shown on the sign-in screen before anyone is signed in. */
  stationName: z.string(),
  /** No officer exists yet: the first-start screen creates the administrator. */
  setupRequired: z.boolean(),
  /** Active officers for the sign-in list. */
  officers: z.array(OfficerBrief),
  /** This connection's session, if signed in. */
  session: Session.nullable(),
  /** Handovers waiting for the next officer's acknowledgement, oldest first. */
  pendingHandovers: z.array(PendingHandoverBrief),
});
export type AuthState = z.infer<typeof AuthState>;
