// The indexed segments of one camera near the playhead, for the player: only
// playable rows (complete or recovered), each fetched by id from /recordings/<id>.
// The segment being written is not indexed until it closes (docs/recording.md).
import type {
  PlaybackSegment,
  PlaybackSegments,
  PlaybackSegmentsRequest,
} from '../../contract/playback-schemas';
import {
  gapsOverlapping,
  OVERLAPS,
  overlapParams,
  PLAYABLE,
  type PlaybackQueryDeps,
} from './footage-rows';

export async function playbackSegments(
  deps: PlaybackQueryDeps,
  req: PlaybackSegmentsRequest,
): Promise<PlaybackSegments> {
  const { cameraId, fromMs, toMs } = req;
  const rows = await deps.db.all<{
    id: number;
    start_ms: number;
    end_ms: number;
    bytes: number;
    codec: string | null;
  }>(
    `SELECT id, start_ms, end_ms, bytes, codec FROM recordings
     WHERE ${OVERLAPS} AND ${PLAYABLE} ORDER BY start_ms, id`,
    overlapParams(cameraId, fromMs, toMs),
  );
  const segments: PlaybackSegment[] = rows.map((r) => ({
    id: r.id,
    startMs: r.start_ms,
    endMs: r.end_ms,
    bytes: r.bytes,
    codec: r.codec,
  }));
  const gaps = await gapsOverlapping(deps.db, cameraId, fromMs, toMs);
  return { cameraId, fromMs, toMs, segments, gaps };
}
