// The audit dialog in the officer's words: a sign-in, an incident, its locked
// footage and a camera removed since show labels, names and vi-VN dates, never
// a stored key (supervision, fromMs), a code (theft), a UUID or an epoch number.
import { expect, test } from './fixtures';

/** What a raw key, code, UUID or epoch would look like in the dialog's text. */
const RAW = /\b[a-z]+[A-Z]\w*|\b[a-z]+_[a-z_]+\b|[0-9a-f]{8}-[0-9a-f]{4}|\b\d{10,13}\b|\btheft\b/;

test.describe('audit in words', () => {
  test.use({ rigOptions: { h264: ['cam1'] } });

  test('the commander reads every row as labels and names', async ({ page, rig, station }) => {
    test.setTimeout(90_000);
    const cam = await station.api.cameras.add({ name: 'Cổng sau', mainUrl: rig.url('cam1') });
    const now = Date.now();
    await station.api.incidents.create({
      category: 'theft',
      severity: 'medium',
      location: 'Ngõ 7 Hàng Mã',
      description: 'Mất xe đạp trước cửa hàng',
      occurredAt: now,
      startMs: now - 60_000,
      endMs: now + 60_000,
      cameraIds: [cam.id],
    });
    await station.api.cameras.remove({ id: cam.id });

    await station.open(page);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-audit').click();
    const dialog = page.getByTestId('audit-dialog');
    await expect(dialog).toBeVisible();
    const rows = dialog.getByTestId('audit-row');
    await expect(rows.first()).toBeVisible();

    const created = dialog.locator('[data-testid="audit-row"][data-action="incident.created"]');
    await expect(created).toContainText('Loại vụ việc: Trộm cắp tài sản');
    await expect(created).toContainText('Camera: Cổng sau');
    const locked = dialog.locator('[data-testid="audit-row"][data-action="footage.locked"]');
    await expect(locked).toContainText(/Bắt đầu: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
    const removed = dialog.locator('[data-testid="audit-row"][data-action="camera.removed"]');
    await expect(removed).toContainText('Cổng sau');

    const texts = await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText));
    expect(texts.length).toBeGreaterThan(4);
    for (const text of texts) expect(text).not.toMatch(RAW);
  });
});
