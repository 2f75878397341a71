// The duty-room screens at the two screen sizes of a ward's duty room: names and
// titles shown whole, numbers on one line, controls not covering one another, and
// a pre-filled place that the officer's typing replaces instead of extending.
import type { Page } from '@playwright/test';
import { E2E_ADMIN, expect, test } from './fixtures';
import { expectInside, expectNoOverlap, expectTextWhole, lineCount } from './layout-fit';

const STATION = 'Công an phường Hàng Bạc';
const LONG_NAME = 'Nguyễn Văn Trường Giang';
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function topBarFits(page: Page): Promise<void> {
  const bar = page.locator('.top-bar');
  await expectTextWhole(page.getByTestId('station-name'), bar);
  // The officer's name is left out on narrow screens (it is in the menu), never cut.
  const user = page.getByTestId('user-name');
  if (await user.isVisible()) await expectTextWhole(user, bar);
  const children = bar.locator(':scope > *');
  const visible: Record<string, ReturnType<Page['locator']>> = {};
  for (let i = 0; i < (await children.count()); i++) {
    const child = children.nth(i);
    if (await child.isVisible()) visible[`top-bar child ${i}`] = child;
  }
  await expectNoOverlap(visible);
  await expectInside(visible, page.locator('body'));
}

test.describe('duty-room layout', () => {
  test.use({ rigOptions: { h264: ['cam1'] } });

  test('titles, names and numbers fit, nothing covers the way back, the place is replaced', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(150_000);
    await station.api.settings.updateStation({ stationName: STATION });
    const admin = (await station.api.auth.state()).officers[0]!;
    await station.api.officers.update({ id: admin.id, fullName: LONG_NAME });
    const cam = await station.api.cameras.add({
      name: 'Cổng chợ',
      location: 'Ngõ 7 Hàng Mã',
      mainUrl: rig.url('cam1'),
    });
    const at = Date.now() - 10 * 60_000;
    await station.api.incidents.create({
      category: 'theft',
      location: 'Ngõ 7 Hàng Mã',
      description: 'Mất xe máy trước cổng chợ',
      occurredAt: at,
      startMs: at - 60_000,
      endMs: at + 60_000,
      cameraIds: [cam.id],
    });

    await station.open(page);
    const tile = page.getByTestId('tile-0');
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });

    for (const viewport of VIEWPORTS) {
      await test.step(`${viewport.width}×${viewport.height}`, async () => {
        await page.setViewportSize(viewport);
        await expect(page.getByTestId('station-name')).toHaveText(STATION);
        // The bar at its widest: a tile selected adds its count to the bookmark button.
        await tile.click();
        await expect(page.getByTestId('incident-bookmark')).toHaveAttribute(
          'data-selected-count',
          '1',
        );
        await topBarFits(page);

        // Full screen: the tile's "Xem lại" and "Quay lại lưới" both stay clickable.
        await tile.dblclick();
        const single = page.getByTestId('single-tile');
        await expect(single).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
        await single.hover();
        await expect(single.getByTestId('tile-playback')).toHaveCSS('opacity', '1');
        await expectNoOverlap({
          'Xem lại': single.getByTestId('tile-playback'),
          'Quay lại lưới': page.getByTestId('single-close'),
        });
        await page.getByTestId('single-close').click();
        await expect(page.getByTestId('single-view')).toHaveCount(0);

        // The camera's place is offered; what the officer types replaces it.
        await tile.click();
        await page.keyboard.press('F2');
        const place = page.getByTestId('incident-location');
        await expect(place).toHaveValue('Ngõ 7 Hàng Mã');
        await place.click();
        await page.keyboard.type('Trước số nhà 12');
        await expect(place).toHaveValue('Trước số nhà 12');
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('incident-dialog')).toBeHidden();

        // The incident log shows who wrote each incident, rank and name whole.
        await page.getByTestId('open-incidents').click();
        const log = page.getByTestId('incident-log');
        const row = log.locator('[data-testid^="incident-row-"]').first();
        await expect(row).toBeVisible();
        await expect(row.locator('.incident-cell-officer')).toContainText(LONG_NAME);
        await expectTextWhole(
          row.locator('.incident-cell-officer'),
          log.locator('.incident-table-wrap'),
        );
        await page.keyboard.press('Escape');
        await expect(log).toBeHidden();

        // Badge numbers stay on one line in the officers list.
        await page.getByTestId('user-menu').click();
        await page.getByTestId('menu-officers').click();
        const officers = page.getByTestId('officers-dialog');
        const badge = officers.getByTestId(`officer-row-${admin.id}`).locator('td.mono');
        await expect(badge).toHaveText(E2E_ADMIN.badgeNumber);
        expect(await lineCount(badge)).toBe(1);
        await page.keyboard.press('Escape');
        await expect(officers).toBeHidden();
      });
    }
  });

  test('a station set up without a unit name asks its commander for one, in the top bar', async ({
    page,
    station,
  }) => {
    // Set up through the api with no name, as a station set up before the first-start screen asked.
    await station.open(page);
    await page.setViewportSize(VIEWPORTS[0]!);
    const ask = page.getByTestId('unit-name-missing');
    await expect(ask).toHaveText('Đặt tên đơn vị');
    await expectInside({ ask }, page.locator('.brand'));
    await expectTextWhole(ask, page.locator('.top-bar'));
    await ask.click();
    await page.getByTestId('settings-station-name').fill(STATION);
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('station-name')).toHaveText(STATION);
    await expect(ask).toBeHidden();
  });
});
