import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { InputOf, OutputOf, ProcedureName } from '../../../shared/contract';
import { createBackend } from '../index';
import { checkDataFolder } from '../system/dataFolder';
import { VAULT_FILE } from '../vault/file';
import { CliError, type CliIo, type CliSession } from './types';

/** Checks that DIR exists and holds a Deflect store, with a message that says which is wrong. */
export function requireStoreDir(dataDir: string | undefined): string {
  if (!dataDir) throw new CliError('Missing --data-dir DIR (the folder that holds deflect.db).', 2);
  const dir = resolve(dataDir);
  const folder = checkDataFolder(dir, { source: 'argument' }, 'cli');
  if (folder.state === 'ready') return dir;
  if (folder.state === 'unreachable' || folder.state === 'store_missing')
    throw new CliError(`${folder.problem} Nothing was changed.`);
  if (!existsSync(dir))
    throw new CliError(
      `Cannot reach the data folder ${dir}: it does not exist (if it is on a USB drive or a network share, connect it). Nothing was changed.`,
    );
  throw new CliError(
    readdirSync(dir).length === 0
      ? `${dir} is empty: create a store there with "init" first.`
      : `${dir} is not a Deflect data folder (no ${VAULT_FILE} in it).`,
  );
}

async function ask(question: string): Promise<string> {
  if (!process.stdin.isTTY)
    throw new CliError(`${question.replace(/:\s*$/, '')} is needed: set it in the environment or run in a terminal.`, 2);
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    return await new Promise<string>((res) => {
      rl.question(question, (answer) => {
        process.stderr.write('\n');
        res(answer);
      });
      muted = true;
    });
  } finally {
    rl.close();
  }
}

export function makeIo(): CliIo {
  const io: CliIo = {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    env: process.env,
    async secret(envName, question, opts) {
      const fromEnv = process.env[envName];
      if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
      if (!process.stdin.isTTY) throw new CliError(`Set ${envName} or run in a terminal to be asked for it.`, 2);
      const first = await ask(`${question}: `);
      if (opts?.confirm) {
        const again = await ask(`Repeat ${question.toLowerCase()}: `);
        if (again !== first) throw new CliError('The two entries do not match; nothing was changed.');
      }
      return first;
    },
    async session(dataDir, username) {
      const dir = requireStoreDir(dataDir);
      if (!username) throw new CliError('Missing --user USERNAME (the account to act as).', 2);
      const password = await io.secret('DEFLECT_PASSWORD', `Password for ${username}`);
      return openSession(dir, username, password);
    },
  };
  return io;
}

export async function openSession(dataDir: string, username: string, password: string): Promise<CliSession> {
  const { backend, router } = createBackend({ dataDir });
  const login = await router.invoke('auth.login', { username, password });
  if (!login.ok) {
    backend.shutdown();
    throw new CliError(login.error.message);
  }
  return {
    backend,
    async call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
      const r = await router.call(name, input);
      if (!r.ok) {
        throw new CliError(
          r.error.field ? `${r.error.field}: ${r.error.message}` : r.error.message,
          r.error.code === 'invalid_input' ? 2 : 1,
        );
      }
      return r.value as OutputOf<N>;
    },
    close() {
      // Logs out (audited) and lets go of the data folder.
      backend.shutdown();
    },
  };
}
