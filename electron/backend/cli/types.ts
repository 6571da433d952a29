import type { ParseArgsConfig } from 'node:util';
import type { InputOf, OutputOf, ProcedureName } from '../../../shared/contract';
import type { Backend } from '../backend';

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface CliArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** One admin command, e.g. `user add`. Slices export their own and `commands.ts` lists them. */
export interface CliCommand {
  /** The words before the options, e.g. 'providers import'. */
  name: string;
  summary: string;
  usage: string;
  options: ParseArgsOptionsConfig;
  /** How many positional arguments (after the command words) it takes at most. */
  maxPositionals?: number;
  run(args: CliArgs, io: CliIo): Promise<number>;
}

export interface CliSession {
  call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  backend: Backend;
  /** Logs out (audited), closes the database and releases the data folder. */
  close(): void;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Reads a secret from the environment variable, or asks for it at the terminal without echo. */
  secret(envName: string, question: string, opts?: { confirm?: boolean }): Promise<string>;
  /** Logs USERNAME in on DATA_DIR with the password from DEFLECT_PASSWORD or a prompt. */
  session(dataDir: string | undefined, username: string | undefined): Promise<CliSession>;
}

/** A failure to report as one line on stderr with a non-zero exit. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Common options. */
export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const;
export const USER_OPTION = { user: { type: 'string' } } as const;

export function requireString(args: CliArgs, name: string): string {
  const v = args.values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`Missing --${name}.`, 2);
  return v;
}
