// The ways into playback: a tile or camera-list button, the top bar, an incident,
// and F2 while reviewing (an incident at the playhead with the reviewed cameras).
import type { Incident } from '../../electron/contract/incident-schemas';
import { captureFrame, type FrameSnapshot } from '../incidents/frame-snapshot';
import type { StationStore } from '../store/create-store';
import type { StationState } from '../store/types';

/** Top bar: the selected tiles' cameras, else the single view's, else the first tile's. */
export function entryCameras(
  s: Pick<StationState, 'selectedCameraIds' | 'singleCameraId' | 'tiles' | 'cameras'>,
): string[] {
  const known = new Set(s.cameras.map((c) => c.id));
  const selected = s.selectedCameraIds.filter((id) => known.has(id));
  if (selected.length > 0) return selected;
  if (s.singleCameraId && known.has(s.singleCameraId)) return [s.singleCameraId];
  const first = s.tiles.find((id): id is string => id !== null && known.has(id));
  return first ? [first] : [];
}

/** A camera's own button: that camera, at the playhead when playback is already open. */
export function openCameraPlayback(store: StationStore, cameraId: string): void {
  const s = store.getState();
  s.openPlayback([cameraId], s.playback.open ? (s.playbackPositionMs ?? undefined) : undefined);
}

/** "Xem lại" in the top bar. Returns false when there is no camera to review. */
export function openPlaybackFromGrid(store: StationStore): boolean {
  const s = store.getState();
  const ids = entryCameras(s);
  if (ids.length === 0) return false;
  s.openPlayback(ids);
  return true;
}

/** The incident log's footage button: its cameras from its start, the log closed. */
export function openIncidentFootage(store: StationStore, incident: Incident): void {
  const s = store.getState();
  s.openDialog(null);
  s.openIncident(null).catch(() => undefined);
  s.openPlayback(
    incident.cameras.map((c) => c.id),
    incident.startMs,
  );
}

/** The playback player's <video> of a camera, if it is on screen. */
export function findPlaybackVideo(cameraId: string, root?: ParentNode): HTMLVideoElement | null {
  const scope = root ?? (typeof document === 'undefined' ? null : document);
  if (!scope) return null;
  const el = scope.querySelector(`[data-testid="playback-player-${CSS.escape(cameraId)}"] video`);
  return el instanceof HTMLVideoElement ? el : null;
}

/** JPEG frames of the reviewed cameras, each stamped with its own frame time. */
export function capturePlaybackFrames(cameraIds: readonly string[], atMs: number): FrameSnapshot[] {
  const out: FrameSnapshot[] = [];
  for (const cameraId of cameraIds) {
    const video = findPlaybackVideo(cameraId);
    const data = video ? captureFrame(video) : null;
    if (!video || !data) continue;
    const frameMs = Number(video.closest<HTMLElement>('[data-frame-ms]')?.dataset.frameMs);
    const takenAt = Number.isFinite(frameMs) && frameMs > 0 ? Math.round(frameMs) : atMs;
    out.push({ cameraId, takenAt, mime: 'image/jpeg', dataBase64: data });
  }
  return out;
}

/** F2 in playback: the moment under the playhead, the reviewed cameras and their frames. */
export function bookmarkPlaybackNow(store: StationStore): void {
  const s = store.getState();
  const atMs = Math.round(s.playbackPositionMs ?? s.playback.startMs);
  const cameraIds = [...s.playback.cameraIds];
  s.openBookmark({ atMs, cameraIds, snapshots: capturePlaybackFrames(cameraIds, atMs) });
}
