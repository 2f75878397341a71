// The media plane: the loopback media server's HTTP and WebSocket routes, as both
// sides see them. The core mounts these paths, the renderer builds its URLs with
// these functions; neither writes a path by hand. Every route needs the launch token
// (`token`, checked by the media server); those showing police data also need the
// signed-in officer's session token (`session`), since an <img>, a <video> or a
// WebSocket cannot send headers. The routes, by module:
//   WS   /rpc                          the contract's calls and events    rpc-wire.ts
//   WS   /live?camera&stream&format    live pictures and their frames     live-stream.ts
//   GET  /recordings/<id>              a recorded segment, byte ranges    recording-urls.ts
//   GET  /recordings/h264/<id>?from    a segment transcoded to H.264      recording-urls.ts
//   GET  /snapshots/<id>               an incident snapshot               here
//   GET  /reports/handover.pdf?id      a shift handover as PDF            here
//   GET  /tamper/reference.png?camera&slot  a tamper reference picture  here

/** Where the media server is and the tokens it asks for. */
export interface MediaAccess {
  /** http://127.0.0.1:<port>, from system info. */
  mediaBaseUrl: string;
  /** The media server's launch token. */
  mediaToken: string;
  /** The signed-in officer's session token; null leaves it out (the server then refuses police data). */
  session: string | null;
}

/** The URL of `path` with `params` in their order; null params are left out. */
export function mediaUrl(
  mediaBaseUrl: string,
  path: string,
  params: Record<string, string | null>,
): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null) q.set(name, value);
  return `${mediaBaseUrl.replace(/\/+$/, '')}${path}?${q.toString()}`;
}

/** GET|HEAD /snapshots/<id>: an incident snapshot for an <img> tag. */
export const SNAPSHOT_ROUTE_PREFIX = '/snapshots/';

export function snapshotUrl(access: MediaAccess, snapshotId: string): string {
  return mediaUrl(access.mediaBaseUrl, SNAPSHOT_ROUTE_PREFIX + encodeURIComponent(snapshotId), {
    token: access.mediaToken,
    session: access.session,
  });
}

/** Printable reports; the prefix the Electron shell opens in a window of their own. */
export const REPORT_ROUTE_PREFIX = '/reports/';

/** GET /reports/handover.pdf?id=<handover id>: a shift handover rendered as PDF. */
export const HANDOVER_PDF_PATH = `${REPORT_ROUTE_PREFIX}handover.pdf`;

export function handoverPdfUrl(access: MediaAccess, handoverId: string): string {
  return mediaUrl(access.mediaBaseUrl, HANDOVER_PDF_PATH, {
    id: handoverId,
    token: access.mediaToken,
    session: access.session,
  });
}

/** GET /tamper/reference.png?camera&slot: a camera's reference picture for the tamper detector (grey PNG). */
export const TAMPER_REFERENCE_PATH = '/tamper/reference.png';

/** `takenAt` changes the URL when the reference is retaken, so an <img> does not keep the old one. */
export function tamperReferenceUrl(
  access: MediaAccess,
  cameraId: string,
  slot: string,
  takenAt: number,
): string {
  return mediaUrl(access.mediaBaseUrl, TAMPER_REFERENCE_PATH, {
    camera: cameraId,
    slot,
    at: String(takenAt),
    token: access.mediaToken,
    session: access.session,
  });
}
