// Recording, end to end: the real renderer in Debian's Chromium, the real core
// recording real H.264 from the RTSP rig to disk, the index in SQLite.
// The `segmentSeconds: 2` fixture option makes segments close quickly (production: 60 s).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, wardCameras } from './fixtures';

const ARTIFACTS = 'e2e/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

test.describe('continuous recording', () => {
  test.use({ rigOptions: wardCameras({ h264: ['cam1', 'cam2'] }), segmentSeconds: 2 });

  test('REC mark, storage panel with footage, and a dropped camera shows why and leaves a gap', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(90_000);
    const cam = await station.api.cameras.add({
      name: 'Ngã tư Lê Lợi',
      location: 'Ngã tư Lê Lợi – Trần Hưng Đạo',
      group: 'TDP 3',
      mainUrl: rig.url('cam1'),
    });
    const cam2 = await station.api.cameras.add({
      name: 'Cổng chợ Bến Thành',
      location: 'Cửa Nam',
      group: 'TDP 1',
      mainUrl: rig.url('cam2'),
    });
    await station.open(page);
    await page.getByTestId('layout-4').click();
    const tile = page.getByTestId('tile-0');
    await expect(tile).toHaveAttribute('data-camera-id', cam.id);

    // Real cameras record by default: the REC mark appears on their tiles.
    const rec = tile.getByTestId('tile-rec');
    await expect(rec).toHaveAttribute('data-recording', 'true', { timeout: 20_000 });
    await expect(rec).toContainText('REC');
    await expect(rec).toHaveAttribute('title', 'Đang ghi hình');
    await expect(page.getByTestId('tile-1').getByTestId('tile-rec')).toHaveAttribute(
      'data-recording',
      'true',
      { timeout: 20_000 },
    );
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}/grid-rec.png` });

    // The storage panel: footage bytes appear once a segment has closed and been indexed.
    await page.getByTestId('open-storage').click();
    const panel = page.getByTestId('storage-panel');
    await expect(panel).toBeVisible();
    const row = panel.getByTestId(`storage-camera-${cam.id}`);
    await expect
      .poll(async () => Number((await row.getAttribute('data-bytes')) ?? '0'), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect(panel.getByTestId(`storage-rec-toggle-${cam.id}`)).toBeChecked();
    await expect(panel.getByTestId(`storage-stream-${cam.id}`)).toHaveValue('main');
    await expect(panel.getByTestId(`storage-status-${cam2.id}`)).toContainText('Đang ghi hình');
    await expect(panel.getByTestId('storage-free')).toContainText('Còn trống');
    await expect(
      panel.getByTestId('storage-event').filter({ hasText: 'Bắt đầu ghi hình' }).first(),
    ).toBeVisible();
    await panel.getByTestId('dialog-close').click();

    // The camera drops: not recording, with the reason; a gap opens in the event log.
    await rig.stop();
    await expect(rec).toHaveAttribute('data-recording', 'false', { timeout: 15_000 });
    await expect(rec).toHaveAttribute('data-reason', 'camera_offline');
    await expect(rec).toHaveAttribute('title', 'Không ghi hình: camera mất kết nối');
    await page.getByTestId('open-storage').click();
    const opened = panel.locator(
      `[data-testid="storage-event"][data-kind="gap_opened"][data-camera-id="${cam.id}"]`,
    );
    await expect(opened.first()).toContainText('camera mất kết nối', { timeout: 10_000 });
    await expect(panel.getByTestId(`storage-status-${cam.id}`)).toHaveAttribute(
      'data-reason',
      'camera_offline',
    );

    // It comes back by itself; the gap is closed with its length and reason. The recorder
    // is back ≤ 2 s after the camera (no grown backoff); the first segment then closes at
    // the second keyframe (4 s GOP) and is filed: 20 s leaves room for 2 loaded cores.
    await rig.restart();
    const closed = panel.locator(
      `[data-testid="storage-event"][data-kind="gap_closed"][data-camera-id="${cam.id}"]`,
    );
    await expect(closed.first()).toContainText('camera mất kết nối', { timeout: 20_000 });
    await expect(panel.getByTestId(`storage-status-${cam.id}`)).toContainText('Đang ghi hình');
    await page.screenshot({ path: `${ARTIFACTS}/storage-panel.png` });
    const gaps = await station.api.recordings.timeline({
      cameraId: cam.id,
      from: Date.now() - 10 * 60_000,
      to: Date.now(),
    });
    expect(gaps.gaps.some((g) => g.reason === 'camera_offline' && g.endMs !== null)).toBe(true);
    await panel.getByTestId('dialog-close').click();
    await expect(rec).toHaveAttribute('data-recording', 'true', { timeout: 15_000 });
  });
});

test.describe('storage alarm', () => {
  test.use({ rigOptions: wardCameras({ h264: ['cam1'] }) });

  test('an unusable storage folder raises a banner saying what to do, and clears by itself', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(90_000);
    const cam = await station.api.cameras.add({ name: 'Cổng trụ sở', mainUrl: rig.url('cam1') });
    await station.open(page);
    const rec = page.getByTestId('tile-0').getByTestId('tile-rec');
    await expect(rec).toHaveAttribute('data-recording', 'true', { timeout: 20_000 });

    // The disk "goes away": the storage folder is replaced by a plain file.
    const storage = path.join(station.dataDir, 'recordings');
    const moved = `${storage}.unplugged`;
    renameSync(storage, moved);
    writeFileSync(storage, 'not a folder');
    const banner = page.getByTestId('storage-alarm');
    // The health check probes the folder every 10 s.
    await expect(banner).toBeVisible({ timeout: 25_000 });
    await expect(banner).toHaveAttribute('data-kind', 'unwritable');
    await expect(banner).toContainText('KHÔNG được ghi hình');
    await expect(banner).toContainText('Kiểm tra ổ cứng');
    await expect(rec).toHaveAttribute('data-reason', 'disk_error', { timeout: 10_000 });
    await expect(rec).toHaveAttribute('title', 'Không ghi hình: lỗi ổ cứng');
    await expect(page.getByTestId('open-storage')).toHaveAttribute('data-alarm', 'unwritable');
    await page.screenshot({ path: `${ARTIFACTS}/storage-alarm.png` });

    // The disk is back: the alarm clears and recording resumes without any action.
    rmSync(storage);
    renameSync(moved, storage);
    await expect(banner).toHaveCount(0, { timeout: 25_000 });
    await expect(rec).toHaveAttribute('data-recording', 'true', { timeout: 20_000 });
    const events = await station.api.storage.events({ limit: 50 });
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['disk_alarm', 'disk_ok']));
    const timeline = await station.api.recordings.timeline({
      cameraId: cam.id,
      from: Date.now() - 10 * 60_000,
      to: Date.now(),
    });
    expect(timeline.gaps.some((g) => g.reason === 'disk_error')).toBe(true);
  });
});

test.describe('storage folder', () => {
  test.use({ rigOptions: wardCameras({ h264: ['cam1'] }), segmentSeconds: 2 });

  test('the officer moves recording to another folder; old footage stays listed', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(60_000);
    const cam = await station.api.cameras.add({ name: 'Cổng trụ sở', mainUrl: rig.url('cam1') });
    await station.open(page);
    await page.getByTestId('open-storage').click();
    const panel = page.getByTestId('storage-panel');
    const oldRoot = path.join(station.dataDir, 'recordings');
    await expect(panel.getByTestId('storage-folder')).toHaveText(oldRoot);
    const row = panel.getByTestId(`storage-camera-${cam.id}`);
    await expect
      .poll(async () => Number((await row.getAttribute('data-bytes')) ?? '0'), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);

    const field = panel.getByTestId('storage-folder-input');
    await field.fill('ghi-hinh');
    await panel.getByTestId('storage-folder-change').click();
    await panel.getByTestId('storage-folder-confirm').click();
    await expect(panel.getByTestId('storage-folder-error')).toContainText('Cần đường dẫn đầy đủ');
    await expect(panel.getByTestId('storage-folder')).toHaveText(oldRoot);

    // A typo'd or unplugged drive: only one new folder level is created, and it says so.
    const newRoot = path.join(station.dataDir, 'o-dia-2', 'ghi-hinh');
    await field.fill(newRoot);
    await panel.getByTestId('storage-folder-change').click();
    await panel.getByTestId('storage-folder-confirm').click();
    await expect(panel.getByTestId('storage-folder-error')).toContainText('Thư mục cha chưa có');
    await expect(panel.getByTestId('storage-folder')).toHaveText(oldRoot);
    // The second disk is mounted: its folder for footage is created.
    mkdirSync(path.join(station.dataDir, 'o-dia-2'));
    await field.fill(newRoot);
    await panel.getByTestId('storage-folder-change').click();
    await expect(panel.getByTestId('storage-folder-confirm-box')).toContainText(
      'Hình đã ghi vẫn nằm nguyên ở thư mục cũ',
    );
    await panel.getByTestId('storage-folder-confirm').click();
    await expect(panel.getByTestId('storage-folder')).toHaveText(newRoot, { timeout: 15_000 });
    await expect(panel.getByTestId('storage-folder-error')).toHaveCount(0);
    await expect(panel.getByTestId('storage-root').filter({ hasText: oldRoot })).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/storage-folder.png` });
    expect((await station.api.storage.settings()).storageDir).toBe(newRoot);

    // Moving back needs no typing: the folder used before is offered, with its free space.
    const back = panel
      .getByTestId('storage-folder-choice')
      .and(panel.locator(`[data-path="${oldRoot}"]`));
    await expect(back).toHaveAttribute('data-kind', 'previous');
    await expect(back).toContainText(/Còn trống [\d,.]+ [KMGT]?B/);
    await back.click();
    await expect(field).toHaveValue(oldRoot);
    await expect(back).toHaveAttribute('aria-checked', 'true');
    await panel.getByTestId('storage-folder-change').click();
    await panel.getByTestId('storage-folder-confirm').click();
    await expect(panel.getByTestId('storage-folder')).toHaveText(oldRoot, { timeout: 15_000 });
    expect((await station.api.storage.settings()).storageDir).toBe(oldRoot);
  });
});
