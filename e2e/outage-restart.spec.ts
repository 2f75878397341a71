// A station restart (an update, a reboot) is not a new outage: a camera still down
// afterwards keeps its outage — the same row, so the officer's "Đã biết" stands and
// the alarm stays silent — and a camera that came back while the station was off has
// its outage closed when the station starts again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_ADMIN, expect, startStation, test, wardCameras } from './fixtures';

test.use({ rigOptions: wardCameras({ h264: ['cam2'] }) });

test('an acknowledged outage outlives a restart while its camera stays down', async ({ rig }) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'station-outage-restart-'));
  let run = await startStation('off', { dataDir });
  try {
    const cam = await run.station.api.cameras.add({
      name: 'Cổng UBND phường',
      mainUrl: rig.url('cam2'),
    });
    const openOf = async () =>
      (await run.station.api.outages.open()).filter((o) => o.cameraId === cam.id);
    await rig.stop();
    await expect.poll(async () => (await openOf()).length, { timeout: 40_000 }).toBe(1);
    const [outage] = await openOf();
    await run.station.api.outages.acknowledge({ id: outage!.id });

    // A clean stop and a new service on the same folder, the camera still down.
    const restart = async () => {
      await run.stop();
      run = await startStation('off', { dataDir, account: 'none' });
      const admin = (await run.station.api.auth.state()).officers[0]!;
      await run.station.api.auth.signIn({ officerId: admin.id, password: E2E_ADMIN.password });
    };
    await restart();
    // Its watcher's first report since the start: down.
    await expect
      .poll(
        async () =>
          (await run.station.api.cameras.healths()).find((h) => h.cameraId === cam.id)?.reachable,
        { timeout: 40_000 },
      )
      .toBe('down');
    expect(await openOf()).toEqual([
      expect.objectContaining({
        id: outage!.id,
        endedAt: null,
        acknowledged: expect.objectContaining({ officerName: E2E_ADMIN.fullName }),
      }),
    ]);
    expect(await run.station.api.cameras.outages({ cameraId: cam.id })).toHaveLength(1);

    // Back while the station is off: its outage closes at the next start.
    await rig.restart();
    const startedFrom = Date.now();
    await restart();
    const startedBy = Date.now();
    await expect
      .poll(async () => (await run.station.api.cameras.outages({ cameraId: cam.id }))[0]?.endedAt, {
        timeout: 40_000,
      })
      .not.toBeNull();
    const outages = await run.station.api.cameras.outages({ cameraId: cam.id });
    expect(outages).toHaveLength(1);
    expect(outages[0]!.id).toBe(outage!.id);
    expect(outages[0]!.endedAt).toBeGreaterThanOrEqual(startedFrom);
    expect(outages[0]!.endedAt).toBeLessThanOrEqual(startedBy);
  } finally {
    await run.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
