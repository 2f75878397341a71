// Officers and their sessions: first setup, sign-in, lock, the officer list.
import { z } from 'zod';
import { none, ok, type ChannelMap, type EventMap } from './channel-spec';
import {
  AuthState,
  ChangePassword,
  Officer,
  OfficerInput,
  OfficerUpdate,
  ResetPassword,
  ResumeInput,
  Session,
  SetupInput,
  SignInInput,
  UnlockInput,
} from './officer-schemas';

export const officerChannels = {
  'auth.state': { request: none, response: AuthState, access: 'public' },
  /**
   * Only while no officer exists; `stationName` (the unit, optional) is stored in the
   * settings and audited as settings.changed. Errors: conflict (setup_done).
   */
  'auth.setup': { request: SetupInput, response: Session, access: 'public' },
  /** Errors: forbidden (bad_password | inactive | too_many_attempts, fields.retryAfterSec). */
  'auth.signIn': { request: SignInInput, response: Session, access: 'public' },
  'auth.resume': { request: ResumeInput, response: Session, access: 'public' },
  'auth.signOut': { request: none, response: ok, access: 'session' },
  'auth.lock': { request: none, response: Session, access: 'session' },
  /** The officer is at the console (input seen); the core's idle lock counts from here. */
  'auth.activity': { request: none, response: ok, access: 'session' },
  'auth.unlock': { request: UnlockInput, response: Session, access: 'session' },
  'auth.changePassword': { request: ChangePassword, response: ok, access: 'officer' },

  'officer.list': { request: none, response: z.array(Officer), access: 'officer' },
  'officer.create': { request: OfficerInput, response: Officer, access: 'commander' },
  'officer.update': { request: OfficerUpdate, response: Officer, access: 'commander' },
  'officer.resetPassword': { request: ResetPassword, response: ok, access: 'commander' },
} as const satisfies ChannelMap;

export const officerEvents = {
  /** Officers, shifts or pending handovers changed: the sign-in screen refreshes. */
  'auth.changed': z.object({}),
} as const satisfies EventMap;
