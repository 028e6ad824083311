// Lint: typescript-eslint's recommended rules, plus the architecture's import boundaries
// (ARCHITECTURE.md "Layers"): core and ingest import no platform SDK and no HTTP framework,
// core imports no outer layer, a bot folder never imports another, and no import cycles.
import js from '@eslint/js';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

const PLATFORM_AND_HTTP = ['grammy', 'grammy/*', '@grammyjs/*', 'discord.js', '@discordjs/*', 'hono', 'hono/*', '@hono/*'];
const platformFree = {
  patterns: [{ group: PLATFORM_AND_HTTP, message: 'src/core and src/ingest stay free of platform SDKs and HTTP frameworks: put this in src/bots or src/http.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/', '.scratch/', 'src/store/generated/', 'prisma/generated/', 'coverage/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/ingest/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', platformFree] },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/core', from: ['./src/bots', './src/http', './src/ingest', './src/cli', './src/main.ts', './src/config.ts', './src/logging.ts'], message: 'core is the inner layer: it receives what it needs through ports.' },
            { target: './src/ingest', from: ['./src/bots', './src/http', './src/cli', './src/main.ts'], message: 'ingest imports core only.' },
            { target: './src/bots/telegram', from: ['./src/bots/discord', './src/bots/web'], message: 'a bot folder never imports another.' },
            { target: './src/bots/discord', from: ['./src/bots/telegram', './src/bots/web'], message: 'a bot folder never imports another.' },
            { target: './src/bots/web', from: ['./src/bots/telegram', './src/bots/discord'], message: 'a bot folder never imports another.' },
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
