// Hosts one live player (MSE <video> or JSMpeg <canvas>) for one camera stream
// and reports what it sees to the tile. The player lives exactly as long as
// this component is mounted; parents key it by camera and stream.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { liveUrl, type LiveStatusFrame } from '../../electron/contract/live-stream';
import type { StreamKind } from '../../electron/contract/schemas';
import { selectSessionToken } from '../auth/session-slice';
import { useStationState } from '../store/store-context';
import { JsmpegLivePlayer } from './jsmpeg-live-player';
import type { LivePlayer } from './live-protocol';
import { registerStats } from './live-stats';
import { MsePlayer } from './mse-player';

export type PlayerKind = 'mse' | 'jsmpeg';

/** Streams known to need the fallback, remembered for this session so a remount skips the probe. */
const needsFallback = new Set<string>();
// `?player=jsmpeg` forces the fallback path everywhere: for support staff
// comparing paths on a station PC, and for `npm run bench:live`.
const forcedPlayer: PlayerKind | null =
  typeof location !== 'undefined' && new URLSearchParams(location.search).get('player') === 'jsmpeg'
    ? 'jsmpeg'
    : null;

export interface LiveReport {
  player: PlayerKind;
  playing: boolean;
  disconnected: boolean;
  socketStatus: LiveStatusFrame | null;
}

export function LiveVideo(props: {
  cameraId: string;
  stream: StreamKind;
  statsKey: string;
  onReport: (report: LiveReport) => void;
  /** False while the picture is hidden or covered: the stream pauses, nothing decodes. */
  active: boolean;
}) {
  const { cameraId, stream, statsKey, onReport, active } = props;
  // Strings, not the info object: a reload of system info must not restart every player.
  const mediaBaseUrl = useStationState((s) => s.systemInfo?.mediaBaseUrl ?? null);
  const mediaToken = useStationState((s) => s.systemInfo?.mediaToken ?? null);
  const session = useStationState(selectSessionToken);
  // A reconnect to the service restarts the player: its socket may hang on a stopped service.
  const resyncSeq = useStationState((s) => s.resyncSeq);
  const fallbackKey = `${cameraId}:${stream}`;
  const [player, setPlayer] = useState<PlayerKind>(
    () =>
      forcedPlayer ??
      (needsFallback.has(fallbackKey) || typeof MediaSource === 'undefined' ? 'jsmpeg' : 'mse'),
  );
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const reportRef = useRef(onReport);
  useLayoutEffect(() => {
    reportRef.current = onReport;
  });
  const livePlayerRef = useRef<LivePlayer | null>(null);
  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
    livePlayerRef.current?.setActive(active);
  }, [active]);

  useEffect(() => {
    if (!mediaBaseUrl || !mediaToken || !session) return undefined;
    const access = { mediaBaseUrl, mediaToken, session };
    let report: LiveReport = { player, playing: false, disconnected: false, socketStatus: null };
    const update = (patch: Partial<LiveReport>) => {
      report = { ...report, ...patch };
      reportRef.current(report);
    };
    update({});
    const common = {
      onStatus: (socketStatus: LiveStatusFrame) => update({ socketStatus }),
      onPlaying: () => update({ playing: true, disconnected: false }),
      onDisconnected: () => update({ playing: false, disconnected: true }),
    };
    let live: LivePlayer & { start(): void };
    if (player === 'mse') {
      const video = videoRef.current;
      if (!video) return undefined;
      live = new MsePlayer({
        ...common,
        video,
        url: liveUrl(access, { camera: cameraId, stream, format: 'fmp4' }),
        onUnsupportedCodec: () => {
          needsFallback.add(fallbackKey);
          setPlayer('jsmpeg');
        },
      });
    } else {
      const canvas = canvasRef.current;
      if (!canvas) return undefined;
      live = new JsmpegLivePlayer({
        ...common,
        canvas,
        url: liveUrl(access, { camera: cameraId, stream, format: 'mpeg1' }),
      });
    }
    live.setActive(activeRef.current);
    live.start();
    livePlayerRef.current = live;
    const unregister = registerStats(statsKey, () => ({
      ...live.stats(),
      cameraId,
      tile: statsKey,
    }));
    return () => {
      unregister();
      livePlayerRef.current = null;
      live.destroy();
    };
  }, [
    mediaBaseUrl,
    mediaToken,
    session,
    player,
    cameraId,
    stream,
    statsKey,
    fallbackKey,
    resyncSeq,
  ]);

  return player === 'mse' ? (
    <video ref={videoRef} className="tile-media" muted autoPlay playsInline data-player="mse" />
  ) : (
    <canvas ref={canvasRef} className="tile-media" data-player="jsmpeg" />
  );
}
