// Keeps the timeline's data in step with the view: asks `playback.timeline` for the
// visible window plus a margin once the view settles (debounced), keeps showing the
// previous answer while the next loads, drops answers to older requests, and
// re-reads while "now" is on screen, as new segments close.
import { useEffect, useRef, useState } from 'react';
import type { StationApi } from '../../electron/contract/api';
import type { PlaybackTimeline } from '../../electron/contract/playback-schemas';
import { errorKey } from '../api/api-error';
import type { MessageKey } from '../i18n/translate';
import { needsRefetch, timelineQuery, type TimelineQuery } from './timeline-request';
import type { TimeWindow } from './timeline-scale';

const DEBOUNCE_MS = 150;
/** While the window shows the present, new footage appears this often. */
const LIVE_EDGE_REFRESH_MS = 15_000;

export interface TimelineData {
  data: PlaybackTimeline | null;
  loading: boolean;
  error: MessageKey | null;
}

export function useTimelineData(
  api: StationApi,
  cameraIds: readonly string[],
  view: TimeWindow,
  widthPx: number,
  /** Bumped when recording filed a segment (store `footageSeq`). */
  footageSeq: number,
  /** Bumped after a reconnect to the service (store `resyncSeq`): segments may have been missed. */
  resyncSeq = 0,
): TimelineData {
  const [state, setState] = useState<TimelineData>({ data: null, loading: false, error: null });
  const have = useRef<{ query: TimelineQuery; key: string } | null>(null);
  const seq = useRef(0);
  const [tick, setTick] = useState(0);
  const key = cameraIds.join('|');
  const showsNow = view.toMs >= Date.now() - 60_000;

  useEffect(() => {
    if (!showsNow) return undefined;
    const timer = setInterval(() => setTick((n) => n + 1), LIVE_EDGE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [showsNow]);

  // New footage only matters when the window reaches the present.
  const footageKey = showsNow ? footageSeq : 0;
  const refreshKey = `${tick}:${footageKey}:${resyncSeq}`;
  const lastRefresh = useRef(refreshKey);

  useEffect(() => {
    if (widthPx <= 0 || key === '') return undefined;
    const forced = lastRefresh.current !== refreshKey;
    const current = have.current;
    if (!forced && current?.key === key && !needsRefetch(current.query, view, widthPx))
      return undefined;
    const timer = setTimeout(() => {
      lastRefresh.current = refreshKey;
      const query = timelineQuery(view, widthPx);
      const mine = ++seq.current;
      have.current = { query, key };
      setState((s) => ({ ...s, loading: true }));
      api.playback
        .timeline({ cameraIds: key.split('|'), ...query })
        .then((data) => {
          if (mine === seq.current) setState({ data, loading: false, error: null });
        })
        .catch((e: unknown) => {
          if (mine !== seq.current) return;
          // Ask again on the next change of view.
          have.current = null;
          setState((s) => ({ ...s, loading: false, error: errorKey(e) }));
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, key, view, widthPx, refreshKey]);

  return state;
}
