// Visual parity: the main screens and dialogs at 1366×768 (the narrowest duty-room
// screen), each compared pixel for pixel with a baseline taken before a change to the
// styles. Run with visual-parity.config.ts. The page's clock is fixed, moving pictures
// are hidden (visual-parity.css), what the core stamps with its own time (the data
// folder, disk figures, history times) is masked; everything else must match.
import type { Locator, Page } from '@playwright/test';
import { E2E_ADMIN, expect, test } from './fixtures';

/** A fixed past morning: the incident has no footage, so its export plan never changes. */
const INCIDENT_START = Date.UTC(2026, 0, 15, 2, 0, 0);
/** The page's clock: the clocks, the bookmark's times and the replay's start never move. */
const PAGE_NOW = INCIDENT_START + 5 * 60_000;

function timeVarying(page: Page): Locator[] {
  return [
    page.getByTestId('clock'),
    page.locator('.tile-clock'),
    page.locator('.status-bar .mono'),
    page.locator('.user-shift'),
    // Stamped by the core with its own clock, or a path of this run's data folder; the
    // row is masked, not the text, whose width moves with the digits.
    page.getByTestId('incident-history-item'),
    page.locator('.event'),
    page.locator('.shift-head-value'),
    page.locator('.lock-officer'),
    page.locator('.incident-facts dd:last-of-type'),
    page.locator('.about dd'),
    // The audit rows' times and ids size its columns: the table is masked whole.
    page.locator('.audit-table'),
  ];
}

async function shot(page: Page, name: string, extraMask: Locator[] = []): Promise<void> {
  // The pointer rests where it hovers nothing, the same in every run.
  await page.mouse.move(683, 767);
  // Soft: one run reports every screen that moved, not just the first.
  await expect.soft(page).toHaveScreenshot(`${name}.png`, {
    mask: [...timeVarying(page), ...extraMask],
    animations: 'disabled',
    caret: 'hide',
    stylePath: 'e2e/visual-parity.css',
  });
}

async function fromUserMenu(page: Page, item: string): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId(item).click();
}

test.describe('visual parity', () => {
  test.use({ rigOptions: { h264: ['cam1'] } });

  test('main screens and dialogs at 1366×768', async ({ page, rig, station }) => {
    test.setTimeout(240_000);
    const cam = await station.api.cameras.add({
      name: 'Cổng chợ',
      location: 'Chợ phường – cổng chính',
      mainUrl: rig.url('cam1'),
    });
    await station.api.incidents.create({
      category: 'theft',
      location: 'Chợ phường',
      description: 'Mất xe máy trước cổng chợ',
      occurredAt: INCIDENT_START + 60_000,
      startMs: INCIDENT_START,
      endMs: INCIDENT_START + 120_000,
      cameraIds: [cam.id],
    });
    await page.clock.setFixedTime(PAGE_NOW);
    await station.open(page);
    const tile = page.getByTestId('tile-0');
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await expect(tile.getByTestId('tile-rec')).toHaveAttribute('data-recording', 'true', {
      timeout: 30_000,
    });
    await shot(page, 'live-grid');

    await page.getByTestId('layout-menu').click();
    await shot(page, 'layout-menu');
    await page.keyboard.press('Escape');

    await page.getByTestId('user-menu').click();
    await shot(page, 'user-menu');
    await page.getByTestId('user-menu').click();

    await tile.dblclick();
    await expect(page.getByTestId('single-tile')).toHaveAttribute('data-state', 'live', {
      timeout: 30_000,
    });
    await shot(page, 'single-view');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('single-view')).toHaveCount(0);

    await tile.click();
    await page.keyboard.press('F2');
    const dialog = page.getByTestId('incident-dialog');
    await expect(dialog).toBeVisible();
    await shot(page, 'incident-dialog', [dialog.locator('input[type="datetime-local"]')]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await page.getByTestId('open-incidents').click();
    const log = page.getByTestId('incident-log');
    await expect(log.locator('[data-testid^="incident-row-"]')).toHaveCount(1);
    await shot(page, 'incident-log');
    await log.locator('[data-testid^="incident-row-"]').first().click();
    const detail = page.getByTestId('incident-detail');
    await expect(detail).toBeVisible();
    await expect(page.getByTestId('incident-history-item')).toHaveCount(1);
    await shot(page, 'incident-detail');

    await detail.getByTestId('incident-export').click();
    const exportDialog = page.getByTestId('export-dialog');
    await expect(exportDialog).toBeVisible();
    await expect(exportDialog.getByTestId('export-start')).toBeDisabled();
    await shot(page, 'export-dialog');
    await exportDialog.getByTestId('export-dialog-cancel').click();
    await expect(exportDialog).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(log).toBeHidden();

    await page.getByTestId('open-storage').click();
    await expect(page.getByTestId('storage-disk')).toBeVisible();
    await shot(page, 'storage', [
      page.getByTestId('storage-disk'),
      page.getByTestId('storage-history'),
      page.getByTestId('storage-folder'),
    ]);
    await page.keyboard.press('Escape');

    // Each dialog from its button or the officer's menu, shot and closed with Esc.
    const dialogs: [open: () => Promise<void>, testId: string, name: string][] = [
      [() => page.getByTestId('open-settings').click(), 'settings-dialog', 'settings'],
      [() => fromUserMenu(page, 'menu-officers'), 'officers-dialog', 'officers'],
      [() => fromUserMenu(page, 'menu-handovers'), 'handovers-dialog', 'handovers'],
      [() => fromUserMenu(page, 'menu-audit'), 'audit-dialog', 'audit'],
      [() => fromUserMenu(page, 'menu-end-shift'), 'end-shift-dialog', 'end-shift'],
      [() => fromUserMenu(page, 'menu-sign-out'), 'sign-out-dialog', 'sign-out'],
      [() => page.getByTestId('add-camera').click(), 'camera-dialog', 'camera-dialog'],
    ];
    for (const [open, testId, name] of dialogs) {
      await open();
      await expect(page.getByTestId(testId)).toBeVisible();
      await shot(page, name);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId(testId)).toBeHidden();
    }

    await tile.hover();
    await tile.getByTestId('tile-playback').click();
    await expect(page.getByTestId('playback-view')).toBeVisible();
    await page.getByTestId('playback-pause').click();
    // The page's morning has no footage: the player settles on its empty state.
    await expect(page.getByTestId('playback-no-footage')).toBeVisible();
    // The playhead moved for a moment before the pause.
    await shot(page, 'playback', [
      page.getByTestId('playback-clock'),
      page.locator('.pb-jump-time'),
    ]);

    await page.getByTestId('playback-live').click();
    await expect(page.getByTestId('playback-view')).toBeHidden();
    await page.getByTestId('top-lock').click();
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    // The lock layer blurs the console: the data folder's text bleeds past its mask.
    await shot(page, 'lock-screen', [page.getByTestId('status-bar')]);
    await page.getByTestId('lock-password').fill(E2E_ADMIN.password);
    await page.getByTestId('lock-unlock').click();
    await expect(page.getByTestId('lock-screen')).toBeHidden();

    await fromUserMenu(page, 'menu-sign-out');
    await page.getByTestId('sign-out-confirm').click();
    await expect(page.getByTestId('sign-in')).toBeVisible();
    await shot(page, 'sign-in');
  });
});
