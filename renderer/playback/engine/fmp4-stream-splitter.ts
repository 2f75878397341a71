// Cuts a fragmented MP4 arriving in arbitrary chunks (a streamed response) into
// what MSE appends: the init segment (everything up to the end of moov) once,
// then each moof+mdat pair as soon as its mdat is complete.

export type Fmp4Piece = { kind: 'init' | 'media'; bytes: Uint8Array };

/** Largest box accepted: a transcoded fragment is about one second of video. */
const MAX_BOX_BYTES = 64 * 1024 * 1024;

export class Fmp4StreamSplitter {
  private buf = new Uint8Array(0);
  /** Start of the bytes not yet handed out (the init or the current moof). */
  private pieceStart = 0;
  /** Start of the next box to read. */
  private at = 0;
  private initDone = false;

  /** Adds a chunk and returns the pieces it completed. Throws on a box it cannot size. */
  push(chunk: Uint8Array): Fmp4Piece[] {
    const joined = new Uint8Array(this.buf.length - this.pieceStart + chunk.length);
    joined.set(this.buf.subarray(this.pieceStart));
    joined.set(chunk, this.buf.length - this.pieceStart);
    this.at -= this.pieceStart;
    this.pieceStart = 0;
    this.buf = joined;
    const out: Fmp4Piece[] = [];
    const v = new DataView(joined.buffer);
    while (this.at + 8 <= joined.length) {
      let size = v.getUint32(this.at);
      if (size === 1) {
        if (this.at + 16 > joined.length) break;
        size = Number(v.getBigUint64(this.at + 8));
      }
      if (size < 8 || size > MAX_BOX_BYTES) throw new Error('fmp4_box_size');
      if (this.at + size > joined.length) break;
      const type = String.fromCharCode(...joined.subarray(this.at + 4, this.at + 8));
      this.at += size;
      if (!this.initDone && type === 'moov') {
        out.push({ kind: 'init', bytes: joined.slice(this.pieceStart, this.at) });
        this.initDone = true;
        this.pieceStart = this.at;
      } else if (this.initDone && type === 'mdat') {
        out.push({ kind: 'media', bytes: joined.slice(this.pieceStart, this.at) });
        this.pieceStart = this.at;
      }
    }
    return out;
  }
}
