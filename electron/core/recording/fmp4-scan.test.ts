import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFmp4 } from './fmp4-scan';
import { ffprobeFile, tempDir, writeSampleFmp4 } from './testing/recording-test-kit';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let whole: string;

beforeAll(async () => {
  tmp = await tempDir('fmp4-scan');
  whole = join(tmp.dir, 'whole.mp4');
  // The recorder's muxer settings on a 3 s, 25 fps, 1 s GOP source.
  await writeSampleFmp4(whole, 3);
});

afterAll(async () => {
  await tmp.cleanup();
});

async function truncatedCopy(src: string, dest: string, bytes: number): Promise<void> {
  const fh = await open(src, 'r');
  const buf = Buffer.alloc(bytes);
  await fh.read(buf, 0, bytes, 0);
  await fh.close();
  await writeFile(dest, buf);
}

describe('scanFmp4', () => {
  it('measures a whole segment: duration, fragments, per-second bytes, clean close', async () => {
    const s = await scanFmp4(whole);
    expect(s.hasInit).toBe(true);
    expect(s.codec).toBe('avc1');
    expect(s.fragmentCount).toBe(3);
    expect(s.durationMs).toBe(3000);
    expect(s.closedCleanly).toBe(true);
    expect(s.completeBytes).toBe(s.fileBytes);
    expect(s.secondBytes).toHaveLength(3);
    expect(s.secondBytes.reduce((a, b) => a + b, 0)).toBeLessThan(s.fileBytes);
    expect(s.secondBytes.every((b) => b > 0)).toBe(true);
  });

  it('counts a torn file up to its last whole fragment, which is what ffprobe plays', async () => {
    const s = await scanFmp4(whole);
    const torn = join(tmp.dir, 'torn.mp4');
    // Cut inside the last fragment, as kill -9 leaves it.
    await truncatedCopy(whole, torn, s.completeBytes - 2000);
    const t = await scanFmp4(torn);
    expect(t.hasInit).toBe(true);
    expect(t.closedCleanly).toBe(false);
    expect(t.fragmentCount).toBe(2);
    expect(t.durationMs).toBe(2000);
    expect(t.completeBytes).toBeLessThan(t.fileBytes);
    const probe = await ffprobeFile(torn);
    expect(probe.durationS).toBeGreaterThanOrEqual(2);
  });

  it('reports a file with only its header as having nothing to play', async () => {
    const head = join(tmp.dir, 'head.mp4');
    await truncatedCopy(whole, head, 28);
    const h = await scanFmp4(head);
    expect(h.fragmentCount).toBe(0);
    expect(h.durationMs).toBe(0);
    expect(h.hasInit).toBe(false);
  });
});
