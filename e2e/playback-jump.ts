// Playback specs' way to the moment they check: the jump-to-time fields, in station time.
import type { Page } from '@playwright/test';

/** Station time (UTC+7) for the date and time fields. */
export function stationParts(ms: number): { date: string; time: string } {
  const iso = new Date(ms + 7 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) };
}

export async function jumpTo(page: Page, ms: number): Promise<void> {
  const { date, time } = stationParts(ms);
  await page.getByTestId('playback-date').fill(date);
  await page.getByTestId('playback-time').fill(time);
  await page.getByTestId('playback-go').click();
}
