// Writes docs/ref/contract.md from the contract map (npm run docs:contract). Run it after changing
// a channel, an event or a schema; electron/contract/contract-doc.test.ts fails until you do.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONTRACT_DOC, ROOT, renderContractDoc } from './contract-doc/render-contract-doc';

writeFileSync(path.join(ROOT, CONTRACT_DOC), await renderContractDoc());
console.log(`wrote ${CONTRACT_DOC}`);
