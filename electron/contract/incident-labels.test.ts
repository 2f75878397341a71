import { describe, expect, it } from 'vitest';
import { INCIDENT_CATEGORY_LABELS, INCIDENT_SEVERITY_LABELS } from './incident-labels';
import { IncidentCategory, IncidentSeverity } from './incident-schemas';
import { Language } from './schemas';

describe('incident labels', () => {
  for (const [name, labels, values] of [
    ['category', INCIDENT_CATEGORY_LABELS, IncidentCategory.options],
    ['severity', INCIDENT_SEVERITY_LABELS, IncidentSeverity.options],
  ] as const) {
    it(`every ${name} of the schema has a non-empty label in each language, and no other`, () => {
      for (const language of Language.options) {
        const table: Readonly<Record<string, string>> = labels[language];
        expect(Object.keys(table).sort(), language).toEqual([...values].sort());
        for (const value of values)
          expect(table[value]?.trim(), `${language} ${value}`).toBeTruthy();
      }
    });

    it(`no two ${name} values read the same`, () => {
      for (const language of Language.options) {
        const words = Object.values(labels[language]);
        expect(new Set(words).size, language).toBe(words.length);
      }
    });
  }
});
