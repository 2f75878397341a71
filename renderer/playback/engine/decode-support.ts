// Whether this renderer can really decode a recorded codec through Media Source:
// MediaSource.isTypeSupported says the demuxer knows the type; MediaCapabilities
// says whether a decoder is there (Chromium without an HEVC decoder answers
// "not supported" to both for hvc1). No user-agent sniffing.

const answers = new Map<string, Promise<boolean>>();

export function canDecode(codec: string): Promise<boolean> {
  let answer = answers.get(codec);
  if (!answer) {
    answer = ask(codec);
    answers.set(codec, answer);
  }
  return answer;
}

async function ask(codec: string): Promise<boolean> {
  const contentType = `video/mp4; codecs="${codec}"`;
  if (typeof MediaSource === 'undefined' || !MediaSource.isTypeSupported(contentType)) return false;
  const caps = typeof navigator === 'undefined' ? undefined : navigator.mediaCapabilities;
  if (!caps?.decodingInfo) return true;
  try {
    // A typical recorded main stream; the answer is about the codec, not these numbers.
    const info = await caps.decodingInfo({
      type: 'media-source',
      video: { contentType, width: 1280, height: 720, bitrate: 2_000_000, framerate: 25 },
    });
    return info.supported;
  } catch {
    return true; // the type was accepted above; an unparsable query is not a "no"
  }
}
