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

/** How far back a tile's "Xem lại" starts: what an officer just saw, then on into live footage. */
export const INSTANT_REPLAY_BACK_MS = 30_000;

/**
 * A camera's own button: that camera, at the playhead when playback is already open.
 * A tile's button (`replay`) is an instant replay: it starts 30 s back and plays.
 */
export function openCameraPlayback(
  store: StationStore,
  cameraId: string,
  opts: { replay?: boolean; now?: number } = {},
): void {
  const s = store.getState();
  if (s.playback.open) s.openPlayback([cameraId], s.playbackPositionMs ?? undefined);
  else if (opts.replay)
    s.openPlayback([cameraId], (opts.now ?? Date.now()) - INSTANT_REPLAY_BACK_MS);
  else s.openPlayback([cameraId]);
}

/** An entry this close to now is an instant replay: it plays at once, on into live footage. */
export function isInstantReplay(startMs: number, now = Date.now()): boolean {
  return now - startMs <= 2 * INSTANT_REPLAY_BACK_MS;
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
