// Locks the console after settings.idleLockMinutes without mouse, keyboard, wheel
// or touch input (0 = never). Only while signed in and unlocked. Input is also
// reported to the core (at most every ACTIVITY_REPORT_MS), which holds the same
// lock on its side: a page that stops reporting gets locked anyway.
import { useEffect } from 'react';
import { ACTIVITY_REPORT_MS } from '../../electron/contract/officer-schemas';
import { useApi, useStationState, useStationStore } from '../store/store-context';
import { startIdleTimer } from './idle-timer';

const INPUT_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

export function useIdleLock(): void {
  const store = useStationStore();
  const api = useApi();
  const minutes = useStationState((s) => s.settings.idleLockMinutes);
  const active = useStationState((s) => s.session !== null && !s.session.locked);
  useEffect(() => {
    if (!active || minutes <= 0) return undefined;
    const timer = startIdleTimer(minutes * 60_000, () => {
      void store
        .getState()
        .lockScreen()
        .catch(() => undefined);
    });
    let reportedAt = 0;
    const onInput = () => {
      timer.activity();
      const now = Date.now();
      if (now - reportedAt < ACTIVITY_REPORT_MS) return;
      reportedAt = now;
      void api.auth.activity().catch(() => undefined);
    };
    // Capture phase: a component that stops propagation still counts as activity.
    for (const name of INPUT_EVENTS)
      window.addEventListener(name, onInput, { capture: true, passive: true });
    return () => {
      timer.dispose();
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
    };
  }, [active, minutes, store, api]);
}
