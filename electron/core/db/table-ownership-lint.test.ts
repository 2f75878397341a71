// The repository's ESLint configuration refuses SQL on another domain's tables
// (eslint-rules/no-cross-domain-sql.js over table-owners.json) and lets a domain
// query its own.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const RULE = 'tables/no-cross-domain-sql';
// Real files of the export domain: the type-aware parser only lints files its projects hold.
const EXPORT_FILE = 'electron/core/export/export-plan.ts';
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
// Only this rule runs: the fixtures are not meant to satisfy the others.
const eslint = new ESLint({ cwd: repoRoot, ruleFilter: ({ ruleId }) => ruleId === RULE });

/** This rule's messages for `code` linted as if it lived at `filePath`. */
async function tableFindings(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  // A parse error or an unloaded rule must fail the test, not pass it quietly.
  expect(messages.filter((m) => m.ruleId !== RULE)).toEqual([]);
  return messages.map((m) => m.message);
}

describe('no-cross-domain-sql', () => {
  it("reports a read of another domain's table, naming its owner", async () => {
    const found = await tableFindings(
      `export const names = (db: { all(sql: string): unknown }) =>
         db.all('SELECT id, name FROM cameras ORDER BY name');`,
      EXPORT_FILE,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("Table 'cameras' belongs to the cameras domain");
    expect(found[0]).toContain('call the cameras service');
  });

  it('reports each foreign table of a template literal, and is quiet on the own one', async () => {
    const found = await tableFindings(
      'export const sql = (w: string) => `SELECT e.id FROM exports e\n' +
        '  join Incidents i ON i.id = e.incident_id LEFT JOIN "officers" o ON o.id = e.officer_id WHERE ${w}`;',
      EXPORT_FILE,
    );
    expect(found.map((m) => m.split("'")[1])).toEqual(['incidents', 'officers']);
  });

  it('reads every table of a comma-separated FROM list', async () => {
    const found = await tableFindings(
      `export const q = 'SELECT 1 FROM exports e, incidents AS i, "officers" WHERE e.id = ?';`,
      EXPORT_FILE,
    );
    expect(found.map((m) => m.split("'")[1])).toEqual(['incidents', 'officers']);
  });

  it("stays quiet on a domain's own tables and on ordinary text", async () => {
    const found = await tableFindings(
      `export const q = 'SELECT * FROM exports WHERE id = ?';
       export const note = 'copied from the station';`,
      EXPORT_FILE,
    );
    expect(found).toEqual([]);
  });

  it('lets tests and testing fixtures seed any table', async () => {
    const code = `export const seed = "INSERT INTO cameras (id) VALUES ('c1')";`;
    expect(await tableFindings(code, 'electron/core/export/export-service.test.ts')).toEqual([]);
    expect(await tableFindings(code, 'electron/core/export/testing/footage-fixture.ts')).toEqual(
      [],
    );
  });

  it('lets a migration declare a foreign key to another domain, not read its table', async () => {
    const step = 'CREATE TABLE exports (officer_id TEXT REFERENCES officers (id)) STRICT;';
    expect(
      await tableFindings(
        `export const s = '${step}';`,
        'electron/core/export/export-migrations.ts',
      ),
    ).toEqual([]);
    const read = `export const s = 'INSERT INTO exports SELECT id FROM officers';`;
    expect(await tableFindings(read, 'electron/core/export/export-migrations.ts')).toHaveLength(1);
  });

  it('lets a migration append to the district outbox, gated on the link, and nothing more', async () => {
    const trigger = `CREATE TRIGGER exports_district AFTER INSERT ON exports
      WHEN (SELECT enabled FROM district_link WHERE id = 1) = 1 BEGIN
        INSERT INTO district_outbox (kind, at, payload) VALUES ('export', NEW.started_at, '{}');
      END;`;
    const migrationsFile = 'electron/core/export/export-migrations.ts';
    expect(await tableFindings(`export const s = \`${trigger}\`;`, migrationsFile)).toEqual([]);
    // Reading the outbox, writing the link or touching the requests stays the district's.
    for (const sql of [
      'SELECT seq FROM district_outbox',
      'INSERT INTO district_link (id) VALUES (1)',
      'UPDATE district_link SET enabled = 0',
      'INSERT INTO district_requests (request_id) VALUES (1)',
    ]) {
      const found = await tableFindings(`export const s = "${sql}";`, migrationsFile);
      expect(found, sql).toHaveLength(1);
      expect(found[0], sql).toContain('belongs to the district domain');
    }
  });

  it('keeps the outbox allowance out of ordinary modules', async () => {
    const found = await tableFindings(
      `export const s = "INSERT INTO district_outbox (kind, at, payload) SELECT 'x', 1, '{}' " +
         "WHERE (SELECT enabled FROM district_link WHERE id = 1) = 1";`,
      EXPORT_FILE,
    );
    expect(found.map((m) => m.split("'")[1])).toEqual(['district_outbox', 'district_link']);
  });
});
