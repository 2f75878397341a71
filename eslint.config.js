// Lint rules that keep the architecture honest: raw Electron IPC only in the
// typed wrappers, no `electron` import in core services, React hooks rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

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
