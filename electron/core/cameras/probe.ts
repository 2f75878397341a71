// "Test connection": ffprobe the stream and report codec, size and frame rate,
// or a classified error the renderer turns into a message saying what to check.
import type { ProbeResult } from '../../contract/schemas';
import { rtspSocketTimeoutArgs } from '../streams/ffmpeg-dialect';
import { ffmpegVersionOf, type FfmpegVersion } from '../streams/ffmpeg-version';
import { hasExited, killTree, spawnTree } from '../streams/process-tree';
import type { StreamInput } from '../streams/types';
import { classifyStreamError, redactCredentials } from './stream-error-classifier';

export interface ProbeOptions {
  ffprobePath: string;
  input: StreamInput;
  /** Hard limit; ffprobe is killed after it. */
  timeoutMs: number;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  level?: number;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
}

const MAX_OUTPUT = 1024 * 1024;

function parseRate(rate: string | undefined): number | null {
  if (!rate) return null;
  const [n, d] = rate.split('/').map(Number);
  if (!n || !Number.isFinite(n)) return null;
  const value = d ? n / d : n;
  return Number.isFinite(value) && value > 0 && value < 1000 ? Math.round(value * 100) / 100 : null;
}

const H264_PROFILES: Record<string, number> = {
  Baseline: 0x42,
  'Constrained Baseline': 0x42,
  Main: 0x4d,
  Extended: 0x58,
  High: 0x64,
};

/**
 * MSE codec string from what ffprobe reports. The constraint byte of H.264 is not in
 * ffprobe's output, so it is inferred (0x40 for constrained baseline, else 0); the
 * live fMP4 init segment carries the exact string.
 */
export function codecStringFromProbe(s: FfprobeStream): string | null {
  if (s.codec_name === 'h264' && s.profile && typeof s.level === 'number' && s.level > 0) {
    const profile = H264_PROFILES[s.profile];
    if (profile === undefined) return null;
    const constraints = s.profile === 'Constrained Baseline' ? 0x40 : 0;
    const hex = (n: number) => n.toString(16).padStart(2, '0');
    return `avc1.${hex(profile)}${hex(constraints)}${hex(s.level)}`;
  }
  if (s.codec_name === 'hevc' && typeof s.level === 'number' && s.level > 0) {
    const profile = s.profile === 'Main 10' ? 2 : s.profile === 'Main' ? 1 : null;
    if (profile === null) return null;
    // Main → compatibility 0x6 (Main and Main 10 bits), Main 10 → 0x4; main tier assumed.
    return `hvc1.${profile}.${profile === 1 ? 6 : 4}.L${s.level}.B0`;
  }
  return null;
}

export function probeInputArgs(
  input: StreamInput,
  timeoutMs: number,
  version?: FfmpegVersion,
): string[] {
  if (input.kind === 'demo') return ['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25'];
  // ffprobe's socket timeout (µs) a little under our hard limit, so it reports why it failed.
  const socketTimeoutUs = Math.max(1000, Math.floor(timeoutMs * 0.8)) * 1000;
  return [
    '-rtsp_transport',
    'tcp',
    ...rtspSocketTimeoutArgs(socketTimeoutUs, version),
    '-i',
    input.url,
  ];
}

export async function probeStream(opts: ProbeOptions): Promise<ProbeResult> {
  // The Windows package pairs a 4.1 ffmpeg with a newer ffprobe: ask ffprobe itself.
  const version = await ffmpegVersionOf(opts.ffprobePath);
  const args = [
    '-hide_banner',
    '-v',
    'error',
    ...probeInputArgs(opts.input, opts.timeoutMs, version),
    '-select_streams',
    'v:0',
    '-show_streams',
    '-of',
    'json',
  ];
  const started = Date.now();
  return new Promise<ProbeResult>((resolve) => {
    let child;
    try {
      child = spawnTree(opts.ffprobePath, args);
    } catch {
      resolve({ ok: false, errorKind: 'ffmpeg_missing', detail: '' });
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (c: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += c.toString('utf8');
    });
    child.stderr?.on('data', (c: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      if (!hasExited(child)) killTree(child);
    }, opts.timeoutMs);
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({
        ok: false,
        errorKind: err.code === 'ENOENT' ? 'ffmpeg_missing' : 'unknown',
        detail: '',
      });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const detail = redactCredentials(stderr.trim()).slice(-500);
      if (timedOut) {
        resolve({ ok: false, errorKind: 'timeout', detail });
        return;
      }
      if (code === 0) {
        try {
          const streams = (JSON.parse(stdout) as { streams?: FfprobeStream[] }).streams ?? [];
          const video = streams.find((s) => s.codec_type === 'video') ?? streams[0];
          if (video?.codec_name && video.width && video.height) {
            resolve({
              ok: true,
              codec: video.codec_name,
              codecString: codecStringFromProbe(video),
              width: video.width,
              height: video.height,
              fps: parseRate(video.avg_frame_rate) ?? parseRate(video.r_frame_rate),
            });
            return;
          }
          resolve({ ok: false, errorKind: 'bad_stream', detail });
          return;
        } catch {
          resolve({ ok: false, errorKind: 'bad_stream', detail });
          return;
        }
      }
      let kind = classifyStreamError(stderr);
      // ffmpeg 5.1 reports an RTSP server that never answers as "Invalid data found";
      // when that happens at the socket timeout it was a timeout, not a bad stream.
      if (kind === 'bad_stream' && Date.now() - started >= opts.timeoutMs * 0.75) kind = 'timeout';
      resolve({ ok: false, errorKind: kind, detail });
    });
  });
}
