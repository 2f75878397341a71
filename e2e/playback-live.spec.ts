// Instant replay at the product's default 60 s segments: the footage of the last
// minute is still in the segment being written. A tile's "Xem lại" opens 30 s back
// and plays; footage recorded while it plays keeps arriving; at 2× playback
// catches up with the live edge and holds there (no error, no "no footage"), and
// it crosses the moment the open segment is closed and filed without a gap.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

interface Cam {
  state: string;
  frameWallMs: number | null;
}
const camera = async (page: Page): Promise<Cam> =>
  (
    await page.evaluate(() =>
      (window as unknown as { __playbackStats: () => { cameras: Cam[] } }).__playbackStats(),
    )
  ).cameras[0]!;

test.describe('instant replay into live footage', () => {
  test.use({ rigOptions: { h264: ['cam1'] } });

  test('Xem lại starts 30 s back, plays on, catches up with live and holds there', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(240_000);
    const cam = await station.api.cameras.add({ name: 'Chợ phường', mainUrl: rig.url('cam1') });
    await station.open(page);
    const tile = page.getByTestId('tile-0');
    await expect(tile.getByTestId('tile-rec')).toHaveAttribute('data-recording', 'true', {
      timeout: 30_000,
    });
    const recordingSince = Date.now();
    // 30 s back must land in footage: the first fragments come a few seconds after "recording".
    await page.waitForTimeout(40_000);
    // Nothing is filed yet: all of it is in the open segment.
    const filed = await station.api.recordings.timeline({
      cameraId: cam.id,
      from: recordingSince - 60_000,
      to: Date.now(),
    });
    expect(filed.recordings).toEqual([]);

    await tile.hover();
    const openedAt = Date.now();
    await tile.getByTestId('tile-playback').click();
    await expect(page.getByTestId('playback-view')).toBeVisible();
    await expect(page.getByTestId('playback-pause')).toBeVisible({ timeout: 15_000 });
    // It opened 30 s back and plays (the clock has run on for a moment since).
    const startedAt = await page.evaluate(
      () =>
        (window as unknown as { __playbackStats: () => { positionMs: number } }).__playbackStats()
          .positionMs,
    );
    expect(startedAt - (openedAt - 30_000)).toBeGreaterThanOrEqual(0);
    expect(startedAt - (openedAt - 30_000)).toBeLessThan(5_000);
    await expect
      .poll(async () => (await camera(page)).frameWallMs ?? 0, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const first = await camera(page);
    // Footage from before the replay was opened is on screen.
    expect(first.frameWallMs!).toBeLessThan(openedAt - 5_000);

    // 1×, then 2× to catch up: sampled every half second, bounded.
    const states = new Set<string>();
    const lags: number[] = [];
    let last = first.frameWallMs!;
    let crossedClose = false;
    let sped = false;
    let caughtUp = false;
    for (let i = 0; i < 160; i++) {
      await page.waitForTimeout(500);
      const c = await camera(page);
      states.add(c.state);
      expect(c.frameWallMs ?? 0, 'the picture never goes back').toBeGreaterThanOrEqual(last - 100);
      last = c.frameWallMs ?? last;
      if (!sped && i === 10) {
        await page.keyboard.press('=');
        await expect(page.getByTestId('playback-rate')).toHaveAttribute('data-rate', '2');
        sped = true;
      }
      // Past the first minute of recording: the open segment has been closed and filed.
      if (last > recordingSince + 62_000) crossedClose = true;
      const lag = Date.now() - last;
      // Measured once 2× has caught up (how long that takes depends on the machine's load).
      if (crossedClose && (caughtUp ||= lag < 2_500)) lags.push(lag);
      if (lags.length >= 20) break;
    }
    expect(crossedClose, 'played past the close of the first open segment').toBe(true);
    // Holding at the live edge is neither an error nor a gap.
    expect([...states].filter((s) => ['error', 'gap', 'no_footage'].includes(s))).toEqual([]);
    // It got to footage recorded after the replay was opened, and stays within seconds of live.
    expect(last).toBeGreaterThan(openedAt + 10_000);
    console.log(`behind live at the edge (ms): ${lags.join(' ')}`);
    expect(Math.max(...lags.slice(-10))).toBeLessThan(4_000);
    const rows = await station.api.recordings.timeline({
      cameraId: cam.id,
      from: recordingSince - 60_000,
      to: Date.now(),
    });
    expect(rows.recordings.length).toBeGreaterThanOrEqual(1);
  });
});
