// docs/ref/contract.md is generated from the contract map; this keeps it from drifting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_DOC,
  ROOT,
  renderContractDoc,
} from '../../scripts/contract-doc/render-contract-doc';
import { contractDomains } from './channels';

describe('the contract reference', () => {
  it('docs/ref/contract.md is up to date with the map (else: npm run docs:contract)', async () => {
    const written = readFileSync(path.join(ROOT, CONTRACT_DOC), 'utf8');
    expect(written).toBe(await renderContractDoc());
  });

  it('lists every channel with its access level under its domain, and every event', async () => {
    const doc = await renderContractDoc();
    for (const { domain, channels, events } of contractDomains) {
      const section = doc.split(`\n## ${domain}\n`)[1]?.split('\n## ')[0] ?? '';
      for (const [name, spec] of Object.entries(channels))
        expect(section).toMatch(
          new RegExp(`^\\| \`${name}\` \\| [^|]+ \\| ${spec.access} \\|`, 'm'),
        );
      for (const name of Object.keys(events)) expect(section).toContain(`| \`${name}\` |`);
    }
  });

  it('names schemas, carries the entry comments and defines each schema it names', async () => {
    const doc = await renderContractDoc();
    expect(doc).toContain(
      '| `incident.update` | `api.incidents.update` | officer | `IncidentUpdate` | `Incident` | Errors: conflict (stale_version)',
    );
    expect(doc).toContain(
      '| `camera.add` | `api.cameras.add` | commander | `CameraInput.strict()` |',
    );
    const schemas = doc.slice(doc.indexOf('\n## Schemas\n'));
    for (const name of ['IncidentUpdate', 'Incident', 'CameraInput', 'Id'])
      expect(schemas).toMatch(new RegExp(`^${name} =`, 'm'));
  });
});
