// Lint: typescript-eslint's recommended rules, type-aware promise checks, and the
// architecture's boundaries (docs/ARCHITECTURE.md "Layers"): core imports nothing outside core
// and no SDK, driver or framework; storage, ingest and http import core, not the platforms;
// a platform folder never imports another; no import cycle, type imports included; short
// functions. Formatting is Prettier's (npm run format:check).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';
import noCycleWithTypes from './eslint-rules/no-cycle-with-types.js';

const OUTSIDE_CORE = [
  'grammy',
  'grammy/*',
  '@grammyjs/*',
  'discord.js',
  '@discordjs/*',
  'discord-api-types',
  'discord-api-types/*',
  'hono',
  'hono/*',
  '@hono/*',
  '@prisma/*',
  'pg',
  'better-sqlite3',
  'ioredis',
  'bullmq',
  'undici',
  'node-cron',
  'pino',
  'prom-client',
];
// Every folder of src/platforms is a platform: a new one is covered without editing this file.
const PLATFORMS = readdirSync(new URL('./src/platforms/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default tseslint.config(
  { ignores: ['node_modules/', '.scratch/', 'src/store/generated/', 'prisma/generated/', 'coverage/', 'data/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX, herald: { rules: { 'no-cycle': noCycleWithTypes } } },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      // Without these, import-x's module map skips .ts files and a cycle check follows no edge.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/ignore': ['/src/store/generated/', 'node_modules'],
    },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      // import-x/no-cycle skips `import type`, with no option to count it: the local rule does.
      'herald/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // A test file keeps one subject's cases together; it may run longer than a source file.
    files: ['test/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }] },
  },
  {
    // A promise nobody awaits or catches is a failure nobody hears of.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Longer functions are named exemptions: `// eslint-disable-next-line max-lines-per-function -- why`.
    files: ['src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: OUTSIDE_CORE,
              message: 'src/core stays free of SDKs, drivers and frameworks: it declares a port, and src/store, src/platforms or src/http implement it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ingest/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: OUTSIDE_CORE.filter((p) => p !== 'undici'), message: 'src/ingest imports core and its fetch client only.' }] },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/core',
              from: [
                './src/store',
                './src/platforms',
                './src/http',
                './src/ingest',
                './src/cli',
                './src/app',
                './src/queue',
                './src/threads',
                './src/cli.ts',
                './src/config.ts',
                './src/logging.ts',
              ],
              message: 'core is the inner layer: it declares ports and receives what it needs through them.',
            },
            {
              target: './src/core/message',
              from: ['./src/core/conversation', './src/core/delivery', './src/core/digest'],
              message: 'the message model sits below everything that makes or sends messages.',
            },
            { target: ['./src/core/delivery', './src/core/digest'], from: './src/core/conversation', message: 'conversation sits above digest and delivery.' },
            { target: './src/core/delivery', from: './src/core/digest', message: 'digest sits above delivery.' },
            {
              target: './src/store',
              from: ['./src/platforms', './src/http', './src/ingest', './src/cli', './src/app'],
              message: 'storage implements core ports and imports core only.',
            },
            { target: './src/ingest', from: ['./src/platforms', './src/http', './src/cli', './src/app', './src/store'], message: 'ingest imports core only.' },
            {
              target: './src/http',
              from: ['./src/platforms', './src/cli', './src/app'],
              message: 'the HTTP toolkit knows no platform: each platform brings its routes.',
            },
            ...PLATFORMS.map((name) => ({
              target: `./src/platforms/${name}`,
              from: PLATFORMS.filter((other) => other !== name).map((other) => `./src/platforms/${other}`),
              message: 'a platform folder never imports another.',
            })),
            { target: './src/platforms', from: ['./src/app', './src/cli'], message: 'platforms are composed by src/app, not the other way round.' },
          ],
        },
      ],
    },
  },
  {
    // Tests may use loose fixtures.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
