import { parseArgs } from 'node:util';
import { logError } from '../log';
import { COMMANDS } from './commands';
import { type CliCommand, CliError, type CliIo } from './types';

function help(io: CliIo): void {
  io.out('Deflect admin command line. Usage: npm run --silent deflect -- <command> [options]\n');
  for (const c of COMMANDS) io.out(`  ${c.usage}\n      ${c.summary}`);
  io.out('\nPasswords never go on the command line: set DEFLECT_PASSWORD (and DEFLECT_NEW_PASSWORD) or type them when asked.');
}

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | null {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
  }
  let best: CliCommand | null = null;
  for (const c of COMMANDS) {
    const parts = c.name.split(' ');
    if (parts.every((p, i) => words[i] === p) && (!best || parts.length > best.name.split(' ').length)) best = c;
  }
  return best ? { command: best, rest: argv.slice(best.name.split(' ').length) } : null;
}

/** Runs one command; returns the process exit code. Errors are one clear line on stderr. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    help(io);
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    io.err(
      `Unknown command: ${argv
        .filter((a) => !a.startsWith('-'))
        .slice(0, 2)
        .join(' ')}. Run "help" for the list.`,
    );
    return 2;
  }
  const { command, rest } = found;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: true });
    } catch (err) {
      throw new CliError(`${(err as Error).message.split('\n')[0]} Usage: ${command.usage}`, 2);
    }
    if (parsed.positionals.length > (command.maxPositionals ?? 0)) {
      throw new CliError(`Unexpected argument "${parsed.positionals[command.maxPositionals ?? 0]}". Usage: ${command.usage}`, 2);
    }
    return await command.run(
      { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals },
      io,
    );
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`deflect ${command.name}: ${err.message}`);
      return err.exitCode;
    }
    logError(`command ${command.name} failed`, err);
    io.err(`deflect ${command.name}: an unexpected error occurred; nothing was changed.`);
    return 1;
  }
}
