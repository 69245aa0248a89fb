// Lint rules, type-aware, including the layer rules: every folder of src/ imports only the folders
// inward of it (LAYERS), the pure core imports no I/O module, and no import cycle exists anywhere in
// src/. docs/architecture.md explains the layers; test/lint/layers.test.ts proves the rules bite.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * The folders of src/ and what each may import besides itself, inner layers first. The core is pure
 * Zoiper knowledge; services are the use cases; config and fs are small helpers of the adapters;
 * storage, server and client are adapters; app wires them; the CLI is the outermost entry point.
 */
export const LAYERS = {
  core: [],
  services: ['core'],
  config: ['core', 'services'],
  fs: ['core'],
  storage: ['core', 'services', 'config', 'fs'],
  server: ['core', 'services', 'config'],
  client: ['core', 'fs'],
  app: ['core', 'services', 'config', 'fs', 'storage'],
  cli: ['core', 'services', 'config', 'fs', 'storage', 'server', 'client', 'app'],
};

const ioModules = [
  'node:fs',
  'node:fs/promises',
  'node:http',
  'node:https',
  'node:net',
  'node:child_process',
  'fs',
  'http',
  'https',
  'net',
];

const layerZones = Object.entries(LAYERS).map(([folder, inward]) => ({
  target: `./src/${folder}`,
  from: './src',
  except: [folder, ...inward].map((name) => `./${name}`),
  message: `src/${folder} may import only ${inward.length === 0 ? 'itself' : `itself and ${inward.join(', ')}`} (see docs/architecture.md).`,
}));

export default tseslint.config(
  {
    ignores: ['dist/**', 'coverage/**', 'data/**', 'node_modules/**', 'test/fixtures/lint/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // An async function without await is how a fake, or an answer deliberately given later,
      // returns a promise whose failures are rejections.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // vitest's asymmetric matchers (expect.stringContaining) are typed any.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // How the import rules read a TypeScript file and follow its relative `.js` imports to `.ts`.
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: import.meta.dirname })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ioModules.map((name) => ({ name, message: 'The core is pure: no I/O.' })) },
      ],
    },
  },
);
