// Playback mode: which cameras are reviewed and from when. The engine
// itself (players, shared clock) lives in the playback view; the store only keeps
// what entry points set and what F2 needs (the playhead, updated ≤ 10 Hz).
import type { StateCreator } from 'zustand';
import type { StationState } from '../store/types';

/** A 3×3 grid is the most the playback view shows at once. */
export const MAX_PLAYBACK_CAMERAS = 9;
/**
 * Opening playback without a time starts this far back: the open segment is only
 * indexed when it closes (≤ 60 s), so "now" would have no footage yet.
 */
export const DEFAULT_LOOKBACK_MS = 3 * 60_000;

export interface PlaybackTarget {
  open: boolean;
  /** 1–9 cameras, in tile order. */
  cameraIds: string[];
  /** Where the playhead starts, wall-clock ms. */
  startMs: number;
  /** Bumped by every openPlayback, so re-opening at the same time seeks again. */
  seq: number;
}

export interface PlaybackSlice {
  playback: PlaybackTarget;
  /** The shared clock of the open playback (for F2 and the top bar), wall-clock ms. */
  playbackPositionMs: number | null;
  /** Opens (or re-targets) playback; startMs defaults to DEFAULT_LOOKBACK_MS before now. */
  openPlayback(cameraIds: readonly string[], startMs?: number): void;
  closePlayback(): void;
  notePlaybackPosition(ms: number | null): void;
}

/** Known cameras only, no duplicates, at most nine. */
export function playbackCameras(
  cameraIds: readonly string[],
  known: readonly { id: string }[],
): string[] {
  const ids = new Set(known.map((c) => c.id));
  const out: string[] = [];
  for (const id of cameraIds) {
    if (ids.has(id) && !out.includes(id)) out.push(id);
    if (out.length === MAX_PLAYBACK_CAMERAS) break;
  }
  return out;
}

export const createPlaybackSlice: StateCreator<StationState, [], [], PlaybackSlice> = (
  set,
  get,
) => ({
  playback: { open: false, cameraIds: [], startMs: 0, seq: 0 },
  playbackPositionMs: null,
  openPlayback: (cameraIds, startMs) => {
    const ids = playbackCameras(cameraIds, get().cameras);
    if (ids.length === 0) return;
    const at = Math.max(0, Math.round(startMs ?? Date.now() - DEFAULT_LOOKBACK_MS));
    set({
      playback: { open: true, cameraIds: ids, startMs: at, seq: get().playback.seq + 1 },
      playbackPositionMs: at,
      // The single view sits over the stage; playback replaces the stage.
      singleCameraId: null,
    });
  },
  closePlayback: () => {
    if (!get().playback.open) return;
    set({ playback: { ...get().playback, open: false }, playbackPositionMs: null });
  },
  notePlaybackPosition: (ms) => {
    if (get().playbackPositionMs !== ms) set({ playbackPositionMs: ms });
  },
});
