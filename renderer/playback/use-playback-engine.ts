// One playback engine per open playback view: created with the media server's
// address and tokens, told which cameras to play, sought to where the entry point
// asked, and read through its ≤ 10 Hz state stream.
import { useEffect, useState } from 'react';
import { useApi, useStationState, useStationStore } from '../store/store-context';
import { createPlaybackEngine } from './engine/playback-engine';
import { isInstantReplay } from './playback-entry';
import type { PlaybackEngine, PlaybackSnapshotState } from './engine/types';

export function usePlaybackEngine(): {
  engine: PlaybackEngine | null;
  state: PlaybackSnapshotState | null;
} {
  const api = useApi();
  const store = useStationStore();
  const mediaBaseUrl = useStationState((s) => s.systemInfo?.mediaBaseUrl ?? null);
  const mediaToken = useStationState((s) => s.systemInfo?.mediaToken ?? null);
  const cameraIds = useStationState((s) => s.playback.cameraIds);
  const seq = useStationState((s) => s.playback.seq);
  const [engine, setEngine] = useState<PlaybackEngine | null>(null);
  const [state, setState] = useState<PlaybackSnapshotState | null>(null);

  useEffect(() => {
    if (!mediaBaseUrl || !mediaToken) return undefined;
    const created = createPlaybackEngine({
      api,
      mediaBaseUrl,
      mediaToken,
      sessionToken: () => store.getState().session?.token ?? null,
    });
    setEngine(created);
    setState(created.getState());
    const unsubscribe = created.subscribe((s) => {
      setState(s);
      store.getState().notePlaybackPosition(s.positionMs);
    });
    return () => {
      unsubscribe();
      created.dispose();
      setEngine(null);
    };
  }, [api, store, mediaBaseUrl, mediaToken]);

  const key = cameraIds.join('|');
  useEffect(() => {
    if (engine && key) engine.setCameras(key.split('|'));
  }, [engine, key]);

  // Each entry (openPlayback) seeks once, after the cameras are set; an instant replay
  // (a tile's "Xem lại", seconds back) then plays on into live footage.
  useEffect(() => {
    if (!engine) return;
    const at = store.getState().playback.startMs;
    void engine
      .seek(at)
      .then(() => {
        if (isInstantReplay(at)) engine.play();
      })
      .catch(() => undefined);
  }, [engine, seq, store]);

  return { engine, state };
}
