// Synthetic 160×90 keyframes for the detector's tests: a textured scene, and what
// cameras do to it (black with an OSD, flat, blurred, shifted, dimmed, noisy).
import type { Picture } from '../picture-metrics';

export const W = 160;
export const H = 90;

/** Deterministic pseudo-random numbers (mulberry32), so pictures are the same every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));

function picture(y: Uint8Array, chroma = 128): Picture {
  const q = (W / 2) * (H / 2);
  return {
    width: W,
    height: H,
    y,
    u: new Uint8Array(q).fill(chroma),
    v: new Uint8Array(q).fill(128),
  };
}

/** A street-like scene: blobs and edges of many sizes (seeded), in colour. */
export function scene(seed: number): Picture {
  const rnd = random(seed);
  const y = new Uint8Array(W * H).fill(110);
  for (let k = 0; k < 60; k++) {
    const x0 = Math.floor(rnd() * W);
    const y0 = Math.floor(rnd() * H);
    const w = 3 + Math.floor(rnd() * 30);
    const h = 3 + Math.floor(rnd() * 20);
    const v = 30 + Math.floor(rnd() * 200);
    for (let r = y0; r < Math.min(H, y0 + h); r++)
      for (let c = x0; c < Math.min(W, x0 + w); c++) y[r * W + c] = v;
  }
  for (let i = 0; i < W * H; i++) y[i] = clamp(y[i]! + (rnd() - 0.5) * 30);
  return picture(y, 150);
}

export function map(p: Picture, f: (v: number, x: number, y: number) => number): Picture {
  const y = new Uint8Array(W * H);
  for (let r = 0; r < H; r++)
    for (let c = 0; c < W; c++) y[r * W + c] = clamp(f(p.y[r * W + c]!, c, r));
  return { ...p, y };
}

/** Video black with the camera's white OSD clock in the top-left corner. */
export function blackWithOsd(): Picture {
  const y = new Uint8Array(W * H).fill(16);
  for (let r = 4; r < 12; r++)
    for (let c = 4; c < 60; c++) if ((r + c) % 3 === 0) y[r * W + c] = 235;
  return picture(y);
}

/** One grey level; sensor noise as `noise` (luma, peak), seeded. */
export function flat(level: number, noise = 0, seed = 1): Picture {
  const rnd = random(seed);
  const y = new Uint8Array(W * H);
  for (let i = 0; i < y.length; i++) y[i] = clamp(level + (rnd() - 0.5) * 2 * noise);
  return picture(y);
}

/** Box blur of the given radius, `passes` times (close to a Gaussian after 3). */
export function blurred(p: Picture, radius: number, passes = 3): Picture {
  let y = p.y;
  for (let pass = 0; pass < passes; pass++) {
    const out = new Uint8Array(W * H);
    for (let r = 0; r < H; r++)
      for (let c = 0; c < W; c++) {
        let s = 0;
        let n = 0;
        for (let dr = -radius; dr <= radius; dr++)
          for (let dc = -radius; dc <= radius; dc++) {
            const rr = r + dr;
            const cc = c + dc;
            if (rr < 0 || rr >= H || cc < 0 || cc >= W) continue;
            s += y[rr * W + cc]!;
            n++;
          }
        out[r * W + c] = clamp(s / n);
      }
    y = out;
  }
  return { ...p, y };
}

export function shifted(p: Picture, dx: number, dy: number): Picture {
  return map(p, (_, x, y) => {
    const sx = Math.min(W - 1, Math.max(0, x - dx));
    const sy = Math.min(H - 1, Math.max(0, y - dy));
    return p.y[sy * W + sx]!;
  });
}

export function withNoise(p: Picture, amplitude: number, seed: number): Picture {
  const rnd = random(seed);
  return map(p, (v) => v + (rnd() - 0.5) * 2 * amplitude);
}
