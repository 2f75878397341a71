// A snapshot of the frame on screen, at the stream's native size, with the
// camera name and the frame's station time in a band along the bottom: an
// image that still says where and when once it leaves the console.

const FONT_FAMILY = '"Be Vietnam Pro", system-ui, sans-serif';

export interface SnapshotBand {
  height: number;
  fontPx: number;
  padding: number;
}

/** Band proportions for a frame of the given size (readable from 320×180 to 4K). */
export function snapshotBand(width: number, height: number): SnapshotBand {
  const band = Math.max(24, Math.round(Math.min(height * 0.075, width * 0.045)));
  return { height: band, fontPx: Math.round(band * 0.52), padding: Math.round(band * 0.45) };
}

export async function drawSnapshotPng(
  video: HTMLVideoElement,
  overlay: { title: string; timestamp: string },
): Promise<Blob | null> {
  const width = video.videoWidth;
  const height = video.videoHeight;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, width, height);

  const band = snapshotBand(width, height);
  const font = `600 ${band.fontPx}px ${FONT_FAMILY}`;
  // The page loads the font lazily; make sure its Vietnamese glyphs are ready before drawing.
  await document.fonts?.load(font, overlay.title + overlay.timestamp).catch(() => undefined);
  ctx.fillStyle = 'rgba(8, 12, 18, 0.72)';
  ctx.fillRect(0, height - band.height, width, band.height);
  ctx.font = font;
  ctx.textBaseline = 'middle';
  const y = height - band.height / 2;
  ctx.fillStyle = '#ffffff';
  ctx.textAlign = 'right';
  ctx.fillText(overlay.timestamp, width - band.padding, y);
  const stampWidth = ctx.measureText(overlay.timestamp).width;
  ctx.textAlign = 'left';
  const room = width - stampWidth - band.padding * 3;
  ctx.fillText(fitText(ctx, overlay.title, room), band.padding, y);

  return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
}

/** Shortens `text` with an ellipsis until it fits `maxWidth`. */
function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let cut = text.length;
  while (cut > 1 && ctx.measureText(text.slice(0, cut) + '…').width > maxWidth) cut--;
  return text.slice(0, cut) + '…';
}
