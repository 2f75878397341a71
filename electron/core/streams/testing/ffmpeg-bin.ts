// The ffmpeg and ffprobe the core's tests run: $FFMPEG_PATH and $FFPROBE_PATH when
// set (`npm run test:ffmpeg41` points them at the npm registry's 4.1 build), else
// Debian's 5.1.
export const TEST_FFMPEG = process.env.FFMPEG_PATH || '/usr/bin/ffmpeg';
export const TEST_FFPROBE = process.env.FFPROBE_PATH || '/usr/bin/ffprobe';
