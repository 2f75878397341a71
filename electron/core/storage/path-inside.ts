// Whether one folder is another or lies inside it. path.relative compares
// case-insensitively on Windows, where E:\Exports and e:\exports are one folder,
// and never matches /media/u/USB2 against /media/u/USB. Checks that guard the
// station's own folders compare real paths (isInsideReal): a symlink or a bind
// path must not lead an export or a storage root into them.
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  // "..x" is a folder named "..x" inside parent, not a step out of it.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The path with every symlink resolved, for a path that may not exist yet: the
 * deepest existing ancestor is resolved and the rest appended.
 */
export async function realPathOf(path: string): Promise<string> {
  let head = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(head), ...rest);
    } catch {
      const up = dirname(head);
      if (up === head) return resolve(path);
      rest.unshift(basename(head));
      head = up;
    }
  }
}

/** isInside on real paths (both sides resolved). */
export async function isInsideReal(child: string, parent: string): Promise<boolean> {
  const [c, p] = await Promise.all([realPathOf(child), realPathOf(parent)]);
  return isInside(c, p);
}
