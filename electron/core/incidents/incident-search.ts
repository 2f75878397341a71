// The incident_search FTS5 row of an incident and the MATCH expression of a
// user's search text. Both sides are folded the same way (text-fold.ts).
import { INCIDENT_CATEGORY_LABELS } from '../../contract/incident-labels';
import type { IncidentCategory } from '../../contract/incident-schemas';
import type { Queryable } from '../db/database';
import { foldVietnamese } from './text-fold';

export interface SearchableIncident {
  code: string;
  category: IncidentCategory;
  location: string;
  description: string;
  cameraNames: readonly string[];
  /** Who logged it; an officer searches for a colleague's incidents by name. */
  officerNames: readonly string[];
}

/** The category in both console languages: "trom cap" and "theft" find a theft alike. */
function categoryWords(c: IncidentCategory): string[] {
  return [INCIDENT_CATEGORY_LABELS.vi[c], INCIDENT_CATEGORY_LABELS.en[c]];
}

export function searchBody(i: SearchableIncident): string {
  return foldVietnamese(
    [
      i.code,
      ...categoryWords(i.category),
      i.location,
      i.description,
      ...i.cameraNames,
      ...i.officerNames,
    ].join(' '),
  );
}

/** Replaces the incident's search row (FTS5 tables have no upsert). */
export async function writeSearchRow(
  q: Queryable,
  incidentId: string,
  i: SearchableIncident,
): Promise<void> {
  await q.run('DELETE FROM incident_search WHERE incident_id = ?', [incidentId]);
  await q.run('INSERT INTO incident_search (incident_id, body) VALUES (?, ?)', [
    incidentId,
    searchBody(i),
  ]);
}

/** Most terms one search may hold; longer input is cut rather than refused. */
const MAX_TERMS = 16;

/**
 * `"trom"* AND "cap"*` for "Trộm cắp", or null when the text has no word.
 * Only letter/digit runs become terms (what the unicode61 tokenizer would index),
 * each quoted, so user text can never be read as FTS syntax (NEAR, -, :, ^, …).
 */
export function matchExpression(text: string): string | null {
  const terms = foldVietnamese(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  if (terms.length === 0) return null;
  return terms
    .slice(0, MAX_TERMS)
    .map((t) => `"${t.replace(/"/g, '""')}"*`)
    .join(' AND ');
}
