// Which state a tile or a list row shows, from main's status events, the
// tile's own media socket and whether pictures are arriving.
import type { LiveStatusFrame } from '../../electron/contract/live-stream';
import type { StreamKind, StreamState, StreamStatus } from '../../electron/contract/schemas';
import type { StatusKey } from './statuses-slice';

export interface ShownState {
  state: StreamState;
  since: number;
}

/** Gravity of a state: higher is worse. */
const rank: Record<StreamState, number> = {
  live: 0,
  connecting: 1,
  reconnecting: 2,
  idle: 3,
  auth_failed: 4,
  offline: 5,
};

export function tileState(
  fromMain: StreamStatus | undefined,
  fromSocket: LiveStatusFrame | null,
  playing: boolean,
  disconnected: boolean,
): ShownState {
  let best: ShownState | null = null;
  if (fromMain) best = { state: fromMain.state, since: fromMain.since };
  // The newer report wins. On a tie the graver one does: "offline" keeps the `since` of the
  // "reconnecting" it follows (when the picture was lost), so a stale reconnecting frame from
  // either channel must not hide it.
  if (
    fromSocket &&
    (!best ||
      fromSocket.since > best.since ||
      (fromSocket.since === best.since && rank[fromSocket.state] >= rank[best.state]))
  ) {
    best = { state: fromSocket.state, since: fromSocket.since };
  }
  if (!best) best = { state: 'connecting', since: 0 };
  if (best.state === 'offline' || best.state === 'auth_failed') return best;
  if (disconnected) return { state: 'reconnecting', since: best.since };
  if (playing && (best.state === 'idle' || best.state === 'connecting')) {
    return { state: 'live', since: best.since };
  }
  if (best.state === 'idle') return { state: 'connecting', since: best.since };
  return best;
}

/** A camera's state for the list: its healthiest known stream. */
export function cameraState(
  statuses: Partial<Record<StatusKey, StreamStatus>>,
  cameraId: string,
): StreamStatus | null {
  const streams: StreamKind[] = ['sub', 'main'];
  let best: StreamStatus | null = null;
  for (const s of streams) {
    const st = statuses[`${cameraId}:${s}`];
    if (st && (!best || rank[st.state] < rank[best.state])) best = st;
  }
  return best;
}
