// The offline alarm and its acknowledgement, end to end against the real rig: a
// camera goes down → the alarm rings → the officer says "Đã biết" → it stays
// silent while that outage lasts (a reload too: the acknowledgement is main's) →
// the camera comes back and drops again → it rings again; the audit log names the
// officer who acknowledged.
import type { Page } from '@playwright/test';
import { E2E_ADMIN, expect, test, wardCameras } from './fixtures';

test.use({ rigOptions: wardCameras({ h264: ['cam2'] }) });

const ringing = (page: Page) => page.getByTestId('camera-alarm-sound');

test('an offline alarm is acknowledged once and rings again only on a new outage', async ({
  page,
  rig,
  station,
}) => {
  test.setTimeout(180_000);
  const cam = await station.api.cameras.add({ name: 'Cổng UBND phường', mainUrl: rig.url('cam2') });
  await station.open(page);
  await page.getByTestId('layout-1').click();
  const tile = page.getByTestId('tile-0');
  await expect(tile).toHaveAttribute('data-camera-id', cam.id);
  await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect(ringing(page)).toHaveAttribute('data-alarm', 'off');

  // Down: within the offline budget (10 s) plus the alarm's grace (10 s), with margin.
  await rig.stop();
  const item = page.getByTestId('camera-alarm-item');
  await expect(item).toHaveAttribute('data-camera-id', cam.id, { timeout: 40_000 });
  await expect(item).toContainText('Cổng UBND phường mất kết nối từ');
  await expect(ringing(page)).toHaveAttribute('data-alarm', 'playing');
  await page.screenshot({ path: 'e2e/artifacts/camera-alarm.png' });
  const [first] = await station.api.outages.open();
  expect(first).toMatchObject({ cameraId: cam.id, endedAt: null, acknowledged: null });

  await item.getByTestId('camera-alarm-ack').click();
  await expect(page.getByTestId('camera-alarm')).toHaveCount(0);
  await expect(ringing(page)).toHaveAttribute('data-alarm', 'off');

  // Silent for as long as the same outage lasts: longer than the 20 s an alarm used to
  // repeat after, and across a reload (the acknowledgement lives in main).
  const silentUntil = Date.now() + 25_000;
  await page.reload();
  await expect(page.getByTestId('tile-0')).toHaveAttribute('data-camera-id', cam.id, {
    timeout: 20_000,
  });
  while (Date.now() < silentUntil) {
    await expect(ringing(page)).toHaveAttribute('data-ringing', '0');
    await expect(page.getByTestId('camera-alarm')).toHaveCount(0);
    await page.waitForTimeout(1000);
  }
  await expect(page.getByTestId('tile-0')).not.toHaveAttribute('data-state', 'live');
  const stillOpen = await station.api.outages.open();
  expect(stillOpen.find((o) => o.id === first!.id)).toMatchObject({
    endedAt: null,
    acknowledged: { officerName: E2E_ADMIN.fullName },
  });

  // Back: the outage closes. Down again: a new outage, and the alarm rings again.
  await rig.restart();
  await expect(page.getByTestId('tile-0')).toHaveAttribute('data-state', 'live', {
    timeout: 30_000,
  });
  await expect
    .poll(async () => (await station.api.cameras.outages({ cameraId: cam.id }))[0]?.endedAt, {
      timeout: 15_000,
    })
    .not.toBeNull();
  await rig.stop();
  await expect(page.getByTestId('camera-alarm-item')).toHaveAttribute('data-camera-id', cam.id, {
    timeout: 40_000,
  });
  await expect(ringing(page)).toHaveAttribute('data-alarm', 'playing');
  const second = (await station.api.outages.open()).find((o) => o.cameraId === cam.id);
  expect(second?.id).not.toBe(first!.id);
  expect(second?.acknowledged).toBeNull();

  // The audit log: one acknowledgement, by the signed-in officer, in Vietnamese.
  const audit = await station.api.audit.list({ action: 'outage.acknowledged', limit: 10 });
  expect(audit.items).toHaveLength(1);
  expect(audit.items[0]).toMatchObject({ officerName: E2E_ADMIN.fullName, subject: cam.id });
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-audit').click();
  const row = page.locator('[data-testid="audit-row"][data-action="outage.acknowledged"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Xác nhận đã biết camera mất kết nối');
  await expect(row).toContainText(E2E_ADMIN.fullName);
  await expect(row).toContainText('Cổng UBND phường');
});
