// ffmpeg arguments that turn one recorded segment into H.264 fragmented MP4 for
// a renderer without an HEVC decoder, from the keyframe at or before a point.
import { passthroughTimingArgs } from '../streams/ffmpeg-dialect';
import type { FfmpegVersion } from '../streams/ffmpeg-version';
import { X264_LOW_LATENCY } from '../streams/live-args';

/** Output keyframe interval: a seek inside transcoded media never decodes more than this. */
export const TRANSCODE_GOP_SEC = 1;

export interface TranscodeArgsInput {
  /** Absolute path of the indexed segment file. */
  file: string;
  /** Where to start, seconds after the file's first timestamp. */
  fromSec: number;
  /** The ffmpeg that runs these args (default: the tested 5.1). */
  version?: FfmpegVersion;
}

export function transcodeArgs({ file, fromSec, version }: TranscodeArgsInput): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    // Input seek without accurate_seek: decoding starts at the keyframe at or before
    // `fromSec` and every frame from there is kept, so the first picture is that keyframe.
    '-noaccurate_seek',
    '-ss',
    fromSec.toFixed(3),
    // The file's own timestamps all the way through: the renderer places the output with
    // the same timestampOffset as the recorded segment (time-map.ts).
    '-copyts',
    '-i',
    file,
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    ...X264_LOW_LATENCY,
    // A keyframe every second of media whatever the camera's frame rate, no scene cuts.
    '-force_key_frames',
    // Measured from the last forced keyframe: with -copyts `t` starts far from 0.
    `expr:if(isnan(prev_forced_t),1,gte(t-prev_forced_t,${TRANSCODE_GOP_SEC - 0.001}))`,
    '-sc_threshold',
    '0',
    // Same frames at the same times as recorded (cameras' timestamps jitter).
    ...passthroughTimingArgs(version),
    // ...in the source's time base, not rounded to a nominal frame rate's.
    '-enc_time_base:v',
    '-1',
    '-f',
    'mp4',
    // Fragments as they are encoded. frag_discont with no edit list and no shift to zero
    // is what makes the mp4 muxer write the source's times into tfdt (it zeroes them otherwise).
    '-movflags',
    '+frag_keyframe+empty_moov+default_base_moof+frag_discont',
    '-use_editlist',
    '0',
    '-avoid_negative_ts',
    'disabled',
    '-flush_packets',
    '1',
    'pipe:1',
  ];
}
