import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser; one worker because every test
// runs a real core with ffmpeg children and a real RTSP rig on 2 cores.
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  // Compared against a baseline outside the repo: run with visual-parity.config.ts.
  testIgnore: /visual-parity\.spec\.ts$/,
  // The 10-minute false-alarm soak runs only when asked for (npm run test:soak).
  ...(process.env.STATION_SOAK ? {} : { grepInvert: /@soak/ }),
  outputDir: '../test-results',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]],
  globalSetup: './global-setup.ts',
  use: {
    browserName: 'chromium',
    viewport: { width: 1600, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
        // As the console's own Chromium window: date fields in dd/mm/yyyy (needs chromium-l10n).
        '--lang=vi',
      ],
      env: { ...process.env, LANGUAGE: 'vi' },
    },
  },
});
