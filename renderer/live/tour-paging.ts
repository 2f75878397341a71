// Tour mode pages through all cameras, as many per page as the layout has tiles.

export function tourPageCount(cameraCount: number, perPage: number): number {
  if (perPage <= 0 || cameraCount <= 0) return 1;
  return Math.ceil(cameraCount / perPage);
}

/** The tiles of one tour page; the last page is padded with empty tiles. */
export function tourPage(
  cameraIds: readonly string[],
  perPage: number,
  page: number,
): (string | null)[] {
  const pages = tourPageCount(cameraIds.length, perPage);
  const p = ((page % pages) + pages) % pages;
  const slice: (string | null)[] = cameraIds.slice(p * perPage, p * perPage + perPage);
  while (slice.length < perPage) slice.push(null);
  return slice;
}

export function nextTourPage(page: number, cameraCount: number, perPage: number): number {
  return (page + 1) % tourPageCount(cameraCount, perPage);
}
