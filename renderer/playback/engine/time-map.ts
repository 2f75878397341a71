// Wall-clock ms ↔ media seconds of one MediaSource. Each recorded segment file
// restarts its own timestamps near 0, so every segment is placed at
// (segment start − origin) with SourceBuffer.timestampOffset; the origin is
// chosen per MediaSource, before the first segment it holds.

/** How far before the first segment a new MediaSource's origin is put, so seeks back stay in it. */
export const ORIGIN_LEAD_MS = 3_600_000;

export function originFor(firstSegmentStartMs: number): number {
  return Math.max(0, firstSegmentStartMs - ORIGIN_LEAD_MS);
}

export function mediaSecOf(wallMs: number, originMs: number): number {
  return (wallMs - originMs) / 1000;
}

export function wallMsOf(mediaSec: number, originMs: number): number {
  return originMs + mediaSec * 1000;
}

/** timestampOffset that puts a file whose media starts at `firstDecodeSec` at its wall-clock start. */
export function timestampOffsetFor(
  segmentStartMs: number,
  originMs: number,
  firstDecodeSec: number,
): number {
  return mediaSecOf(segmentStartMs, originMs) - firstDecodeSec;
}
