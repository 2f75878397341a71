// The playback engine: one shared wall clock, one SegmentPlayer per camera that
// follows it, and the snapshot of both that the playback view renders. The
// clock keeps running through a camera's gap (that camera waits, paused, for
// its next footage); it holds briefly only while footage under it is loading.
import type { PlaybackSegments } from '../../../electron/contract/playback-schemas';
import {
  FIRST_DECODE_HEADER,
  MEDIA_OFFSET_HEADER,
  recordingUrl,
  transcodeUrl,
  type FootageUrlBase,
} from '../../../electron/contract/recording-urls';
import type { KeyframeReply } from './ranged-load';
import { FetchStatusError, SegmentPlayer, type SegmentSource } from './segment-player';
import { SharedClock } from './shared-clock';
import { drawSnapshotPng } from './snapshot-png';
import {
  PLAYBACK_RATES,
  RANGED_SEEK_KEY,
  type PlaybackEngine,
  type PlaybackEngineDeps,
  type PlaybackSnapshotState,
  type PlaybackStats,
} from './types';

/** How often the cameras are realigned with the clock. */
const TICK_MS = 50;
/** Listeners hear the running clock at most this often (and at once on every change). */
const EMIT_EVERY_MS = 100;
/** The clock waits at most this long for footage that is loading, then goes on without it. */
const MAX_HOLD_MS = 2000;
/** Step size when no stream has told its frame interval yet. */
const DEFAULT_FRAME_MS = 40;

/** The allowed rate nearest to `rate` (the view's menu offers exactly these). */
export function nearestRate(rate: number): number {
  let best: number = PLAYBACK_RATES[3];
  for (const r of PLAYBACK_RATES) {
    if (Math.abs(Math.log2(r) - Math.log2(rate)) < Math.abs(Math.log2(best) - Math.log2(rate))) {
      best = r;
    }
  }
  return best;
}

/** Enough of a segment file for its init and first fragment (the codec and first timestamp). */
const HEAD_RANGE = 'bytes=0-131071';

function rangedSeekEnabled(): boolean {
  try {
    return globalThis.localStorage?.getItem(RANGED_SEEK_KEY) !== '0';
  } catch {
    return true; // storage refused (a locked-down profile): the default
  }
}

