// The console when its station service dies or hangs: within 5 s a red strip over
// everything and the alarm looping; when a service answers again on the same data
// folder and port, the same page (never reloaded) reconnects by itself.
import type { Page } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_ADMIN, expect, startStation, test, wardCameras } from './fixtures';
import { endHungStation } from './station-process';

test.use({ rigOptions: wardCameras({ h264: ['cam1'] }) });

const ARTIFACTS = 'e2e/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

/** Within the product's promise of 5 s, measured in the page. */
const BANNER_WITHIN_MS = 5000;

interface BannerLog {
  shown: number[];
  hidden: number[];
}

/**
 * Records when the banner appears and goes, by the page's clock (the same machine's
 * as this process). Living on `window`, it also proves the page was never reloaded.
 */
async function watchBanner(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: BannerLog = { shown: [], hidden: [] };
    let visible = false;
    new MutationObserver(() => {
      const now = document.querySelector('[data-testid="service-down-banner"]') !== null;
      if (now === visible) return;
      visible = now;
      (now ? log.shown : log.hidden).push(Date.now());
    }).observe(document.body, { childList: true, subtree: true });
    (window as unknown as { __bannerLog: BannerLog }).__bannerLog = log;
  });
}

async function bannerLog(page: Page): Promise<BannerLog | null> {
  return page.evaluate(
    () => (window as unknown as { __bannerLog?: BannerLog }).__bannerLog ?? null,
  );
}

/** The audio element is really playing: not paused, and its clock moves. */
async function alarmSounds(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const audio = document.querySelector<HTMLAudioElement>('[data-testid="outage-alarm"]');
    if (!audio || audio.paused) return false;
    const before = audio.currentTime;
    await new Promise((r) => setTimeout(r, 400));
    return !audio.paused && audio.currentTime !== before;
  });
}

/** The nth outage's banner is up and its alarm sounds; returns ms from `since` to the banner. */
async function expectOutageRaised(page: Page, nth: number, since: number): Promise<number> {
  await expect(page.getByTestId('service-down-banner')).toBeVisible({ timeout: BANNER_WITHIN_MS });
  await expect(page.getByTestId('outage-alarm')).toHaveAttribute('data-alarm', 'playing', {
    timeout: BANNER_WITHIN_MS,
  });
  const ms = (await bannerLog(page))!.shown[nth]! - since;
  expect(ms).toBeLessThan(BANNER_WITHIN_MS);
  expect(await alarmSounds(page)).toBe(true);
  return ms;
}

/** The nth outage's banner has gone by itself and the alarm stopped; returns ms from `since`. */
async function expectOutageCleared(page: Page, nth: number, since: number): Promise<number> {
  await expect(page.getByTestId('service-down-banner')).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('outage-alarm')).toHaveAttribute('data-alarm', 'off');
  return (await bannerLog(page))!.hidden[nth]! - since;
}

async function decodedFrames(page: Page): Promise<number> {
  const all = await page.evaluate(
    () => (window as unknown as { __stationStats?: () => unknown[] }).__stationStats?.() ?? [],
  );
  const tile = (all as { tile: string; decodedFrames: number }[]).find((s) => s.tile === 'tile-0');
  return tile?.decodedFrames ?? 0;
}

/** The first tile decodes new frames: live view is back, not a frozen last picture. */
async function expectTilePlays(page: Page): Promise<void> {
  await expect.poll(() => decodedFrames(page), { timeout: 30_000 }).toBeGreaterThan(10);
  const before = await decodedFrames(page);
  await expect.poll(() => decodedFrames(page), { timeout: 10_000 }).toBeGreaterThan(before + 10);
}

test('a killed service, then a hung one: banner and alarm within 5 s, back by itself without a reload', async ({
  page,
  rig,
}) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'station-health-'));
  let current = await startStation('off', { dataDir });
  const port = Number(new URL(current.station.url).port);
  const banner = page.getByTestId('service-down-banner');
  const alarm = page.getByTestId('outage-alarm');
  try {
    await current.station.api.cameras.add({ name: 'Cổng trụ sở', mainUrl: rig.url('cam1') });
    await current.station.open(page);
    await expectTilePlays(page);
    await watchBanner(page);
    await expect(alarm).toHaveAttribute('data-alarm', 'off');

    // 1. The service is killed outright.
    const killedAt = Date.now();
    process.kill(current.pid, 'SIGKILL');
    const killToBannerMs = await expectOutageRaised(page, 0, killedAt);
    await expect(banner).toContainText('Mất kết nối với dịch vụ ghi hình của trạm');
    await expect(page.getByTestId('service-down-for')).toContainText(/Đã mất \d+s/);
    await page.screenshot({ path: `${ARTIFACTS}/service-down-banner.png` });
    await current.stop();

    // The officer silences this outage's alarm; the banner stays.
    await page.getByTestId('service-down-silence').click();
    await expect(alarm).toHaveAttribute('data-alarm', 'silenced');
    expect(await alarmSounds(page)).toBe(false);
    await expect(banner).toBeVisible();

    // A new service on the same folder and port (systemd's restart, say).
    current = await startStation('off', { dataDir, port, account: 'none' });
    const restartedAt = Date.now();
    const restartToGoneMs = await expectOutageCleared(page, 0, restartedAt);
    // Sessions live in the service's memory: the same page asks to sign in again.
    await expect(page.getByTestId('sign-in')).toBeVisible();
    await page.locator('[data-testid^="signin-officer-"]').first().click();
    await page.getByTestId('signin-password').fill(E2E_ADMIN.password);
    await page.getByTestId('signin-submit').click();
    await expectTilePlays(page);

    // 2. The service hangs: its sockets stay open, nothing answers.
    const stoppedAt = Date.now();
    process.kill(current.pid, 'SIGSTOP');
    // Silenced last time; this is a new outage, so it sounds again.
    const stopToBannerMs = await expectOutageRaised(page, 1, stoppedAt);

    const continuedAt = Date.now();
    process.kill(current.pid, 'SIGCONT');
    const contToGoneMs = await expectOutageCleared(page, 1, continuedAt);
    // Still signed in (the session outlived the hang), and live view plays again.
    await expect(page.getByTestId('sign-in')).toBeHidden();
    await expectTilePlays(page);
    // The page's own state survived: it was never reloaded.
    expect(await bannerLog(page)).not.toBeNull();

    console.log(
      `service health: SIGKILL → banner ${killToBannerMs} ms; restart ready → banner gone ${restartToGoneMs} ms; ` +
        `SIGSTOP → banner ${stopToBannerMs} ms; SIGCONT → banner gone ${contToGoneMs} ms`,
    );
  } finally {
    await endHungStation(current, dataDir);
  }
});
