// Cuts the detector's stdout into pictures. ffmpeg writes Y4M: one header line
// ("YUV4MPEG2 W160 H90 …"), then per picture a "FRAME…" line and the raw yuv420p
// planes; chunks of any size. Each picture is stamped when its last byte arrives,
// which is when its keyframe reached the station (give or take a decode).
import { CELL, type Picture } from './picture-metrics';

const NL = 0x0a;
/** A header line longer than this is not Y4M: the stream is out of step. */
const MAX_LINE = 256;

export class FrameReader {
  private readonly frameBytes: number;
  private buffer: Buffer = Buffer.alloc(0);
  private sawHeader = false;

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly onPicture: (picture: Picture) => void,
  ) {
    if (width % (2 * CELL) !== 0 || height % CELL !== 0 || height % 2 !== 0)
      throw new Error(`detector picture ${width}x${height} does not fit the cell grid`);
    this.frameBytes = width * height * 1.5;
  }

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const eol = this.buffer.indexOf(NL);
      if (eol < 0) {
        if (this.buffer.length > MAX_LINE) throw new Error('detector output is not Y4M');
        return;
      }
      const line = this.buffer.subarray(0, eol).toString('latin1');
      if (!this.sawHeader) {
        if (!line.startsWith('YUV4MPEG2 ')) throw new Error('detector output is not Y4M');
        this.checkSize(line);
        this.sawHeader = true;
        this.buffer = this.buffer.subarray(eol + 1);
        continue;
      }
      if (!line.startsWith('FRAME')) throw new Error('detector output out of step');
      if (this.buffer.length < eol + 1 + this.frameBytes) return;
      const frame = this.buffer.subarray(eol + 1, eol + 1 + this.frameBytes);
      this.buffer = this.buffer.subarray(eol + 1 + this.frameBytes);
      this.onPicture(this.toPicture(frame));
    }
  }

  /** A new ffmpeg run starts with its own header: drop what is left of the last run. */
  reset(): void {
    this.buffer = Buffer.alloc(0);
    this.sawHeader = false;
  }

  private checkSize(header: string): void {
    const w = /\bW(\d+)/.exec(header)?.[1];
    const h = /\bH(\d+)/.exec(header)?.[1];
    if (Number(w) !== this.width || Number(h) !== this.height)
      throw new Error(
        `detector pictures are ${w ?? '?'}x${h ?? '?'}, not ${this.width}x${this.height}`,
      );
  }

  private toPicture(frame: Buffer): Picture {
    // Copied: the chunk buffer is reused by the stream, the picture may be kept (reference).
    const bytes = new Uint8Array(frame);
    const luma = this.width * this.height;
    const chroma = luma / 4;
    return {
      width: this.width,
      height: this.height,
      y: bytes.subarray(0, luma),
      u: bytes.subarray(luma, luma + chroma),
      v: bytes.subarray(luma + chroma, luma + 2 * chroma),
    };
  }
}
