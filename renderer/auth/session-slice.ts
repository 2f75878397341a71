// Who is at the console: first start, sign-in, the session (and its lock), the
// shift's end and the handover waiting for this officer. Everything else in the
// store assumes a session: `load()` runs only once one exists.
import type { StateCreator } from 'zustand';
import type { StationApi } from '../../electron/contract/api';
import type {
  AuthState,
  PendingHandoverBrief,
  Session,
  SetupInput,
} from '../../electron/contract/officer-schemas';
import type { Handover } from '../../electron/contract/shift-schemas';
import { toUiError } from '../api/api-error';
import type { TokenKeeper } from './session-token';
import type { StationState } from '../store/types';

/**
 * checking: asking main who we are; setup: no officer exists yet; signIn: the
 * sign-in screen; signedIn: the console (maybe locked); unreachable: main did not
 * answer the first question.
 */
export type AuthPhase = 'checking' | 'setup' | 'signIn' | 'signedIn' | 'unreachable';

/** Why the sign-in screen is showing, when it is worth saying. */
export type SignInNotice = 'shiftEnded' | 'sessionExpired' | 'signedOut';

export interface SessionSlice {
  authPhase: AuthPhase;
  authState: AuthState | null;
  session: Session | null;
  signInNotice: SignInNotice | null;
  /** Pending handovers this officer chose to read later ("Để sau"). */
  deferredHandoverIds: string[];
  isCommander(): boolean;
  /** The gate: setup, this connection's session, a kept token, or the sign-in screen. */
  startSession(): Promise<void>;
  refreshAuthState(): Promise<void>;
  /** First start: creates the administrator (a commander) and signs them in. */
  setupStation(input: SetupInput): Promise<void>;
  signIn(officerId: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  lockScreen(): Promise<void>;
  unlockScreen(password: string): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Ends the shift with the handover; the session ends with it. */
  endShift(notes: string): Promise<Handover>;
  acknowledgeHandover(id: string, note: string): Promise<Handover>;
  deferHandover(id: string): void;
  /** A call was refused as unauthenticated: resume with the kept token or go to sign-in. */
  sessionLost(): Promise<void>;
}

export const selectIsCommander = (s: StationState): boolean =>
  s.session?.officer.role === 'commander';

export const selectSessionToken = (s: StationState): string | null => s.session?.token ?? null;

/** Handovers waiting for someone other than their outgoing officer: this one. */
export function pendingForOfficer(
  pending: readonly PendingHandoverBrief[] | undefined,
  officerId: string | undefined,
): PendingHandoverBrief[] {
  if (!pending || !officerId) return [];
  return pending.filter((h) => h.outgoing.id !== officerId);
}

const isDisconnect = (e: unknown) => toUiError(e).code === 'disconnected';

export const createSessionSlice =
  (api: StationApi, tokens: TokenKeeper): StateCreator<StationState, [], [], SessionSlice> =>
  (set, get) => {
    let starting: Promise<void> | null = null;
    let losing: Promise<void> | null = null;
    // Bumped whenever a session is adopted, so an auth.state answer that was asked
    // for before it cannot be read as "the session is gone".
    let epoch = 0;

    const endLocally = (notice: SignInNotice) => {
      tokens.clear();
      epoch++;
      get().stopTour();
      set({
        session: null,
        authPhase: 'signIn',
        signInNotice: notice,
        dialog: null,
        singleCameraId: null,
        deferredHandoverIds: [],
      });
      void get()
        .refreshAuthState()
        .catch(() => undefined);
    };

    const offerHandover = () => {
      const s = get();
      // A commander supervising without a shift has nothing to take over.
      if (s.session?.shiftId === null) return;
      const next = pendingForOfficer(s.authState?.pendingHandovers, s.session?.officer.id)[0];
      if (next && !s.dialog) set({ dialog: { type: 'handover', id: next.id } });
    };

    const adopt = async (session: Session, fresh: boolean) => {
      tokens.set(session.token);
      epoch++;
      set({ session, authPhase: 'signedIn', signInNotice: null });
      await Promise.all([
        // LoadState shows a failed load with its retry button.
        get()
          .load()
          .catch(() => undefined),
        get()
          .refreshAuthState()
          .catch(() => undefined),
      ]);
      // A fresh sign-in is the moment to take over the previous shift.
      if (fresh) offerHandover();
    };

    return {
      authPhase: 'checking',
      authState: null,
      session: null,
      signInNotice: null,
      deferredHandoverIds: [],
      isCommander: () => get().session?.officer.role === 'commander',

      startSession: () => {
        starting ??= (async () => {
          try {
            const state = await api.auth.state();
            set({ authState: state });
            if (state.setupRequired) {
              tokens.clear();
              set({ authPhase: 'setup', session: null });
              return;
            }
            if (state.session) return await adopt(state.session, false);
            const token = tokens.get();
            if (token) {
              try {
                return await adopt(await api.auth.resume({ token }), false);
              } catch (e) {
                if (isDisconnect(e)) throw e;
                // The core restarted or the session ended elsewhere.
                if (get().session) return endLocally('sessionExpired');
                tokens.clear();
              }
            }
            set({ authPhase: 'signIn', session: null });
          } catch (e) {
            // Only the very first question has nothing to fall back on; after a
            // reconnect the console stays as it was until the next attempt.
            if (get().authPhase === 'checking') set({ authPhase: 'unreachable' });
            throw e;
          } finally {
            starting = null;
          }
        })();
        return starting;
      },

      refreshAuthState: async () => {
        const asked = epoch;
        const state = await api.auth.state();
        set({ authState: state });
        const s = get();
        if (asked === epoch && s.session && !state.session && s.authPhase === 'signedIn')
          await get().sessionLost();
        // The core locked the session on its own (idle): show the lock screen.
        else if (
          asked === epoch &&
          s.session &&
          state.session?.token === s.session.token &&
          state.session.locked !== s.session.locked
        )
          set({ session: state.session });
      },

      setupStation: async (input) => adopt(await api.auth.setup(input), true),

      signIn: async (officerId, password) =>
        adopt(await api.auth.signIn({ officerId, password }), true),

      signOut: async () => {
        // Forget the token first so the refusal of a dead session cannot resume it.
        tokens.clear();
        try {
          await api.auth.signOut();
        } catch {
          // Already gone on main's side, or unreachable: the next sign-in replaces it.
        }
        endLocally('signedOut');
      },

      lockScreen: async () => {
        const session = get().session;
        if (!session || session.locked) return;
        // Covered at once, whatever main answers: the console must not stay open.
        set({ session: { ...session, locked: true } });
        const locked = await api.auth.lock();
        if (get().session?.token === locked.token) set({ session: locked });
      },

      unlockScreen: async (password) => {
        const session = await api.auth.unlock({ password });
        set({ session });
        // Officer-level reads were refused while locked; fetch them now.
        void get()
          .loadRecording()
          .catch(() => undefined);
      },

      changePassword: async (currentPassword, newPassword) => {
        await api.auth.changePassword({ currentPassword, newPassword });
      },

      endShift: async (notes) => {
        const handover = await api.shifts.end({ notes });
        endLocally('shiftEnded');
        return handover;
      },

      acknowledgeHandover: async (id, note) => {
        const handover = await api.shifts.acknowledge({ id, note });
        set({ deferredHandoverIds: get().deferredHandoverIds.filter((d) => d !== id) });
        await get()
          .refreshAuthState()
          .catch(() => undefined);
        return handover;
      },

      deferHandover: (id) => {
        if (!get().deferredHandoverIds.includes(id))
          set({ deferredHandoverIds: [...get().deferredHandoverIds, id] });
      },

      sessionLost: () => {
        if (!get().session) return Promise.resolve();
        losing ??= (async () => {
          const token = tokens.get();
          if (token) {
            try {
              const session = await api.auth.resume({ token });
              epoch++;
              set({ session });
              return;
            } catch (e) {
              // The transport is down: its reconnect resumes the session.
              if (isDisconnect(e)) return;
            }
          }
          endLocally('sessionExpired');
        })().finally(() => {
          losing = null;
        });
        return losing;
      },
    };
  };
