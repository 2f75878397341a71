// Writing ISO BMFF boxes: a box is its 32-bit size, four-cc and payload (a
// 64-bit size when it would not fit); a full box adds a version and 24 bits of
// flags. Payloads are built from plain big-endian integers.

const U32_MAX = 0xffff_ffff;

export function u8(n: number): Buffer {
  return Buffer.from([n & 0xff]);
}

export function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export function i32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

export function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** The header of a box whose payload is `payloadBytes` long. */
export function boxHeader(type: string, payloadBytes: number): Buffer {
  if (payloadBytes + 8 <= U32_MAX) return Buffer.concat([u32(payloadBytes + 8), fourcc(type)]);
  return Buffer.concat([u32(1), fourcc(type), u64(payloadBytes + 16)]);
}

export function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([boxHeader(type, body.length), body]);
}

export function fullBox(
  type: string,
  version: number,
  flags: number,
  ...payload: Buffer[]
): Buffer {
  return box(type, u8(version), u8(flags >> 16), u16(flags & 0xffff), ...payload);
}

export function fourcc(type: string): Buffer {
  if (type.length !== 4) throw new Error(`not a four-cc: ${type}`);
  return Buffer.from(type, 'latin1');
}

/** A table of `count` fixed-size entries written by `write` into one buffer. */
export function table(
  count: number,
  entryBytes: number,
  write: (b: Buffer, i: number, at: number) => void,
): Buffer {
  const b = Buffer.alloc(count * entryBytes);
  for (let i = 0; i < count; i++) write(b, i, i * entryBytes);
  return b;
}

/** Whether a value fits a version-0 (32-bit) field. */
export function fits32(n: number): boolean {
  return n >= 0 && n <= U32_MAX;
}
