// Playback, end to end: footage recorded by the real core from the RTSP
// rig (2 s segments so boundaries come quickly), played back by the real renderer
// in Debian's Chromium through the media server's /recordings route.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Gap } from '../electron/contract/recording-schemas';
import { expect, test } from './fixtures';
import { jumpTo } from './playback-jump';

const ARTIFACTS = 'e2e/artifacts';
mkdirSync(ARTIFACTS, { recursive: true });

interface Stats {
  positionMs: number;
  playing: boolean;
  scrubbing: boolean;
  held: string | null;
  cameras: {
    cameraId: string;
    frameWallMs: number | null;
    state: string;
    driftMs: number | null;
  }[];
}
const stats = (page: Page) =>
  page.evaluate(() => (window as unknown as { __playbackStats: () => Stats }).__playbackStats());

async function timelineGeometry(page: Page) {
  const tl = page.getByTestId('timeline');
  const box = (await page.getByTestId('timeline-canvas').boundingBox())!;
  return {
    box,
    from: Number(await tl.getAttribute('data-from')),
    to: Number(await tl.getAttribute('data-to')),
  };
}

test.describe('playback of recorded footage', () => {
  test.use({ rigOptions: { h264: ['cam1'] }, segmentSeconds: 2 });

  test('a timeline click shows the frame of that time; scrubbing; playing across segments and a gap', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(180_000);
    const cam = await station.api.cameras.add({ name: 'Ngã tư Lê Lợi', mainUrl: rig.url('cam1') });
    await station.open(page);
    const tile = page.getByTestId('tile-0');
    await expect(tile.getByTestId('tile-rec')).toHaveAttribute('data-recording', 'true', {
      timeout: 30_000,
    });

    // Footage, then a gap (the camera drops), then footage again.
    await page.waitForTimeout(12_000);
    await rig.stop();
    await page.waitForTimeout(6_000);
    await rig.restart();
    let gap: Gap | undefined;
    await expect
      .poll(
        async () => {
          const tl = await station.api.recordings.timeline({
            cameraId: cam.id,
            from: Date.now() - 10 * 60_000,
            to: Date.now(),
          });
          gap = tl.gaps.find((g) => g.reason === 'camera_offline' && g.endMs !== null);
          return gap ? tl.recordings.filter((r) => r.startMs >= gap!.endMs!).length : 0;
        },
        { timeout: 60_000, intervals: [1000] },
      )
      .toBeGreaterThanOrEqual(4);
    const first = (
      await station.api.recordings.timeline({
        cameraId: cam.id,
        from: Date.now() - 10 * 60_000,
        to: Date.now(),
      })
    ).recordings[0]!;

    // Open playback from the tile.
    await tile.hover();
    await tile.getByTestId('tile-playback').click();
    await expect(page.getByTestId('playback-view')).toBeVisible();
    // A tile's replay plays at once (30 s back); this review starts paused.
    await page.getByTestId('playback-pause').click();
    const player = page.getByTestId(`playback-player-${cam.id}`);

    // Click on the timeline at a recorded time: the frame shown is from that time.
    await jumpTo(page, first.startMs + 4_000);
    await expect
      .poll(async () => (await stats(page)).cameras[0]?.frameWallMs ?? 0)
      .toBeGreaterThan(0);
    const g1 = await timelineGeometry(page);
    const target = first.startMs + 6_500;
    expect(target).toBeGreaterThan(g1.from);
    expect(target).toBeLessThan(g1.to);
    const x = g1.box.x + ((target - g1.from) / (g1.to - g1.from)) * g1.box.width;
    await page.mouse.click(x, g1.box.y + g1.box.height / 2);
    const pxMs = (g1.to - g1.from) / g1.box.width;
    await expect
      .poll(async () => Math.abs(((await stats(page)).cameras[0]?.frameWallMs ?? 0) - target), {
        timeout: 10_000,
      })
      .toBeLessThanOrEqual(Math.max(500, 2 * pxMs));
    await page.screenshot({ path: `${ARTIFACTS}/playback-single.png` });

    // Drag-scrub over a one-minute window: the picture follows the playhead during the drag.
    await page.getByTestId('playback-span-1m').click();
    const g2 = await timelineGeometry(page);
    const pos = (await stats(page)).positionMs;
    const px = g2.box.x + ((pos - g2.from) / (g2.to - g2.from)) * g2.box.width;
    const y = g2.box.y + g2.box.height / 2;
    const seen = new Set<number>();
    await page.mouse.move(px, y);
    await page.mouse.down();
    const step = Math.min(12, (g2.box.x + g2.box.width - px - 10) / 20);
    for (let i = 1; i <= 20; i++) {
      await page.mouse.move(px + i * step, y);
      await page.waitForTimeout(80);
      const f = (await stats(page)).cameras[0]?.frameWallMs;
      if (f) seen.add(Math.round(f / 100));
    }
    await page.mouse.up();
    expect(seen.size).toBeGreaterThanOrEqual(3);

    // Play across segment boundaries and the gap: the clock never goes back and never stalls.
    await jumpTo(page, gap!.startMs - 4_000);
    await expect
      .poll(
        async () =>
          Math.abs(((await stats(page)).cameras[0]?.frameWallMs ?? 0) - (gap!.startMs - 4_000)),
        {
          timeout: 10_000,
        },
      )
      .toBeLessThan(1_500);
    await page.getByTestId('playback-play').click();
    const samples: { at: number; positionMs: number; held: string | null }[] = [];
    const states = new Set<string>();
    const deadline = Date.now() + (gap!.endMs! - gap!.startMs) + 20_000;
    let after = false;
    while (Date.now() < deadline && !after) {
      const s = await stats(page);
      samples.push({ at: Date.now(), positionMs: s.positionMs, held: s.held });
      states.add(s.cameras[0]!.state);
      after = (s.cameras[0]!.frameWallMs ?? 0) > gap!.endMs! + 2_000;
      await page.waitForTimeout(250);
    }
    expect(after).toBe(true);
    // The clock never goes back, and never stands still for a second: a decoder that
    // lags at a segment boundary on a loaded machine may hold it for a moment (that
    // is by design: frames are waited for, not skipped), a stall holds it for longer.
    let stillSince = samples[0]!.at;
    for (let i = 1; i < samples.length; i++) {
      const [a, b] = [samples[i - 1]!, samples[i]!];
      expect(b.positionMs).toBeGreaterThanOrEqual(a.positionMs);
      if (b.positionMs > a.positionMs) stillSince = b.at;
      expect(b.at - stillSince, `clock still at ${b.positionMs} (held: ${b.held})`).toBeLessThan(
        1_000,
      );
    }
    expect(states.has('gap')).toBe(true);
    await expect(player).toBeVisible();

    // An export range: ] at the playhead, back 20 s, [ — then the button is enabled.
    await page.getByTestId('playback-pause').click();
    const range = page.getByTestId('playback-range');
    const exportButton = page.getByTestId('playback-export');
    await expect(exportButton).toBeDisabled();
    const endAt = (await stats(page)).positionMs;
    await page.keyboard.press(']');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(async () => Math.abs((await stats(page)).positionMs - (endAt - 20_000)))
      .toBeLessThan(50);
    await page.keyboard.press('[');
    await expect
      .poll(
        async () =>
          Number(await range.getAttribute('data-end-ms')) -
          Number(await range.getAttribute('data-start-ms')),
      )
      .toBeGreaterThan(19_900);
    expect(Math.abs(Number(await range.getAttribute('data-end-ms')) - endAt)).toBeLessThan(50);
    await expect(range).toHaveAttribute('data-problem', '');
    await expect(page.getByTestId('playback-range-text')).toContainText('20 giây');
    await expect(exportButton).toBeEnabled();
    // - and + now change the speed ([ and ] mark the range).
    await page.keyboard.press('=');
    await expect(page.getByTestId('playback-rate')).toHaveAttribute('data-rate', '2');
    await page.keyboard.press('-');
    await expect(page.getByTestId('playback-rate')).toHaveAttribute('data-rate', '1');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${ARTIFACTS}/playback-export-range.png` });
    // The button opens the export dialog with the reviewed camera and exactly that range.
    await exportButton.click();
    const exportDialog = page.getByTestId('export-dialog');
    await expect(exportDialog).toBeVisible();
    await expect(exportDialog.getByTestId('export-duration')).toContainText('20 giây');
    await expect(exportDialog.getByTestId('export-cameras')).toContainText('Ngã tư Lê Lợi');
    await exportDialog.getByTestId('export-dialog-cancel').click();
    await expect(exportDialog).toBeHidden();

    // Escape clears it; Shift+drag on the timeline selects one directly.
    await page.keyboard.press('Escape');
    await expect(range).toHaveAttribute('data-start-ms', '');
    await expect(exportButton).toBeDisabled();
    await page.getByTestId('playback-span-1m').click();
    const g3 = await timelineGeometry(page);
    const playhead = (await stats(page)).positionMs;
    const xAt = (ms: number) => g3.box.x + ((ms - g3.from) / (g3.to - g3.from)) * g3.box.width;
    // From 15 s to 3 s before the playhead: recorded, in view, nowhere near the playhead's snap.
    const x0 = xAt(playhead - 15_000);
    const x1 = xAt(playhead - 3_000);
    expect(x0).toBeGreaterThan(g3.box.x);
    const dragY = g3.box.y + g3.box.height - 12;
    await page.keyboard.down('Shift');
    await page.mouse.move(x0, dragY);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x0 + ((x1 - x0) * i) / 10, dragY);
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const msAt = (x: number) => g3.from + ((x - g3.box.x) / g3.box.width) * (g3.to - g3.from);
    const tolerance = 6 * ((g3.to - g3.from) / g3.box.width) + 1000; // snap radius + a second
    expect(Math.abs(Number(await range.getAttribute('data-start-ms')) - msAt(x0))).toBeLessThan(
      tolerance,
    );
    expect(Math.abs(Number(await range.getAttribute('data-end-ms')) - msAt(x1))).toBeLessThan(
      tolerance,
    );
    await expect(exportButton).toBeEnabled();
  });
});

test.describe('synchronized playback', () => {
  test.use({ rigOptions: { h264: ['cam1', 'cam2'], aliases: 1 }, segmentSeconds: 4 });

  test('2×2 cameras stay within one frame interval of each other after 10 s at 1×', async ({
    page,
    rig,
    station,
  }) => {
    test.setTimeout(150_000);
    const cams = [];
    for (const [i, mount] of ['cam1', 'cam1-a1', 'cam2', 'cam2-a1'].entries())
      cams.push(
        await station.api.cameras.add({ name: `Camera ${i + 1}`, mainUrl: rig.url(mount) }),
      );
    await station.open(page);
    await page.getByTestId('layout-4').click();
    for (let i = 0; i < 4; i++)
      await expect(page.getByTestId(`tile-${i}`).getByTestId('tile-rec')).toHaveAttribute(
        'data-recording',
        'true',
        { timeout: 30_000 },
      );
    const since = Date.now();
    // Records 24 s of footage on every camera (the wait is the point).
    await page.waitForTimeout(24_000);

    await page.getByTestId('tile-0').click();
    for (let i = 1; i < 4; i++)
      await page.getByTestId(`tile-${i}`).click({ modifiers: ['Control'] });
    await page.getByTestId('playback-open').click();
    await expect(page.getByTestId('playback-view')).toBeVisible();
    for (const c of cams) await expect(page.getByTestId(`playback-player-${c.id}`)).toBeVisible();

    await jumpTo(page, since + 4_000);
    await page.getByTestId('playback-play').click();
    // Plays 10 s before the drift is sampled (the wait is the point).
    await page.waitForTimeout(10_000);
    // Drift is measured per displayed frame (its wall time minus the shared clock at the
    // moment it was shown), so the spread across cameras is what an officer sees.
    const spreads: number[] = [];
    for (let i = 0; i < 10; i++) {
      const s = await stats(page);
      const drifts = s.cameras.map((c) => c.driftMs).filter((d): d is number => d !== null);
      expect(drifts).toHaveLength(4);
      spreads.push(Math.max(...drifts) - Math.min(...drifts));
      await page.waitForTimeout(150);
    }
    await page.screenshot({ path: `${ARTIFACTS}/playback-2x2.png` });
    // Within one frame interval at the rig's 25 fps (40 ms). A presented frame is only
    // observed at display refreshes, so a single sample may read up to one refresh
    // (~17 ms at 60 Hz) more: the median must be within the frame, every sample
    // within the frame plus that resolution.
    const sorted = [...spreads].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median, `spreads ${spreads.join(', ')} ms`).toBeLessThanOrEqual(40);
    expect(Math.max(...spreads), `spreads ${spreads.join(', ')} ms`).toBeLessThanOrEqual(57);
  });
});
