// ffmpeg command lines for live view: RTSP copy-remux to fragmented MP4, the
// MPEG-1 fallback for JSMpeg, and the built-in demo cameras.
import { existsSync } from 'node:fs';
import { STATION_UTC_OFFSET_MINUTES } from '../../contract/station-time';
import { rtspSocketTimeoutArgs } from './ffmpeg-dialect';
import type { FfmpegVersion } from './ffmpeg-version';
import type { LiveFormat, StreamInput } from './types';

/** Flags every supervised ffmpeg gets: quiet, warnings on stderr for the classifier. */
/** H.264 for a viewer that waits: fastest preset, no lookahead, the pixel format every decoder takes. */
export const X264_LOW_LATENCY: readonly string[] = [
  '-c:v',
  'libx264',
  '-preset',
  'ultrafast',
  '-tune',
  'zerolatency',
  '-pix_fmt',
  'yuv420p',
];

export function commonArgs(platform: NodeJS.Platform = process.platform): string[] {
  // On Windows stdin carries the 'q' that stops ffmpeg cleanly; elsewhere SIGINT does.
  return ['-hide_banner', '-loglevel', 'warning', ...(platform === 'win32' ? [] : ['-nostdin'])];
}

/** 5 s socket timeout, in microseconds as ffmpeg's rtsp demuxer wants it. */
export const RTSP_TIMEOUT_US = 5_000_000;

/**
 * A 100 ms probe gives the first fragment ~0.4 s after spawn instead of ~2.3 s
 * (measured, docs/design/live-view.md). No `-fflags nobuffer`: it throws away the packets
 * read while probing, so the first fragment waits for the next keyframe (+1 s).
 * `fullProbe` (1 s) is the retry for cameras whose parameters need a longer look.
 */
export function rtspInputArgs(
  url: string,
  opts: { fullProbe?: boolean; version?: FfmpegVersion } = {},
): string[] {
  return [
    '-rtsp_transport',
    'tcp',
    ...rtspSocketTimeoutArgs(RTSP_TIMEOUT_US, opts.version),
    '-flags',
    'low_delay',
    '-analyzeduration',
    opts.fullProbe ? '1000000' : '100000',
    '-i',
    url,
  ];
}

const FONT_CANDIDATES: Record<string, string[]> = {
  linux: [
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu/DejaVuSans.ttf',
    '/usr/share/fonts/TTF/DejaVuSans.ttf',
  ],
  win32: ['C:/Windows/Fonts/arial.ttf', 'C:/Windows/Fonts/segoeui.ttf'],
  darwin: ['/System/Library/Fonts/Supplemental/Arial.ttf', '/Library/Fonts/Arial.ttf'],
};

export function findSystemFont(platform: NodeJS.Platform = process.platform): string | null {
  return (FONT_CANDIDATES[platform] ?? []).find((f) => existsSync(f)) ?? null;
}

/**
 * Text for drawtext inside a quoted filter option. Two unescaping passes run on it:
 * drawtext's own (`\x` → x; `%` starts an expansion) and the option parser's
 * (`\x` → x; `:` ends the value). A quote cannot be escaped inside '…': use ’.
 */
function drawtextEscape(value: string): string {
  const forDrawtext = value.replace(/\\/g, '\\\\').replace(/%/g, '\\%');
  return forDrawtext.replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/'/g, '\u2019');
}

function fontPathForFilter(font: string): string {
  // A Windows drive colon would end the option; escape it.
  return font.replace(/\\/g, '/').replace(/:/g, '\\:');
}

/**
 * The demo clock shows station time (Asia/Ho_Chi_Minh, UTC+7 all year) whatever the
 * PC's time zone, like the console itself: frame pts (from 0, real time under -re)
 * plus this offset, formatted as UTC.
 */
function stationClockOffsetSec(): number {
  return Math.floor(Date.now() / 1000) + STATION_UTC_OFFSET_MINUTES * 60;
}

