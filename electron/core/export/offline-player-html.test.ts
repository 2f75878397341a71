import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FFMPEG, tempDir } from '../recording/testing/recording-test-kit';
import { PLAYER_NAME, type ExportManifest } from './export-manifest';
import { renderOfflinePlayerHtml } from './offline-player-html';
import { sampleManifest } from './testing/sample-manifest';

const run = promisify(execFile);
const ARTIFACTS = fileURLToPath(new URL('../../../e2e/artifacts/', import.meta.url));
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
const SECONDS = 5;

/** The JSON block the page's script reads. */
function embeddedData(html: string): { cameras: { name: string }[]; title: string } {
  const match = /<script type="application\/json" id="export-data">([^<]*)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no data block');
  return JSON.parse(match[1]) as { cameras: { name: string }[]; title: string };
}

describe('renderOfflinePlayerHtml', () => {
  it('embeds the cameras as JSON that no value can break out of', () => {
    const evil = '</script><script>alert(1)</script><img src=x onerror=alert(1)>';
    const base = sampleManifest({ firstCameraName: evil });
    const html = renderOfflinePlayerHtml({
      ...base,
      incident: { ...base.incident!, location: '<b>"Hàng Bè"</b>' },
    });
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>"Hàng Bè"');
    const data = embeddedData(html);
    expect(data.cameras.map((c) => c.name)).toEqual(base.cameras.map((c) => c.name));
    expect(data.title).toContain('<b>"Hàng Bè"</b>');
    // Only what playing needs: the page is itself one of the hashed files.
    for (const f of base.files) expect(html).not.toContain(f.sha256);
  });

  it('titles the page with the incident and its location, without a dangling dash', () => {
    const base = sampleManifest();
    expect(embeddedData(renderOfflinePlayerHtml(base)).title).toBe(
      'Vụ việc 2026-0147 — Trước số 12 phố Hàng Bè',
    );
    const noPlace = renderOfflinePlayerHtml({
      ...base,
      incident: { ...base.incident!, location: '  ' },
    });
    expect(embeddedData(noPlace).title).toBe('Vụ việc 2026-0147');
    expect(noPlace).toContain('<title>Xem video — Vụ việc 2026-0147</title>');
  });
});

describe('offline player page in Chromium', () => {
  const m: ExportManifest = sampleManifest({ seconds: SECONDS });
  let tmp: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    tmp = await tempDir('export-player');
    // Real H.264 MP4s, each as long as its camera's part of the range, named as the manifest says.
    for (const c of m.cameras) {
      if (c.file === null) continue;
      const out = join(tmp.dir, c.file);
      await mkdir(dirname(out), { recursive: true });
      const seconds = (c.end.ms - c.start.ms) / 1000;
      await run(FFMPEG, [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        `testsrc2=size=640x360:rate=25:duration=${seconds}`,
        '-vf',
        `drawtext=fontfile=${FONT}:text=${c.id}:x=20:y=h-60:fontsize=36:fontcolor=white:box=1:boxcolor=black@0.6`,
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-g',
        '25',
        '-pix_fmt',
        'yuv420p',
        '-movflags',
        '+faststart',
        out,
      ]);
    }
    await writeFile(join(tmp.dir, PLAYER_NAME), renderOfflinePlayerHtml(m));
  }, 120_000);
  afterAll(() => tmp?.cleanup());

  /** Wall-clock ms each camera's video shows now, for those inside their footage. */
  async function shownTimes(page: Page): Promise<number[]> {
    // Page-side code as text: this project's Node tsconfig has no DOM types.
    const times = await page.evaluate<{ id: string; t: number; before: boolean }[]>(`
      Array.from(document.querySelectorAll('video')).map((v) => ({
        id: v.closest('.tile').getAttribute('data-camera'),
        t: v.currentTime,
        before: v.closest('.tile').classList.contains('before'),
      }))`);
    return times
      .filter((x) => !x.before)
      .map((x) => (m.cameras.find((c) => c.id === x.id)?.start.ms ?? NaN) + x.t * 1000);
  }

  async function waitUntil(page: Page, what: string, fn: () => Promise<boolean>, ms = 10_000) {
    const deadline = Date.now() + ms;
    for (let i = 0; i < 200 && Date.now() < deadline; i++) {
      if (await fn()) return;
      await page.waitForTimeout(50);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const seekTo = (page: Page, seconds: number) =>
    page.evaluate(`{
      const seek = document.getElementById('seek');
      seek.value = '${Math.round(seconds * 1000)}';
      seek.dispatchEvent(new Event('input'));
    }`);

  it('plays the videos side by side in sync on the station clock', async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.push(msg.text());
      });
      page.on('pageerror', (err) => problems.push(String(err)));
      await page.goto(pathToFileURL(join(tmp.dir, PLAYER_NAME)).href, { timeout: 15_000 });

      const videos = page.locator('video');
      expect(await videos.count()).toBe(3);
      await waitUntil(page, 'videos to load', async () =>
        page.evaluate<boolean>(
          "Array.from(document.querySelectorAll('video')).every((v) => v.readyState >= 2)",
        ),
      );
      // The camera without footage is a labelled empty tile; the late camera waits.
      await expect(page.locator('[data-camera="cam-04"]').innerText()).resolves.toContain(
        'Không có hình',
      );
      await expect(page.locator('[data-camera="cam-02"]').innerText()).resolves.toContain(
        'Chưa có hình',
      );
      expect(await page.locator('#now').innerText()).toBe('20:15:00');

      await page.click('#play');
      await waitUntil(page, 'playback to pass the late camera start', async () => {
        const t = await page.evaluate<number>("document.querySelector('video').currentTime");
        return t > 1.5;
      });
      expect(await page.locator('[data-camera="cam-02"]').getAttribute('class')).not.toContain(
        'before',
      );
      const playing = await shownTimes(page);
      expect(playing).toHaveLength(3);
      expect(Math.max(...playing) - Math.min(...playing)).toBeLessThanOrEqual(200);

      // Seek back while playing: every video follows, and keeps going together.
      await seekTo(page, 1.2);
      // Plays on a while after the seek (the wait is the point).
      await page.waitForTimeout(600);
      const afterSeek = await shownTimes(page);
      expect(afterSeek).toHaveLength(3);
      expect(Math.max(...afterSeek) - Math.min(...afterSeek)).toBeLessThanOrEqual(200);
      const wall = Math.min(...afterSeek) - m.range.start.ms;
      expect(wall).toBeGreaterThan(1200);
      expect(wall).toBeLessThan(3000);

      // Pause, jump into the second camera's missing stretch, step one frame.
      await page.click('#play');
      await seekTo(page, 2.4);
      await page.click('#fwd');
      await waitUntil(page, 'frame step', async () => {
        const ts = await shownTimes(page);
        return ts.length === 3 && ts.every((t) => Math.abs(t - (m.range.start.ms + 2440)) < 5);
      });
      expect(await page.locator('#now').innerText()).toBe('20:15:02');
      expect(await page.locator('[data-camera="cam-02"]').getAttribute('class')).toContain('gap');
      // Says what is seen, not a cause it cannot know (camera offline or recorder stopped).
      expect(await page.locator('[data-camera="cam-02"] .badge').innerText()).toBe(
        'Không có hình — giữ khung hình cuối',
      );
      await page.click('[data-rate="2"]');
      expect(await page.locator('[data-rate="2"]').getAttribute('class')).toContain('on');

      expect(problems).toEqual([]);
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'export-player.png') });
    } finally {
      await browser.close();
    }
  });
});
