// Whether one folder is another or lies inside it, by path (no file-system access).
// path.relative compares case-insensitively on Windows, where E:\Exports and
// e:\exports are one folder, and never matches /media/u/USB2 against /media/u/USB.
import { isAbsolute, relative } from 'node:path';

export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
