// The fragments of a real fMP4 for the player's unit tests: where each moof+mdat
// lies, its decode-time span and whether it starts with a keyframe. The tests
// use it as the core's route would (a ranged reply from a keyframe) and as the
// fake SourceBuffer's notion of what an append buffers.

export interface Fragment {
  offset: number;
  end: number;
  startSec: number;
  endSec: number;
  sync: boolean;
}

function boxesIn(v: DataView, start: number, end: number): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (let at = start; at + 8 <= end;) {
    const size = v.getUint32(at);
    if (size < 8) break;
    const type = String.fromCharCode(...new Uint8Array(v.buffer, v.byteOffset + at + 4, 4));
    out.push([type, at + 8, at + size]);
    at += size;
  }
  return out;
}

/** The moof+mdat fragments in `bytes` (a whole file or pieces of one), in order. */
export function fragmentsOf(bytes: Uint8Array, timescale: number): Fragment[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Fragment[] = [];
  let moof: { offset: number; startSec: number; endSec: number; sync: boolean } | null = null;
  for (const [type, body, end] of boxesIn(v, 0, bytes.byteLength)) {
    if (type === 'moof') {
      const traf = boxesIn(v, body, end).find(([t]) => t === 'traf')!;
      let base = 0;
      let defDuration = 0;
      let defFlags = 0;
      let duration = 0;
      let firstFlags: number | null = null;
      for (const [t, b] of boxesIn(v, traf[1], traf[2])) {
        const flags = v.getUint32(b) & 0xffffff;
        if (t === 'tfdt')
          base = v.getUint8(b) === 1 ? Number(v.getBigUint64(b + 4)) : v.getUint32(b + 4);
        if (t === 'tfhd') {
          let at = b + 8 + (flags & 0x1 ? 8 : 0) + (flags & 0x2 ? 4 : 0);
          if (flags & 0x8) {
            defDuration = v.getUint32(at);
            at += 4;
          }
          if (flags & 0x10) at += 4;
          if (flags & 0x20) defFlags = v.getUint32(at);
        }
        if (t === 'trun') {
          const count = v.getUint32(b + 4);
          let at = b + 8 + (flags & 0x1 ? 4 : 0);
          if (flags & 0x4) {
            firstFlags = v.getUint32(at);
            at += 4;
          }
          for (let i = 0; i < count; i++) {
            duration += flags & 0x100 ? v.getUint32(at) : defDuration;
            for (const bit of [0x100, 0x200, 0x400, 0x800]) if (flags & bit) at += 4;
          }
        }
      }
      const sync = ((firstFlags ?? defFlags) & 0x10000) === 0;
      moof = {
        offset: body - 8,
        startSec: base / timescale,
        endSec: (base + duration) / timescale,
        sync,
      };
    } else if (type === 'mdat' && moof) {
      out.push({ ...moof, end });
      moof = null;
    }
  }
  return out;
}

/** ReadableStream of `parts`, each part enqueued after its gate (if any) opens. */
export function streamOf(
  parts: Uint8Array[],
  gates: (Promise<void> | undefined)[] = [],
): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      if (i >= parts.length) return ctrl.close();
      await gates[i];
      ctrl.enqueue(parts[i++]!);
    },
  });
}
