// No false picture alarms on busy, normal scenes: four cameras with moving objects and
// sensor-like noise watched for 10 minutes. Run with `npm run test:soak` (STATION_SOAK=1);
// kept out of the default run (e2e/playwright.config.ts).
import { expect, test, wardCameras } from './fixtures';

const MOUNTS = ['b1', 'b2', 'b3', 'b4'];
const SOAK_SECONDS = Number(process.env.STATION_SOAK_SECONDS ?? 600);

test.use({ rigOptions: wardCameras({ busy: MOUNTS }) });

test('@soak busy scenes raise no picture alarm for 10 minutes', async ({ rig, station }) => {
  test.setTimeout((SOAK_SECONDS + 240) * 1000);
  const ids: string[] = [];
  for (const [i, mount] of MOUNTS.entries()) {
    const cam = await station.api.cameras.add({
      name: `Đường ${i + 1}`,
      mainUrl: rig.url(mount),
      subUrl: rig.url(`${mount}_sub`),
    });
    ids.push(cam.id);
  }
  await expect
    .poll(
      async () =>
        (await station.api.tamper.states()).filter((s) => s.running && s.references.length > 0)
          .length,
      { timeout: 120_000, intervals: [2000] },
    )
    .toBe(MOUNTS.length);
  const from = Date.now();
  await new Promise((r) => setTimeout(r, SOAK_SECONDS * 1000));
  const states = await station.api.tamper.states();
  const alarms = (await station.api.alarms.list({ fromMs: from, limit: 1000 })).filter((a) =>
    ids.includes(a.cameraId),
  );
  console.log(`false alarms: ${alarms.length} (cameras ${ids.length}, ${SOAK_SECONDS} s)`);
  for (const a of alarms) console.log(`  ${a.cameraId} ${a.kind} ${JSON.stringify(a.detail)}`);
  // The detectors really ran the whole time.
  expect(
    states.filter(
      (s) => s.running && s.lastFrameAt !== null && s.lastFrameAt > Date.now() - 15_000,
    ),
  ).toHaveLength(MOUNTS.length);
  expect(alarms).toEqual([]);
});
