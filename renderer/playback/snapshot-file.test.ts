import { describe, expect, it } from 'vitest';
import { blobToBase64, snapshotFileName } from './snapshot-file';

describe('snapshotFileName', () => {
  it('stamps station time (UTC+7) and keeps Vietnamese letters', () => {
    // 31/12/2025 17:05:09 UTC = 01/01/2026 00:05:09 in Vietnam.
    const at = Date.UTC(2025, 11, 31, 17, 5, 9);
    expect(snapshotFileName('Cổng chợ Đông', at)).toBe('Cổng-chợ-Đông-20260101-000509.png');
  });
  it('drops characters a file system refuses', () => {
    const at = Date.UTC(2025, 5, 1, 3, 4, 5);
    expect(snapshotFileName('Cam 1/2: "ngã tư"?', at)).toBe('Cam-1-2-ngã-tư-20250601-100405.png');
    expect(snapshotFileName('  ', at)).toBe('camera-20250601-100405.png');
  });
});

describe('blobToBase64', () => {
  it('encodes the bytes, also past one chunk', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    const b64 = await blobToBase64(new Blob([bytes]));
    expect(Buffer.from(b64, 'base64').equals(Buffer.from(bytes))).toBe(true);
  });
});
