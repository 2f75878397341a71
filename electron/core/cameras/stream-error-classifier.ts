// Turns ffmpeg/ffprobe stderr into the StreamErrorKind the officer sees.
// Patterns are the exact messages ffmpeg 5.1 prints against the RTSP test rig
// (see stream-error-classifier.test.ts); order matters: the first match wins.
import type { StreamErrorKind } from '../../contract/schemas';

const RULES: ReadonlyArray<readonly [StreamErrorKind, RegExp]> = [
  ['auth', /\b401 Unauthorized\b|authorization failed/i],
  ['not_found', /\b404 Not Found\b|\b454 Session Not Found\b|Stream not found/i],
  [
    'unreachable',
    /Connection refused|No route to host|Network is unreachable|Name or service not known|Failed to resolve hostname|Temporary failure in name resolution/i,
  ],
  ['timeout', /Connection timed out|\bETIMEDOUT\b|\b408 Request Timeout\b/i],
  [
    'unsupported_codec',
    /codec not currently supported in container|Could not find tag for codec|Decoder \(codec [^)]*\) not found|Unsupported codec|unknown codec/i,
  ],
  ['bad_stream', /Invalid data found when processing input/i],
];

export function classifyStreamError(stderr: string): StreamErrorKind {
  for (const [kind, pattern] of RULES) {
    if (pattern.test(stderr)) return kind;
  }
  return 'unknown';
}

/** Removes user:password@ from any URL in a line, so stderr can be kept and logged. */
export function redactCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi, '$1***@');
}
