// Per-second byte counts of a recording, packed for the index: one uint16
// (little-endian) per second in units of 64 bytes, saturating at ~4 MiB/s
// (32 Mbit/s, above any camera main stream we expect). 60 s cost 120 bytes.
// Exact totals live in recordings.bytes; this only feeds the activity graph.
export const SECOND_BYTES_UNIT = 64;
const MAX = 0xffff;

export function encodeSecondBytes(seconds: readonly number[]): Buffer {
  const buf = Buffer.alloc(seconds.length * 2);
  seconds.forEach((bytes, i) => {
    buf.writeUInt16LE(Math.min(MAX, Math.round(Math.max(0, bytes) / SECOND_BYTES_UNIT)), i * 2);
  });
  return buf;
}

export function decodeSecondBytes(blob: Uint8Array): number[] {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 1 < buf.length; i += 2) out.push(buf.readUInt16LE(i) * SECOND_BYTES_UNIT);
  return out;
}
