// Stopping the station service is a commander's action: from the settings dialog,
// with a reason and an explicit confirmation, audited; the service exits with the
// status its supervisor does not restart (systemd RestartPreventExitStatus), and the
// console says at once that it lost the service.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { STOPPED_BY_COMMANDER_EXIT } from '../electron/core/service/exit-codes';
import { expect, startStation, test } from './fixtures';

test('a commander stops the service with a reason and a confirmation; it is audited and exits 64', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'station-stop-'));
  try {
    const first = await startStation('off', { dataDir });
    await first.station.open(page);
    await page.getByTestId('open-settings').click();
    await expect(page.getByTestId('settings-stop-service')).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/settings-service.png' });
    await page.getByTestId('settings-stop-service').click();
    const dialog = page.getByTestId('stop-service-dialog');
    await expect(dialog).toBeVisible();
    // Nothing happens without the confirmation, nor without a reason.
    const submit = dialog.getByTestId('stop-service-submit');
    await expect(submit).toBeDisabled();
    await dialog.getByTestId('stop-service-confirm').check();
    await submit.click();
    await expect(dialog.locator('.field-error')).toBeVisible();
    await dialog.getByTestId('stop-service-reason').fill('Thay ổ cứng ghi hình theo kế hoạch');
    await page.screenshot({ path: 'e2e/artifacts/service-stop-dialog.png' });
    await submit.click();

    expect(await first.exitCode).toBe(STOPPED_BY_COMMANDER_EXIT);
    await expect(page.getByTestId('service-down-banner')).toBeVisible({ timeout: 5000 });

    // Started again (the next boot): the stop is in the audit log with who and why.
    const second = await startStation('off', { dataDir, account: 'none' });
    try {
      const api = second.station.api;
      const state = await api.auth.state();
      await api.auth.signIn({ officerId: state.officers[0]!.id, password: 'TrucBan@2026' });
      const page1 = await api.audit.list({ action: 'service.stopped', limit: 10 });
      expect(page1.items).toHaveLength(1);
      expect(page1.items[0]!.details.reason).toBe('Thay ổ cứng ghi hình theo kế hoạch');
      expect(page1.items[0]!.officerName).toBeTruthy();
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
