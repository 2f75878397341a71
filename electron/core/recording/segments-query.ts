// The indexed segments of one camera near the playhead, for the player: only
// playable rows (complete or recovered), each fetched by id from /recordings/<id>.
// The segment being written is listed too, from the recorder (growing: true), up to
// its last complete fragment; once filed, its row names the id it had (openId).
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

/** The recording service's view of the segment being written (RecordingService). */
export interface OpenSegmentSource {
  openSegment(cameraId: string): Promise<Omit<PlaybackSegment, 'growing' | 'openId'> | null>;
  /** Closed by ffmpeg, not indexed yet: listed like the open one until their rows exist. */
  filingSegments?(cameraId: string): Promise<Omit<PlaybackSegment, 'growing' | 'openId'>[]>;
  openIdOf(recordingId: number): number | undefined;
}

export async function playbackSegments(
  deps: PlaybackQueryDeps & { open?: OpenSegmentSource },
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
  const segments: PlaybackSegment[] = rows.map((r) => {
    const openId = deps.open?.openIdOf(r.id);
    return {
      id: r.id,
      startMs: r.start_ms,
      endMs: r.end_ms,
      bytes: r.bytes,
      codec: r.codec,
      ...(openId !== undefined ? { openId } : {}),
    };
  });
  const open = await deps.open?.openSegment(cameraId);
  // A filing segment whose row is already in (its open id may not be mapped to the row
  // yet) is not listed twice: the row starts where it does.
  const filing = ((await deps.open?.filingSegments?.(cameraId)) ?? []).filter(
    (f) => !segments.some((s) => s.openId === f.id || Math.abs(s.startMs - f.startMs) < 1000),
  );
  for (const o of [...filing, ...(open ? [open] : [])]) {
    if (o.startMs < toMs && o.endMs > fromMs) {
      const { id, startMs, endMs, bytes, codec } = o;
      segments.push({ id, startMs, endMs, bytes, codec, growing: true });
    }
  }
  const gaps = await gapsOverlapping(deps.db, cameraId, fromMs, toMs);
  return { cameraId, fromMs, toMs, segments, gaps };
}
