// Walking the plain objects fast-xml-parser makes, without trusting their shape.

/** The node at `path` below `node`, or undefined when any step is missing. */
export function xmlAt(node: unknown, ...path: string[]): unknown {
  let cur = node;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** A text node, trimmed; '' for anything else. */
export function xmlText(node: unknown): string {
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'number') return String(node);
  return '';
}
