// Renders prisma/models.prisma into one schema per database provider and generates a Prisma
// client for each. Runs on `npm install` (postinstall) and after every change to the model.
// Prisma's CLI insists on a native schema engine at start-up even though `generate` never
// uses it; where that binary cannot be downloaded, any existing file satisfies the check.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PROVIDERS = { sqlite: 'sqlite', postgres: 'postgresql' };

export function renderSchema(provider) {
  const models = readFileSync(join(root, 'prisma/models.prisma'), 'utf8');
  return `// GENERATED from prisma/models.prisma by scripts/prisma-generate.js: do not edit.
generator client {
  provider            = "prisma-client"
  output              = "../../src/store/generated/${provider}"
  moduleFormat        = "esm"
  importFileExtension = "ts"
  runtime             = "nodejs"
}

datasource db {
  provider = "${PROVIDERS[provider]}"
}

${models}`;
}

export function writeSchemas() {
  const dir = join(root, 'prisma/generated');
  mkdirSync(dir, { recursive: true });
  return Object.keys(PROVIDERS).map((provider) => {
    const path = join(dir, `${provider}.prisma`);
    writeFileSync(path, renderSchema(provider));
    return path;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
  for (const schema of writeSchemas()) {
    execFileSync(join(root, 'node_modules/.bin/prisma'), ['generate', '--schema', schema], {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
}
