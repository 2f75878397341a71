// Parses what a recorder ffmpeg writes on stdout: the segment muxer's CSV list
// (one line per closed segment: file,start,end in seconds of output time) and
// -progress blocks (key=value lines). Both go to pipe:1; every write is a short
// flushed line block, so lines never interleave mid-line.
export interface ClosedSegmentLine {
  kind: 'segment';
  file: string;
  relStartS: number;
  relEndS: number;
}

export interface ProgressLine {
  kind: 'progress';
  outTimeUs: number;
}

export type RecorderLine = ClosedSegmentLine | ProgressLine;

const SEGMENT = /^(.+\.mp4),(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/;

export class RecorderOutputParser {
  private partial = '';

  /** Feeds a stdout chunk; returns the complete lines it finished. */
  push(chunk: Buffer | string): RecorderLine[] {
    const text = this.partial + chunk.toString();
    const lines = text.split('\n');
    // A list line is short; anything longer without a newline is not ours.
    this.partial = (lines.pop() ?? '').slice(-4096);
    const out: RecorderLine[] = [];
    for (const raw of lines) {
      const line = raw.trim();
      const seg = SEGMENT.exec(line);
      if (seg) {
        out.push({
          kind: 'segment',
          file: seg[1]!,
          relStartS: Number(seg[2]),
          relEndS: Number(seg[3]),
        });
        continue;
      }
      if (line.startsWith('out_time_us=')) {
        const us = Number(line.slice('out_time_us='.length));
        if (Number.isFinite(us)) out.push({ kind: 'progress', outTimeUs: us });
      }
    }
    return out;
  }
}
