// Message keys for a table of labels kept outside the locale files (in the contract).

/** { theft: 'Theft' } under 'incident.category' → { 'incident.category.theft': 'Theft' } */
export function prefixKeys<P extends string, K extends string>(
  prefix: P,
  labels: Readonly<Record<K, string>>,
): Record<`${P}.${K}`, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries<string>(labels)) out[`${prefix}.${key}`] = text;
  return out as Record<`${P}.${K}`, string>;
}
