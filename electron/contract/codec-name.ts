// A codec as officers name it: ffprobe says "hevc", the camera's menu and the officer say "H.265".
const NAMES: Record<string, string> = {
  h264: 'H.264',
  avc: 'H.264',
  avc1: 'H.264',
  hevc: 'H.265',
  h265: 'H.265',
  hvc1: 'H.265',
  hev1: 'H.265',
  mpeg1video: 'MPEG-1',
};

export function codecName(codec: string): string {
  return NAMES[codec.trim().toLowerCase()] ?? codec.toUpperCase();
}