// The burned-in name and clock sit mid-picture, clear of the tile's own overlays
// (name top-left, badge top-right, clock bottom-right).
export function demoInputArgs(title: string, index: number, font: string | null): string[] {
  // Different test pattern offsets per camera so tiles differ visibly.
  const src = `testsrc2=size=640x360:rate=25,hue=h=${(index * 47) % 360}`;
  const text = font
    ? `,drawtext=fontfile='${fontPathForFilter(font)}':text='${drawtextEscape(title)}':x=(w-tw)/2:y=h*0.58:fontsize=22:fontcolor=white:box=1:boxcolor=black@0.5,` +
      `drawtext=fontfile='${fontPathForFilter(font)}':text='%{pts\\:gmtime\\:${stationClockOffsetSec()}\\:%H\\\\\\:%M\\\\\\:%S}':x=(w-tw)/2:y=h*0.58+34:fontsize=22:fontcolor=white:box=1:boxcolor=black@0.5`
    : '';
  return [
    '-re',
    '-f',
    'lavfi',
    '-i',
    src + text,
    ...X264_LOW_LATENCY,
    '-profile:v',
    'baseline',
    '-g',
    '25',
    '-b:v',
    '600k',
    '-maxrate',
    '600k',
    '-bufsize',
    '600k',
  ];
}

/**
 * Fragment at each keyframe and at least every 100 ms (frag_duration, µs): with
 * keyframe-only fragments a 1 s GOP holds each picture back ~1 s. Measured hold-back
 * of a fragment's first frame: 1000 ms (keyframe only), 200 ms (200 ms), 112 ms
 * (100 ms), 41 ms (every frame, but 25 WebSocket messages and MSE appends per tile
 * per second). See docs/design/live-view.md.
 */
export const FRAG_DURATION_US = fragDurationFromEnv() ?? 100_000;

/** $STATION_LIVE_FRAG_MS overrides the cap: for `npm run bench:live` comparisons only. */
function fragDurationFromEnv(): number | null {
  const ms = Number(process.env.STATION_LIVE_FRAG_MS);
  return Number.isFinite(ms) && ms >= 20 && ms <= 5000 ? Math.round(ms * 1000) : null;
}

export function fmp4OutputArgs(
  codec: 'h264' | 'hevc' | null,
  copy: boolean,
  fragDurationUs: number = FRAG_DURATION_US,
): string[] {
  return [
    '-an',
    ...(copy ? ['-c:v', 'copy'] : []),
    ...(codec === 'hevc' ? ['-tag:v', 'hvc1'] : []),
    '-f',
    'mp4',
    '-movflags',
    '+frag_keyframe+empty_moov+default_base_moof',
    '-frag_duration',
    String(fragDurationUs),
    '-flush_packets',
    '1',
    'pipe:1',
  ];
}

export function mpeg1OutputArgs(): string[] {
  // node-rtsp-stream's pipeline; MPEG-1 allows 25 or 30 fps, not 15, so force 25.
  return [
    '-an',
    '-f',
    'mpegts',
    '-c:v',
    'mpeg1video',
    '-bf',
    '0',
    '-r',
    '25',
    '-b:v',
    '800k',
    '-flush_packets',
    '1',
    'pipe:1',
  ];
}

export interface LiveArgsOptions {
  input: StreamInput;
  format: LiveFormat;
  /** Codec of the camera when known (from a probe); H.265 needs the hvc1 tag for MSE. */
  codec?: 'h264' | 'hevc' | null;
  font?: string | null;
  platform?: NodeJS.Platform;
  /** Longer input analysis, for a retry after a start that failed. */
  fullProbe?: boolean;
  fragDurationUs?: number;
  /** The ffmpeg that runs these args (default: the tested 5.1). */
  version?: FfmpegVersion;
}

export function buildLiveArgs(o: LiveArgsOptions): string[] {
  const font = o.font === undefined ? findSystemFont(o.platform) : o.font;
  const input =
    o.input.kind === 'rtsp'
      ? rtspInputArgs(o.input.url, {
          fullProbe: o.fullProbe ?? false,
          ...(o.version ? { version: o.version } : {}),
        })
      : demoInputArgs(o.input.title, o.input.index, font);
  const output =
    o.format === 'mpeg1'
      ? mpeg1OutputArgs()
      : // Demo input is already encoded to H.264 by the input args: no copy flag needed.
        fmp4OutputArgs(
          o.input.kind === 'demo' ? 'h264' : (o.codec ?? o.input.codec ?? null),
          o.input.kind === 'rtsp',
          o.fragDurationUs,
        );
  if (o.input.kind === 'demo' && o.format === 'mpeg1') {
    // The demo encodes with libx264 in its input args; for MPEG-1 drop those encoder flags.
    const demo = input.slice(0, input.indexOf('-c:v'));
    return [...commonArgs(o.platform), ...demo, ...output];
  }
  return [...commonArgs(o.platform), ...input, ...output];
}
