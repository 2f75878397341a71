// Camera list grouping by tổ dân phố and diacritic-insensitive search.
import type { Camera } from '../../electron/contract/schemas';

function normalise(s: string): string {
  // Search without diacritics: "ngo 12" finds "Ngõ 12"; đ is not a combining mark.
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export function groupCameras(cameras: readonly Camera[], query: string): [string, Camera[]][] {
  const q = normalise(query.trim());
  const groups = new Map<string, Camera[]>();
  for (const c of cameras) {
    if (q && !normalise(`${c.name} ${c.location} ${c.group}`).includes(q)) continue;
    const list = groups.get(c.group) ?? [];
    list.push(c);
    groups.set(c.group, list);
  }
  return [...groups.entries()].sort(([a], [b]) => {
    if (a === '') return 1; // ungrouped last
    if (b === '') return -1;
    return a.localeCompare(b, 'vi', { numeric: true });
  });
}
