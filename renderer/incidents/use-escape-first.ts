import { useEffect, useRef } from 'react';

/**
 * Escape closes only the top-most layer: this listener runs in the capture phase on
 * window, before the bubbling listeners of the modal underneath (the incident log,
 * the single view), and stops the event there.
 */
export function useEscapeFirst(onEscape: () => void): void {
  const ref = useRef(onEscape);
  useEffect(() => {
    ref.current = onEscape;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      ref.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
