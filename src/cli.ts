// The `herald` command line: finds the subcommand named by the leading words, parses its
// options, runs it, and turns errors into a one-line message and an exit code. A .env file
// in the current directory is read first, if there is one.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from './config.ts';
import { UsageError, type Command, type CommandIo } from './cli/command.ts';
import { commands } from './cli/commands/index.ts';
import { CommandFailed } from './cli/open-herald.ts';
import { projectRoot } from './core/project-root.ts';

const version = () => (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

function commandHelp(command: Command): string {
  const options = Object.entries(command.options ?? {}).map(
    ([name, o]) => `--${name}${o.type === 'string' ? ' VALUE' : ''}${o.default !== undefined ? ` (default ${String(o.default)})` : ''}`,
  );
  return [
    `Usage: herald ${command.name}${command.usage ? ` ${command.usage}` : ''}`,
    '',
    command.summary,
    ...(options.length > 0 ? ['', 'Options:', ...options.map((o) => `  ${o}`)] : []),
    '',
  ].join('\n');
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length + (c.usage ? c.usage.length + 1 : 0)));
  return [
    'Usage: herald <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${`${c.name}${c.usage ? ` ${c.usage}` : ''}`.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from the environment (and ./.env); see .env.example.',
    '',
  ].join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const byLength = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

export async function main(argv: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  if (io.env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(help());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-V' || argv[0] === 'version') {
    io.stdout.write(`herald ${version()}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.stderr.write(`herald: unknown command "${argv.join(' ')}"\n\n${help()}`);
    return 2;
  }
  const { command, rest } = found;
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (options.includes('--help') || options.includes('-h')) {
    io.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
    return await command.run({ values, positionals }, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`herald ${command.name}: ${(error as Error).message}\nUsage: herald ${command.name} ${command.usage ?? ''}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`herald: ${error.message}\n`);
      return 1;
    }
    if (error instanceof CommandFailed) {
      io.stderr.write(`herald ${command.name}: ${error.message}\n`);
      return 1;
    }
    // One line: a driver's message may carry a stack trace (Prisma's Wasm engine does).
    io.stderr.write(`herald ${command.name}: ${String((error as Error).message).split('\n')[0]}\n`);
    return 1;
  }
}
