// The browser's own floor for bench:live: the same streams, recorded to local MP4
// files, played by plain <video muted autoplay loop> elements at the rectangles the
// console's tiles had. No core, no ffmpeg, no Media Source: what Chromium alone pays
// to decode and composite the same pictures.
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

export interface FloorRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FloorTile {
  /** Index into the served clips. */
  clip: number;
  rect: FloorRect;
}

/** Records `seconds` of each RTSP URL as a faststart MP4 (stream copy, no re-encode). */
export async function recordFloorClips(
  ffmpeg: string,
  urls: string[],
  seconds: number,
  dir: string,
): Promise<string[]> {
  return Promise.all(
    urls.map(async (url, i) => {
      const out = path.join(dir, `floor-${i}.mp4`);
      const args = ['-hide_banner', '-loglevel', 'error', '-y', '-rtsp_transport', 'tcp'];
      args.push('-i', url, '-t', String(seconds), '-an', '-c', 'copy');
      args.push('-movflags', '+faststart', out);
      await new Promise<void>((resolve, reject) => {
        const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.once('error', reject);
        child.once('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`recording ${url} failed: ${err.trim()}`)),
        );
      });
      return out;
    }),
  );
}

/** The page: one absolutely placed video per tile, object-fit as the console's .tile-media. */
export function floorPageHtml(tiles: FloorTile[]): string {
  const videos = tiles
    .map(
      (t) =>
        `<video src="/clip/${t.clip}.mp4" muted autoplay loop playsinline style="left:${t.rect.x}px;` +
        `top:${t.rect.y}px;width:${t.rect.width}px;height:${t.rect.height}px"></video>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
html,body{margin:0;background:#000;overflow:hidden}
video{position:absolute;object-fit:contain;background:#000}
</style></head><body>
${videos}
<script>
window.__floorStats = () => [...document.querySelectorAll('video')].map((v, i) => {
  const q = v.getVideoPlaybackQuality();
  return { cameraId: 'floor-' + i, tile: 'floor-' + i, decodedFrames: q.totalVideoFrames, droppedFrames: q.droppedVideoFrames };
});
</script></body></html>`;
}

export interface FloorServer {
  baseUrl: string;
  /** Sets the tiles the next page load shows. */
  setTiles(tiles: FloorTile[]): void;
  stop(): Promise<void>;
}

/** Serves the page and the clips (with Range: Chromium seeks on every loop) on 127.0.0.1. */
export async function startFloorServer(clips: string[]): Promise<FloorServer> {
  let html = floorPageHtml([]);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = /^\/clip\/(\d+)\.mp4$/.exec(url.pathname);
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
      return;
    }
    const file = m ? clips[Number(m[1])] : undefined;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const size = statSync(file).size;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let end = size - 1;
    if (range) {
      if (range[1]) start = Number(range[1]);
      if (range[2]) end = Math.min(size - 1, Number(range[2]));
      else if (!range[1]) start = size - Number(range[2]);
    }
    const headers = {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'content-length': String(end - start + 1),
    };
    if (range) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}` });
    else res.writeHead(200, headers);
    createReadStream(file, { start, end }).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('floor server has no address');
  return {
    baseUrl: `http://127.0.0.1:${addr.port}`,
    setTiles: (tiles) => (html = floorPageHtml(tiles)),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
