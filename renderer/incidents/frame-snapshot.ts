// A JPEG of what a tile shows at the F2 keystroke: the tile's <video> (MSE) or
// JSMpeg <canvas> drawn onto a scaled canvas. Nothing when there is no frame yet.
import { SNAPSHOT_MAX_BASE64 } from '../../electron/contract/incident-schemas';

/** Widest snapshot kept: enough to read a plate on a main stream, small enough to store. */
export const SNAPSHOT_MAX_WIDTH = 1280;
const QUALITIES = [0.85, 0.7, 0.55] as const;

export interface FrameSnapshot {
  cameraId: string;
  takenAt: number;
  mime: 'image/jpeg';
  dataBase64: string;
}

/** Output size keeping the aspect ratio, never wider than `maxWidth`, never upscaled. */
export function snapshotSize(
  width: number,
  height: number,
  maxWidth = SNAPSHOT_MAX_WIDTH,
): { width: number; height: number } | null {
  if (!(width > 0) || !(height > 0)) return null;
  if (width <= maxWidth) return { width: Math.round(width), height: Math.round(height) };
  return { width: maxWidth, height: Math.max(1, Math.round((height * maxWidth) / width)) };
}

/** "data:image/jpeg;base64,AAAA" → "AAAA" (null for anything else, e.g. "data:,"). */
export function base64OfDataUrl(dataUrl: string): string | null {
  const m = /^data:image\/jpeg;base64,([A-Za-z0-9+/]+={0,2})$/.exec(dataUrl);
  return m?.[1] ?? null;
}

type FrameSource = HTMLVideoElement | HTMLCanvasElement;

function sourceSize(el: FrameSource): { width: number; height: number } | null {
  if (el instanceof HTMLVideoElement) {
    // HAVE_CURRENT_DATA: a frame is decoded and can be drawn.
    if (el.readyState < 2) return null;
    return snapshotSize(el.videoWidth, el.videoHeight);
  }
  return snapshotSize(el.width, el.height);
}

/** Encodes the element's current frame; null when it has none or the JPEG is too big. */
export function captureFrame(el: FrameSource): string | null {
  const size = sourceSize(el);
  if (!size) return null;
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  try {
    ctx.drawImage(el, 0, 0, size.width, size.height);
    for (const q of QUALITIES) {
      const data = base64OfDataUrl(canvas.toDataURL('image/jpeg', q));
      if (data && data.length <= SNAPSHOT_MAX_BASE64) return data;
    }
  } catch {
    // A tainted or lost canvas: the bookmark goes ahead without this picture.
  }
  return null;
}

/** The live media element showing a camera: the single view if open, else its grid tile. */
export function findTileMedia(cameraId: string, root: ParentNode = document): FrameSource | null {
  const id = CSS.escape(cameraId);
  const el =
    root.querySelector(`[data-testid="single-tile"][data-camera-id="${id}"] .tile-media`) ??
    root.querySelector(`[data-testid="live-grid"] .tile[data-camera-id="${id}"] .tile-media`);
  return el instanceof HTMLVideoElement || el instanceof HTMLCanvasElement ? el : null;
}

/** Snapshots of the cameras' tiles, skipping those without a frame. */
export function captureCameras(cameraIds: readonly string[], takenAt: number): FrameSnapshot[] {
  const out: FrameSnapshot[] = [];
  for (const cameraId of cameraIds) {
    const media = findTileMedia(cameraId);
    const dataBase64 = media ? captureFrame(media) : null;
    if (dataBase64) out.push({ cameraId, takenAt, mime: 'image/jpeg', dataBase64 });
  }
  return out;
}
