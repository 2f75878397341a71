// The PNG a playback snapshot is saved or filed as.
import { SNAPSHOT_MAX_BASE64 } from '../../electron/contract/incident-schemas';
import { stationWallClock } from '../../electron/contract/station-time';

const pad = (n: number) => String(n).padStart(2, '0');

/** A name safe on Windows and Linux, keeping Vietnamese letters. */
function safeName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    // Control characters (below U+0020) too; a regex range of them trips the linter.
    .replace(/./gu, (c) => (c.charCodeAt(0) < 0x20 ? ' ' : c))
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^\.+/, '');
  return cleaned.slice(0, 80) || 'camera';
}

/** `<camera>-<yyyyMMdd-HHmmss>.png` in station time. */
export function snapshotFileName(cameraName: string, atMs: number): string {
  const w = stationWallClock(atMs);
  const day = `${w.year}${pad(w.month)}${pad(w.day)}`;
  return `${safeName(cameraName)}-${day}-${pad(w.hour)}${pad(w.minute)}${pad(w.second)}.png`;
}

/** The base64 body of a Blob (for incidents.addSnapshot). */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // Chunked: String.fromCharCode with a huge spread overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The contract's limit on a snapshot's base64 text (SnapshotInput.dataBase64). */
export const ATTACH_MAX_BASE64 = SNAPSHOT_MAX_BASE64;

/** Widths tried, in order, when a full-size PNG is too large to attach. */
const ATTACH_WIDTHS = [1920, 1280, 960] as const;

function canvasBlob(
  canvas: HTMLCanvasElement,
  mime: string,
  quality?: number,
): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, mime, quality));
}

/**
 * The snapshot as the incident stores it: the PNG itself when it fits the contract's
 * limit, else a smaller PNG, and only as a last resort a high-quality JPEG (a noisy
 * night frame does not compress well losslessly).
 */
export async function attachableImage(
  png: Blob,
): Promise<{ mime: 'image/png' | 'image/jpeg'; dataBase64: string } | null> {
  const direct = await blobToBase64(png);
  if (direct.length <= ATTACH_MAX_BASE64) return { mime: 'image/png', dataBase64: direct };
  const bitmap = await createImageBitmap(png);
  try {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    const attempts: { width: number; mime: 'image/png' | 'image/jpeg'; q?: number }[] = [
      ...ATTACH_WIDTHS.filter((w) => w < bitmap.width).map((width) => ({
        width,
        mime: 'image/png' as const,
      })),
      { width: Math.min(1280, bitmap.width), mime: 'image/jpeg', q: 0.92 },
      { width: Math.min(960, bitmap.width), mime: 'image/jpeg', q: 0.85 },
    ];
    for (const a of attempts) {
      canvas.width = a.width;
      canvas.height = Math.max(1, Math.round((bitmap.height * a.width) / bitmap.width));
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await canvasBlob(canvas, a.mime, a.q);
      if (!blob) continue;
      const data = await blobToBase64(blob);
      if (data.length <= ATTACH_MAX_BASE64) return { mime: a.mime, dataBase64: data };
    }
    return null;
  } finally {
    bitmap.close();
  }
}

/** Starts a download of the blob under `fileName` (the browser's save location). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked after the click has handed the data over.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
