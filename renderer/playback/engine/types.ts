// The P2/P3 interface of the playback engine: what the playback view drives
// (seek, scrub, play, rate, step, snapshot) and what it renders (one snapshot
// of the shared clock and of every camera's player).
// The factory: `createPlaybackEngine(deps: PlaybackEngineDeps): PlaybackEngine`
// from './playback-engine'.
import type { StationApi } from '../../../electron/contract/api';

export type PlaybackCameraStatus =
  'loading' | 'ready' | 'playing' | 'paused' | 'gap' | 'no_footage' | 'error';

/**
 * The errorKey values the engine reports (the view owns their text in its locale files):
 * codec — this camera's codec cannot play in this console; fetch — the footage could not be
 * loaded (retried by itself); forbidden — the session ended or may not view footage;
 * decode — the recorded file is damaged; index — the list of recordings could not be read;
 * transcode — the core could not convert footage this renderer cannot decode (H.265) to H.264;
 * transcodeBusy — the station already converts as many cameras as its processor allows.
 */
export const PLAYBACK_ERROR_KEYS = [
  'playback.error.codec',
  'playback.error.fetch',
  'playback.error.forbidden',
  'playback.error.decode',
  'playback.error.index',
  'playback.error.transcode',
  'playback.error.transcodeBusy',
] as const;
export type PlaybackErrorKey = (typeof PLAYBACK_ERROR_KEYS)[number];

export interface PlaybackCameraState {
  cameraId: string;
  state: PlaybackCameraStatus;
  /** Wall-clock ms of the frame on screen (video.currentTime mapped back), null when none. */
  frameWallMs: number | null;
  /** frameWallMs minus the shared clock, ms (sync drift). */
  driftMs: number | null;
  /** An i18n MessageKey (one of PLAYBACK_ERROR_KEYS) when state === 'error'. */
  errorKey?: string;
}

export interface PlaybackSnapshotState {
  /** The shared clock, wall-clock ms (UTC epoch). */
  positionMs: number;
  playing: boolean;
  /** One of PLAYBACK_RATES. */
  rate: number;
  scrubbing: boolean;
  cameras: PlaybackCameraState[];
}

/**
 * localStorage switch of ranged seeks ('0': whole segments, as before), read when the
 * engine is made: bench:playback measures both in one run.
 */
export const RANGED_SEEK_KEY = 'station.playback.rangedSeek';

/** The speeds the engine accepts (video.playbackRate and the clock use the same rate). */
export const PLAYBACK_RATES = [1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8, 16] as const;

export interface PlaybackEngine {
  /** Binds a camera's <video>; returns the detach function. */
  attach(cameraId: string, video: HTMLVideoElement): () => void;
  setCameras(cameraIds: string[]): void;
  /** All cameras realign; resolves when the first frames show. */
  seek(wallMs: number): Promise<void>;
  /** Continuous during a drag (latest wins, cheap keyframe seeks, clock stopped). */
  scrub(wallMs: number): void;
  /** Exact seek at the end of a drag, then play if `resume`. */
  endScrub(wallMs: number, resume: boolean): Promise<void>;
  play(): void;
  pause(): void;
  setRate(rate: number): void;
  /** One frame forward or back; pauses. */
  step(direction: 1 | -1): Promise<void>;
  getState(): PlaybackSnapshotState;
  /** Called at most ~10 Hz while playing, and on every state change. */
  subscribe(listener: (s: PlaybackSnapshotState) => void): () => void;
  /** The camera's current frame at native size with a title/timestamp band; null when no frame. */
  snapshotPng(
    cameraId: string,
    overlay: { title: string; timestamp: string },
  ): Promise<Blob | null>;
  dispose(): void;
}

export interface PlaybackEngineDeps {
  api: StationApi;
  mediaBaseUrl: string;
  /** The launch token of the media server. */
  mediaToken: string;
  /** The signed-in officer's session token (null when signed out). */
  sessionToken: () => string | null;
}

/** Per camera extras of window.__playbackStats() (e2e and the benchmark). */
export interface PlaybackCameraStats extends PlaybackCameraState {
  decodedFrames: number;
  droppedFrames: number;
  bufferedAheadSec: number;
  segmentId: number | null;
  /** The last seek's stages, ms after it started (a stage it did not reach is absent). */
  lastSeek?: { listedMs?: number; firstByteMs?: number; appendedMs?: number; frameMs?: number };
}

export interface PlaybackStats extends Omit<PlaybackSnapshotState, 'cameras'> {
  cameras: PlaybackCameraStats[];
  /** Why the running clock is held, if it is: footage loading, the live edge, a lagging decoder. */
  held: 'loading' | 'live_edge' | 'lagging' | null;
}

declare global {
  interface Window {
    __playbackStats?: () => PlaybackStats;
  }
}
