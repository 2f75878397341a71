// F2 / "Đánh dấu sự cố": what the officer is looking at, frozen at the keystroke.
import type { StationStore } from '../store/create-store';
import type { StationState } from '../store/types';
import { captureCameras } from './frame-snapshot';

/** Not while typing, nor over a dialog or the lock screen, nor signed out. */
export function canBookmark(s: StationState): boolean {
  if (!s.ready || !s.session || s.session.locked) return false;
  if (s.dialog !== null || s.incidentEditor !== null) return false;
  // Any other modal layer (sign-in, lock screen, handover) marks itself aria-modal.
  return typeof document === 'undefined' || !document.querySelector('[aria-modal="true"]');
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** The single-view camera, else the selected tiles still on the grid. */
export function bookmarkCameras(s: StationState): string[] {
  if (s.singleCameraId) return [s.singleCameraId];
  const known = new Set(s.cameras.map((c) => c.id));
  return s.selectedCameraIds.filter((id) => known.has(id));
}

/** Captures time, cameras and their frames now, then opens the dialog pre-filled. */
export function bookmarkNow(store: StationStore): void {
  const s = store.getState();
  const atMs = Date.now();
  const cameraIds = bookmarkCameras(s);
  const snapshots = captureCameras(cameraIds, atMs);
  s.openBookmark({ atMs, cameraIds, snapshots });
}
