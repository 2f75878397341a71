// Whether the page is shown (document.visibilityState): a minimised browser window or
// a background tab shows no tile, so its live players pause. The Electron window keeps
// reporting "visible" (backgroundThrottling is off), so there it never pauses a tile.
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

const visible = () => document.visibilityState !== 'hidden';

export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribe, visible, () => true);
}
