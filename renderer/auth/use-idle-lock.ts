// Locks the console after settings.idleLockMinutes without mouse, keyboard, wheel
// or touch input (0 = never). Only while signed in and unlocked.
import { useEffect } from 'react';
import { useStationState, useStationStore } from '../store/store-context';
import { startIdleTimer } from './idle-timer';

const INPUT_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

export function useIdleLock(): void {
  const store = useStationStore();
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
    const onInput = () => timer.activity();
    // Capture phase: a component that stops propagation still counts as activity.
    for (const name of INPUT_EVENTS)
      window.addEventListener(name, onInput, { capture: true, passive: true });
    return () => {
      timer.dispose();
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
    };
  }, [active, minutes, store]);
}
