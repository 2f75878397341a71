import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The visual parity run: screenshots of the main screens compared pixel for pixel
// against a baseline kept outside the repo (a refactor of the styles must not move a
// pixel). Before the change:
//   VISUAL_BASELINE_DIR=/tmp/baseline npx playwright test -c e2e/visual-parity.config.ts --update-snapshots
// after it, the same command without --update-snapshots.
const baselineDir = process.env.VISUAL_BASELINE_DIR ?? '../visual-baseline';

export default defineConfig({
  ...base,
  testMatch: /visual-parity\.spec\.ts$/,
  testIgnore: [],
  snapshotPathTemplate: `${baselineDir}/{arg}{ext}`,
  // Not one pixel may move. threshold 0.01 lets a pixel's colour differ by at most two
  // levels of 255: two runs of the same build differ that much under translucent layers.
  expect: { ...base.expect, toHaveScreenshot: { maxDiffPixels: 0, threshold: 0.01 } },
  // bypassCSP: the console's CSP refuses inline styles, which is how Playwright hides
  // the moving pictures (visual-parity.css) while it takes a screenshot.
  use: { ...base.use, viewport: { width: 1366, height: 768 }, bypassCSP: true },
});
