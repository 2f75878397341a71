// A recording "app" in its own process, so a test can kill -9 the whole thing
// (node and its ffmpeg children) the way a power cut or a crash would.
// Usage: tsx record-child.ts <db> <storage> <segmentSeconds> <rtspBase> <camera>...
// Prints one JSON line {"ready":true,"pids":[...]} once every camera records.
import { RecordingService } from '../recording-service';
import { collectingEmit, FFMPEG, openRecordingDb, waitFor } from './recording-test-kit';

const [dbFile, storageDir, segmentSeconds, rtspBase, ...cameras] = process.argv.slice(2);
if (!dbFile || !storageDir || !segmentSeconds || !rtspBase || cameras.length === 0) {
  process.stderr.write(
    'usage: record-child <db> <storage> <segmentSeconds> <rtspBase> <camera>...\n',
  );
  process.exit(2);
}

const db = await openRecordingDb(dbFile);
const svc = new RecordingService({
  db,
  storageDir,
  ffmpegPath: FFMPEG,
  resolveInput: async (cameraId) => ({
    kind: 'rtsp',
    url: `${rtspBase}/${cameraId}`,
    safeLabel: cameraId,
  }),
  emit: collectingEmit().emit,
  segmentSeconds: Number(segmentSeconds),
  quota: { reserveBytes: 0 },
});
await svc.start();
await svc.syncCameras(cameras);
await waitFor('recording', () => cameras.every((c) => svc.status(c).recording), 20_000);
process.stdout.write(`${JSON.stringify({ ready: true, pids: svc.recorderPids() })}\n`);
// Runs until killed.
setInterval(() => undefined, 60_000);
