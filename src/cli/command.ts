// What a `herald` subcommand is. Adding one: write a file in src/cli/commands/ exporting a
// Command, and list it in src/cli/commands/index.ts.
import type { ParseArgsConfig } from 'node:util';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export interface CommandArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface Command {
  /** The words that name it: "start", "catalog check". */
  name: string;
  summary: string;
  /** Shown after the name in help: "[--role all|web|…]". */
  usage?: string;
  options?: ParseArgsConfig['options'];
  /** Returns the process exit code. */
  run(args: CommandArgs, io: CommandIo): Promise<number>;
}

export class UsageError extends Error {}
