// Lint, plus the import boundaries of the architecture (VS Code-style layering):
//   renderer/  never imports electron, Node built-ins or electron/
//   shared/    imports neither side (no electron, no Node, no DOM libraries, no react)
//   electron/  only the shell (electron/main) and the preload (electron/preload/index.ts) import 'electron'; inside it the layers
//              (ARCHITECTURE.md, "Layers") are checked by the local rule eslint-rules/zone.js
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import zone from './eslint-rules/zone.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload/index.ts may import electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.name='parseInt'][arguments.0.name=/idOperazioneANPR|idSchedaSoggettoANPR/]", message: 'ANPR identifiers are text.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandbox: no Node built-ins.' }))],
          patterns: [{ group: ['**/electron/**', '**/electron'], message: 'The renderer talks to the core only through the bridge.' }],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noElectron,
            ...nodeBuiltins.map((name) => ({ name, message: 'shared/ runs in the renderer too: no Node built-ins.' })),
            { name: 'react', message: 'shared/ has no UI code.' },
          ],
          patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports neither side.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['**/renderer/**'], message: 'The core never imports the renderer.' }] }],
    },
  },
  {
    files: ['electron/preload/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'A sandboxed preload cannot load Node built-ins.' })),
          patterns: [{ regex: '^\\.\\.?/(?!\\.\\./shared/ipc/)', message: 'The preload imports only electron and shared/ipc.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    plugins: { sportello: { rules: { zone } } },
    rules: {
      'sportello/zone': [
        'error',
        {
          // Each host on its own: nothing imports a host, and no host imports another (electron/hosts/path-guard.ts,
          // beside them, is what the shell and the web host share).
          hosts: ['electron/main', 'electron/preload', 'electron/hosts/web', 'electron/hosts/cli'],
          zones: [
            // The ANPR protocol: the official interface, signing, transport, XSD. Clock, logger and secret store are injected.
            { folder: 'electron/anpr', may: ['shared', 'electron/anpr'], types: ['electron/core/clock', 'electron/platform/logger', 'electron/platform/secrets'] },
            // The training simulator plays ANPR: the protocol, the official tables and the PDF writer, never the app's features.
            { folder: 'electron/simulator', may: ['shared', 'electron/anpr', 'electron/simulator', 'electron/platform/tabelle', 'electron/platform/pdf-writer', 'electron/platform/logger', 'electron/core/clock'] },
            // The platform (database, log, secrets, tables, PDF writer, settings, IPC router) knows nothing above it.
            { folder: 'electron/platform', may: ['shared', 'electron/platform'], types: ['electron/core/clock'] },
          ],
        },
      ],
    },
  },
);
