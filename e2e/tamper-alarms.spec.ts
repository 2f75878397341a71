// Picture alarms end to end against the built station and the rig's tamper mount (ward
// shape: 12.5 fps, GOP 4 s): the picture goes black, freezes, is covered and is turned,
// and each raises its alarm within 10 s of the rig's ack and clears within 10 s of the
// picture coming back, in the station's log (alarm.open) and on screen (the tile's
// tamper-badge-<kind>, the ringing alarm-card); "Đã biết" acknowledges (audited) and the
// alarms are marked on the playback timeline.
import type { PictureAlarmKind } from '../electron/contract/camera-alarms';
import { E2E_ADMIN, expect, test, wardCameras } from './fixtures';
import { D1 } from './rig/rig';

test.use({ rigOptions: wardCameras({ tamper: ['t1'], tamperSize: D1 }) });

const LIMIT_MS = 10_000;

test('each picture fault raises its alarm within 10 s and clears within 10 s', async ({
  page,
  rig,
  station,
}) => {
  test.setTimeout(300_000);
  const cam = await station.api.cameras.add({
    name: 'Ngã tư Phố Huế',
    mainUrl: rig.url('t1'),
    subUrl: rig.url('t1_sub'),
  });
  // The detector runs once the camera is up, and learns its reference from the normal picture.
  await expect
    .poll(
      async () => {
        const s = (await station.api.tamper.states()).find((x) => x.cameraId === cam.id);
        return s?.running === true && s.references.length > 0;
      },
      { timeout: 90_000, intervals: [1000] },
    )
    .toBe(true);
  expect(await station.api.alarms.open()).toEqual([]);
  await station.open(page);
  await page.getByTestId('layout-1').click();
  const tile = page.getByTestId('tile-0');
  await expect(tile).toHaveAttribute('data-camera-id', cam.id);

  const openKinds = async () =>
    (await station.api.alarms.open()).filter((a) => a.cameraId === cam.id).map((a) => a.kind);
  const timings: string[] = [];
  for (const kind of ['black', 'frozen', 'covered', 'scene'] as PictureAlarmKind[]) {
    const badge = tile.getByTestId(`tamper-badge-${kind}`);
    const card = page.locator(`[data-testid="alarm-card"][data-kind="${kind}"]`);
    await rig.tamper('t1', kind);
    const acked = Date.now();
    // Each clock runs from the ack: the limit is what is left of 10 s when a check starts.
    const left = () => ({ timeout: Math.max(1, LIMIT_MS - (Date.now() - acked)) });
    await expect.poll(openKinds, { ...left(), intervals: [250] }).toEqual([kind]);
    const raisedMs = Date.now() - acked;
    await expect(badge).toBeVisible(left());
    const badgeMs = Date.now() - acked;
    await expect(card).toContainText(cam.name, left());
    const cardMs = Date.now() - acked;
    if (kind === 'black') {
      await card.getByTestId('alarm-ack').click();
      await expect(card).toHaveCount(0);
      const [alarm] = await station.api.alarms.open();
      expect(alarm!.acknowledged?.officerName).toBe(E2E_ADMIN.fullName);
    }
    await rig.tamper('t1', 'normal');
    const recovered = Date.now();
    const since = () => ({ timeout: Math.max(1, LIMIT_MS - (Date.now() - recovered)) });
    await expect.poll(openKinds, { ...since(), intervals: [250] }).toEqual([]);
    const clearedMs = Date.now() - recovered;
    await expect(badge).toHaveCount(0, since());
    const badgeGoneMs = Date.now() - recovered;
    timings.push(
      `${kind} raised ${raisedMs} ms (badge ${badgeMs}, card ${cardMs}) / cleared ${clearedMs} ms (badge ${badgeGoneMs})`,
    );
    // The next fault starts from a settled picture (two good keyframes).
    await new Promise((r) => setTimeout(r, 8000));
  }
  console.log(`picture alarms from the rig's ack (D1, GOP 4 s): ${timings.join('; ')}`);

  // The log: four alarms, each closed, in the order they came.
  const log = await station.api.alarms.list({ cameraId: cam.id });
  expect(log.map((a) => [a.kind, a.source, a.endedAt !== null]).reverse()).toEqual([
    ['black', 'detector', true],
    ['frozen', 'detector', true],
    ['covered', 'detector', true],
    ['scene', 'detector', true],
  ]);
  const audit = await station.api.audit.list({ action: 'alarm.acknowledged', limit: 10 });
  expect(audit.items).toHaveLength(1);
  expect(audit.items[0]).toMatchObject({ subject: cam.id, officerName: E2E_ADMIN.fullName });

  // Marked on the playback timeline.
  const first = log[log.length - 1]!;
  const timeline = await station.api.playback.timeline({
    cameraIds: [cam.id],
    fromMs: first.startedAt - 60_000,
    toMs: Date.now(),
    buckets: 100,
  });
  expect(timeline.cameras[0]!.alarms.map((a) => a.kind)).toEqual([
    'black',
    'frozen',
    'covered',
    'scene',
  ]);
});
