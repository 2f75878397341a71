// Lint rules that keep the architecture honest: raw Electron IPC only in the
// typed wrappers, no `electron` import in core services, React hooks rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import tableRules from './eslint-rules/no-cross-domain-sql.js';
import domainRules from './eslint-rules/public-domain-imports.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'e2e/artifacts/',
      'bench/results/',
      '**/*.py',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    // Type-aware rules: each file is checked with the tsconfig that owns it (root,
    // electron/ or renderer/), found by typescript-eslint's project service.
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error; `void` marks fire-and-forget on purpose.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/contract/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only electron/main and electron/preload may import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer sees only the contract: what both sides share (channels, schemas, media
    // routes and their frames, the RPC client) lives in electron/contract.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': onlyContract() },
  },
  {
    // The contract depends on nothing of the service side, so the renderer can import all of it.
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': onlyContract('^(\\.\\./)+(core|main|service|preload)(/|$)'),
    },
  },
  {
    // ipcMain / ipcRenderer / webContents.send only inside the typed wrappers.
    files: ['electron/main/**/*.ts'],
    // The fake electron module and the tests that drive it stand in for Electron itself.
    ignores: ['electron/main/ipc.ts', 'electron/main/testing/**', 'electron/main/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Identifier[name='ipcMain']",
          message: 'Use the typed wrapper in electron/main/ipc.ts.',
        },
        {
          selector: "MemberExpression[property.name='send'][object.property.name='webContents']",
          message: 'Use the typed wrapper in electron/main/ipc.ts.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // Domains own their tables (electron/core/db/table-owners.json): SQL in a core
    // domain names only its own tables; tests and testing/ fixtures may seed any.
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/**/*.test.ts', 'electron/core/**/testing/**'],
    plugins: { tables: tableRules },
    rules: { 'tables/no-cross-domain-sql': 'error' },
  },
  {
    // A core domain imports another only through its public modules (its service, public
    // reads and types: electron/core/domain-public.json); tests and testing/ may reach in.
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/**/*.test.ts', 'electron/core/**/testing/**'],
    plugins: { domains: domainRules },
    rules: { 'domains/public-domain-imports': 'error' },
  },
  {
    files: ['scripts/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
);

// Zones: the renderer and the contract import electron/contract and nothing else of electron/.
// (Declared down here, hoisted, to keep the config above in reading order.)
function onlyContract(...extraRegexes) {
  const regexes = ['(^|/)electron/(core|main|service|preload)(/|$)', ...extraRegexes];
  return [
    'error',
    {
      // Setting the rule again replaces the earlier block's options, so `electron` stays barred here.
      paths: [
        {
          name: 'electron',
          message: 'Only electron/main and electron/preload may import electron.',
        },
      ],
      patterns: regexes.map((regex) => ({
        regex,
        message:
          'Go through electron/contract: move what both sides need there (pure, no Node APIs) and import it from there.',
      })),
    },
  ];
}