/** A header of a number, or null when absent or not one. */
function numberHeader(res: Response, name: string): number | null {
  const raw = res.headers.get(name);
  const n = raw === null ? NaN : Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

async function fetchOk(url: string, signal: AbortSignal, range?: string): Promise<Response> {
  const headers: Record<string, string> = range ? { range } : {};
  const res = await fetch(url, { signal, cache: 'no-store', headers });
  if (!res.ok) throw new FetchStatusError(res.status);
  return res;
}

export function createPlaybackEngine(deps: PlaybackEngineDeps): PlaybackEngine {
  const urlBase = (): FootageUrlBase => ({
    mediaBaseUrl: deps.mediaBaseUrl,
    mediaToken: deps.mediaToken,
    session: deps.sessionToken(),
  });
  const source: SegmentSource = {
    list: (cameraId, fromMs, toMs): Promise<PlaybackSegments> =>
      deps.api.playback.segments({ cameraId, fromMs, toMs }),
    bytes: async (id, signal, from) =>
      (
        await fetchOk(recordingUrl(urlBase(), id), signal, from ? `bytes=${from}-` : undefined)
      ).arrayBuffer(),
    head: async (id, signal) =>
      (await fetchOk(recordingUrl(urlBase(), id), signal, HEAD_RANGE)).arrayBuffer(),
    ...(rangedSeekEnabled()
      ? {
          fromKeyframe: async (id: number, atMs: number, signal: AbortSignal) => {
            const res = await fetchOk(recordingUrl(urlBase(), id, { atMs }), signal);
            if (!res.body) throw new FetchStatusError(res.status);
            const mediaOffset = numberHeader(res, MEDIA_OFFSET_HEADER);
            const reply: KeyframeReply = {
              body: res.body,
              mediaOffset,
              firstDecodeTime: mediaOffset === null ? null : numberHeader(res, FIRST_DECODE_HEADER),
            };
            return reply;
          },
        }
      : {}),
    transcoded: async (id, fromMs, signal) => {
      const res = await fetchOk(transcodeUrl(urlBase(), id, fromMs), signal);
      if (!res.body) throw new FetchStatusError(res.status);
      return res.body;
    },
  };
  const clock = new SharedClock(0, () => performance.now());
  const clockAt = (perfMs: number) => clock.positionAt(perfMs);
  const players = new Map<string, SegmentPlayer>();
  const listeners = new Set<(s: PlaybackSnapshotState) => void>();
  let order: string[] = [];
  let playing = false;
  let scrubbing = false;
  let holdSince: number | null = null;
  let holdSpent = false;
  /** The clock waits at the live edge (footage still being written) for as long as it takes. */
  let liveHeld = false;
  /** The clock waits for a camera whose decoder fell behind (SegmentPlayer.catchUp). */
  let lagHeld = false;
  let lastEmit = 0;
  let disposed = false;
  let seekGen = 0;

  const playerFor = (cameraId: string): SegmentPlayer => {
    let p = players.get(cameraId);
    if (!p) {
      p = new SegmentPlayer(cameraId, source);
      players.set(cameraId, p);
    }
    return p;
  };

  const state = (): PlaybackSnapshotState => {
    const position = clock.position();
    return {
      positionMs: Math.round(position),
      playing,
      rate: clock.rate,
      scrubbing,
      cameras: order.map((id) => {
        const s = playerFor(id).stats(position, clockAt);
        return {
          cameraId: s.cameraId,
          state: s.state,
          frameWallMs: s.frameWallMs,
          driftMs: s.driftMs,
          ...(s.errorKey ? { errorKey: s.errorKey } : {}),
        };
      }),
    };
  };

  const emit = () => {
    lastEmit = performance.now();
    if (listeners.size === 0) return;
    const s = state();
    for (const l of listeners) l(s);
  };

  /** Holds the clock while footage under it is loading, for at most MAX_HOLD_MS per episode. */
  const holdForLoading = (position: number) => {
    const waiting = [...players.values()].some((p) => p.attached && p.waitingAt(position));
    const now = performance.now();
    if (waiting && !holdSpent) {
      if (holdSince === null) {
        holdSince = now;
        clock.stop();
      } else if (now - holdSince > MAX_HOLD_MS) {
        holdSpent = true;
        clock.start();
      }
    } else if (!waiting) {
      holdSpent = false;
      if (holdSince !== null) {
        holdSince = null;
        clock.start();
      }
    }
  };

  /** Holds the clock while it has caught up with footage that is still being recorded. */
  const holdAtLiveEdge = (position: number) => {
    const atEdge = [...players.values()].some((p) => p.attached && p.atLiveEdge(position));
    if (atEdge && !liveHeld) {
      liveHeld = true;
      clock.stop();
    } else if (!atEdge && liveHeld) {
      liveHeld = false;
      if (holdSince === null) clock.start();
    }
  };

  const holdForLagging = () => {
    const lagging =
      playing && !liveHeld && holdSince === null && [...players.values()].some((p) => p.lagging);
    if (lagging && !lagHeld) {
      lagHeld = true;
      clock.stop();
    } else if (!lagging && lagHeld) {
      lagHeld = false;
      if (playing && holdSince === null && !liveHeld) clock.start();
    }
  };

  const tick = () => {
    if (disposed || scrubbing) return;
    if (playing) holdAtLiveEdge(clock.position());
    if (playing && !liveHeld) holdForLoading(clock.position());
    holdForLagging();
    const position = clock.position();
    const running = playing && holdSince === null && !liveHeld && !lagHeld;
    // Held for a lagging decoder or at the live edge, cameras play up to the clock and wait there.
    const waiting = playing && (lagHeld || liveHeld);
    for (const p of players.values()) p.follow(position, running, clock.rate, waiting);
    if (playing && performance.now() - lastEmit >= EMIT_EVERY_MS) emit();
  };
  const timer = setInterval(tick, TICK_MS);

  const stopClock = () => {
    clock.stop();
    holdSince = null;
    holdSpent = false;
    liveHeld = false;
    lagHeld = false;
  };

  const seekAll = async (wallMs: number, exact: boolean): Promise<void> => {
    const gen = ++seekGen;
    stopClock();
    clock.set(wallMs);
    emit();
    await Promise.all(
      [...players.values()].filter((p) => p.attached).map((p) => p.seek(wallMs, exact)),
    );
    if (gen !== seekGen || disposed) return;
    if (playing && !scrubbing) clock.start();
    emit();
  };

  const frameMs = (): number => {
    const first = order.map((id) => players.get(id)).find((p) => p?.attached);
    return first?.frameMs ?? DEFAULT_FRAME_MS;
  };

  const engine: PlaybackEngine = {
    attach(cameraId, video) {
      const p = playerFor(cameraId);
      p.attach(video);
      void p.seek(clock.position(), true).then(emit);
      return () => {
        if (players.get(cameraId) === p) p.detach();
      };
    },

    setCameras(cameraIds) {
      order = [...cameraIds];
      for (const [id, p] of players) {
        if (!order.includes(id)) {
          p.dispose();
          players.delete(id);
        }
      }
      for (const id of order) playerFor(id);
      emit();
    },

    seek: (wallMs) => seekAll(wallMs, true),

    scrub(wallMs) {
      if (!scrubbing) {
        scrubbing = true;
        ++seekGen;
      }
      stopClock();
      clock.set(wallMs);
      for (const p of players.values()) if (p.attached) p.scrub(wallMs);
      emit();
    },

    async endScrub(wallMs, resume) {
      scrubbing = false;
      playing = resume;
      await seekAll(wallMs, true);
    },

    play() {
      if (playing) return;
      playing = true;
      clock.start();
      emit();
    },

    pause() {
      if (!playing) return;
      playing = false;
      stopClock();
      for (const p of players.values()) p.videoElement?.pause();
      emit();
    },

    setRate(rate) {
      clock.setRate(nearestRate(rate));
      emit();
    },

    async step(direction) {
      playing = false;
      stopClock();
      for (const p of players.values()) p.videoElement?.pause();
      // From the frame on screen of the first camera showing one, not from the clock, so
      // repeated steps move exactly one frame each. Half a frame past the next frame's
      // nominal time: camera timestamps jitter, and a target short of the next frame keeps
      // the same one on screen (every step from it would then stay there).
      const shown = state().cameras.find((c) => c.frameWallMs !== null)?.frameWallMs;
      const from = shown ?? clock.position();
      const interval = frameMs();
      await seekAll(from + direction * interval + (direction > 0 ? interval / 2 : 1), true);
    },

    getState: state,

    subscribe(listener) {
      listeners.add(listener);
      listener(state());
      return () => listeners.delete(listener);
    },

    async snapshotPng(cameraId, overlay) {
      const video = players.get(cameraId)?.videoElement;
      if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !video.videoWidth) {
        return null;
      }
      return drawSnapshotPng(video, overlay);
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      clearInterval(timer);
      for (const p of players.values()) p.dispose();
      players.clear();
      listeners.clear();
      if (window.__playbackStats === stats) delete window.__playbackStats;
    },
  };

  const stats = (): PlaybackStats => {
    const s = state();
    const position = clock.position();
    const held =
      holdSince !== null ? 'loading' : liveHeld ? 'live_edge' : lagHeld ? 'lagging' : null;
    return {
      ...s,
      cameras: order.map((id) => playerFor(id).stats(position, clockAt)),
      held: playing ? held : null,
    };
  };
  window.__playbackStats = stats;

  return engine;
}
