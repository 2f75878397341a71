import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TEST_FFMPEG } from '../streams/testing/ffmpeg-bin';
import { crc32, greyPng } from './grey-png';

describe('greyPng', () => {
  it('computes the PNG CRC (IEND’s known value)', () => {
    expect(crc32(Buffer.from('IEND')).toString(16)).toBe('ae426082');
  });

  it('writes a PNG whose pixels decode back', () => {
    const pixels = Uint8Array.from({ length: 160 * 90 }, (_, i) => (i * 7) % 256);
    const png = greyPng(160, 90, pixels);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(160);
    expect(png.readUInt32BE(20)).toBe(90);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString()).toBe('IDAT');
    const rows = inflateSync(png.subarray(41, 41 + idatLength));
    expect(rows.length).toBe(161 * 90);
    expect(rows[0]).toBe(0);
    expect([...rows.subarray(161 * 2 + 1, 161 * 2 + 6)]).toEqual([...pixels.subarray(320, 325)]);
    // And ffmpeg reads it as the same picture.
    const dir = mkdtempSync(join(tmpdir(), 'station-png-'));
    try {
      writeFileSync(join(dir, 'r.png'), png);
      const raw = execFileSync(TEST_FFMPEG, [
        '-v',
        'error',
        '-i',
        join(dir, 'r.png'),
        '-f',
        'rawvideo',
        '-pix_fmt',
        'gray',
        '-',
      ]);
      expect(Buffer.compare(raw, Buffer.from(pixels))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
