// A core domain imports another only through its public modules: its service, its
// public reads and its types, declared per domain in electron/core/domain-public.json.
// Everything else in a domain folder can change with that domain alone. Shared
// infrastructure (`open`) is public throughout; the composition root (`composer`)
// builds every service and may import any module; db/ composes every domain's
// `<domain>-migrations`.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Paths are taken from the repository root, so linting from a subfolder checks the same files.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const map = JSON.parse(
  readFileSync(join(repoRoot, 'electron', 'core', 'domain-public.json'), 'utf8'),
);

const MIGRATIONS = /(^|\/)[\w-]+-migrations$/;

/**
 * Domain folder and module (path inside it, no extension; `index` for the folder itself)
 * of a path under electron/core/<domain>/.
 */
function locate(path) {
  const parts = relative(repoRoot, path).split(sep);
  if (parts[0] !== 'electron' || parts[1] !== 'core' || parts.length < 3) return undefined;
  const module =
    parts
      .slice(3)
      .join('/')
      .replace(/\.(ts|tsx|js|mjs|cjs)$/, '')
      .replace(/(^|\/)index$/, '') || 'index';
  return { domain: parts[2], module };
}

/** Why `module` of `target` may not be imported from `from`, or undefined when it may. */
function refusal(from, target, module) {
  if (from === target || from === map.composer) return undefined;
  if (Object.hasOwn(map.open, target)) return undefined;
  if (from === 'db' && MIGRATIONS.test(module)) return undefined;
  const publics = map.domains[target];
  if (publics === undefined) return { messageId: 'undeclared' };
  if (Object.hasOwn(publics, module)) return undefined;
  const names = Object.keys(publics);
  return { messageId: 'private', publics: names.length ? names.join(', ') : 'none' };
}

/** @type {import('eslint').Rule.RuleModule} */
const publicDomainImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Import another core domain only through its public modules' },
    schema: [],
    messages: {
      private:
        "'{{module}}' is private to the {{target}} domain: {{from}}/ may import only its public modules ({{publics}}), listed in electron/core/domain-public.json.",
      undeclared:
        'electron/core/{{target}}/ is not declared in electron/core/domain-public.json: declare its public modules there.',
    },
  },
  create(context) {
    // Files directly in electron/core/ belong to no domain.
    const here =
      relative(repoRoot, context.filename).split(sep).length > 3
        ? locate(context.filename)
        : undefined;
    if (here === undefined) return {};

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const there = locate(resolve(dirname(context.filename), source));
      if (there === undefined) return;
      const why = refusal(here.domain, there.domain, there.module);
      if (why === undefined) return;
      context.report({
        node,
        messageId: why.messageId,
        data: {
          module: there.module,
          target: there.domain,
          from: here.domain,
          publics: why.publics,
        },
      });
    }

    const fromSource = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
    };
  },
};

export default { rules: { 'public-domain-imports': publicDomainImports } };
