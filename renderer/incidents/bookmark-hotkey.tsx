// Keyboard of the live grid: F2 bookmarks an incident, Escape clears the tile selection.
import { useEffect } from 'react';
import { useStationStore } from '../store/store-context';
import { bookmarkNow, canBookmark, isTypingTarget } from './bookmark';
import { bookmarkPlaybackNow } from '../playback/playback-entry';

export function BookmarkHotkey() {
  const store = useStationStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        // F2 is ours everywhere on this screen; inside a form it is just ignored.
        e.preventDefault();
        if (e.repeat || isTypingTarget(e.target) || !canBookmark(store.getState())) return;
        // In playback: the moment under the playhead with the reviewed cameras.
        if (store.getState().playback.open) bookmarkPlaybackNow(store);
        else bookmarkNow(store);
        return;
      }
      if (e.key === 'Escape') {
        const s = store.getState();
        // Escape closes the single view or a dialog first; the selection stays for F2.
        if (s.singleCameraId || !canBookmark(s) || isTypingTarget(e.target)) return;
        s.clearSelection();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  return null;
}
