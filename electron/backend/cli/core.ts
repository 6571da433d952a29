import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { anchorTextSchema } from '../../../shared/contract/audit';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { createBackend } from '../index';
import { checkDataFolder } from '../system/dataFolder';
import { openSession, requireStoreDir } from './io';
import { type CliCommand, CliError, DATA_DIR_OPTION, requireString, USER_OPTION } from './types';

const init: CliCommand = {
  name: 'init',
  summary: 'Create a new encrypted store with its first administrator; prints the recovery key once.',
  usage:
    'init --data-dir DIR --department NAME --admin USERNAME [--admin-name "DISPLAY NAME"]   (password: DEFLECT_PASSWORD or prompt)',
  options: { ...DATA_DIR_OPTION, department: { type: 'string' }, admin: { type: 'string' }, 'admin-name': { type: 'string' } },
  async run(args, io) {
    const dir = resolve(requireString(args, 'data-dir'));
    const department = requireString(args, 'department');
    const admin = requireString(args, 'admin');
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      if (existsSync(resolve(dir, 'deflect.vault.json')))
        throw new CliError(`${dir} already holds a Deflect store; nothing was changed.`);
      throw new CliError(`${dir} is not empty and is not a Deflect data folder; choose an empty or new folder.`);
    }
    // "init" names its folder on purpose: a new empty folder is fine, one on a drive that is not there is not.
    const folder = checkDataFolder(dir, { source: 'argument' }, 'cli');
    if (folder.state === 'unreachable' || folder.state === 'store_missing')
      throw new CliError(`${folder.problem} Nothing was changed.`);
    const password = await io.secret('DEFLECT_PASSWORD', `New password for ${admin}`, { confirm: true });
    const { backend, router } = createBackend({ dataDir: dir });
    const displayName = typeof args.values['admin-name'] === 'string' ? args.values['admin-name'] : admin;
    const r = await router.invoke('auth.setup', {
      department: { name: department },
      admin: { username: admin, displayName, password },
      newFolderConfirmed: true,
    });
    backend.shutdown();
    if (!r.ok)
      throw new CliError(
        r.error.field ? `${r.error.field}: ${r.error.message}` : r.error.message,
        r.error.code === 'invalid_input' ? 2 : 1,
      );
    io.out(`Created a Deflect store in ${dir} with administrator "${admin}".`);
    io.out('Recovery key (shown this once; write it down and keep it away from this computer):');
    io.out(r.value.recoveryKey);
    return 0;
  },
};

const status: CliCommand = {
  name: 'status',
  summary: 'Print the schema version and a row count per table, as JSON.',
  usage: 'status --data-dir DIR --user USERNAME',
  options: { ...DATA_DIR_OPTION, ...USER_OPTION },
  async run(args, io) {
    const session = await io.session(args.values['data-dir'] as string | undefined, args.values.user as string | undefined);
    try {
      const s = await session.call('system.status', {});
      io.out(JSON.stringify({ dataDir: session.backend.dataDir, ...s }, null, 2));
      return 0;
    } finally {
      session.close();
    }
  },
};

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new CliError(`--role must be one of: ${ROLES.join(', ')}.`, 2);
  return value as Role;
}

const userAdd: CliCommand = {
  name: 'user add',
  summary:
    'Create a staff account (the new password comes from DEFLECT_NEW_PASSWORD or a prompt; it must be changed at first login).',
  usage:
    'user add --data-dir DIR --user ADMIN --username NEW --role officer|coresponder|coordinator|admin [--name "DISPLAY NAME"]',
  options: {
    ...DATA_DIR_OPTION,
    ...USER_OPTION,
    username: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
  },
  async run(args, io) {
    const username = requireString(args, 'username');
    const role = parseRole(requireString(args, 'role'));
    const session = await io.session(args.values['data-dir'] as string | undefined, args.values.user as string | undefined);
    try {
      const password = await io.secret('DEFLECT_NEW_PASSWORD', `Temporary password for ${username}`, { confirm: true });
      const displayName = typeof args.values.name === 'string' ? args.values.name : username;
      const { user } = await session.call('users.create', { username, displayName, role, password });
      io.out(`Created ${user.role} "${user.username}"; they must choose a new password at first login.`);
      return 0;
    } finally {
      session.close();
    }
  },
};

const revealKey: CliCommand = {
  name: 'reveal-key',
  summary: 'Administrators only, audited: print the raw database key (64 hex characters) for use with any SQLCipher 4 client.',
  usage: 'reveal-key --data-dir DIR --user ADMIN',
  options: { ...DATA_DIR_OPTION, ...USER_OPTION },
  async run(args, io) {
    const dir = requireStoreDir(args.values['data-dir'] as string | undefined);
    const username = requireString(args, 'user');
    const password = await io.secret('DEFLECT_PASSWORD', `Password for ${username}`);
    const session = await openSession(dir, username, password);
    try {
      const { keyHex } = await session.call('system.revealKey', { password });
      io.out(keyHex);
      return 0;
    } finally {
      session.close();
    }
  },
};

const recover: CliCommand = {
  name: 'recover',
  summary:
    "Set a new password for an administrator with the store's recovery key (DEFLECT_RECOVERY_KEY and DEFLECT_NEW_PASSWORD, or prompts).",
  usage: 'recover --data-dir DIR --username ADMIN',
  options: { ...DATA_DIR_OPTION, username: { type: 'string' } },
  async run(args, io) {
    const dir = requireStoreDir(args.values['data-dir'] as string | undefined);
    const username = requireString(args, 'username');
    const recoveryKey = await io.secret('DEFLECT_RECOVERY_KEY', 'Recovery key');
    const newPassword = await io.secret('DEFLECT_NEW_PASSWORD', `New password for ${username}`, { confirm: true });
    const { backend, router } = createBackend({ dataDir: dir });
    const r = await router.invoke('auth.recover', { recoveryKey, username, newPassword });
    backend.shutdown();
    if (!r.ok) throw new CliError(r.error.message, r.error.code === 'invalid_input' ? 2 : 1);
    io.out(`New password set for administrator "${username}".`);
    return 0;
  },
};

const auditVerify: CliCommand = {
  name: 'audit verify',
  summary:
    "Check the audit log's hash chain, and that it still reaches an anchor written down earlier (--anchor SEQ:HASH); prints the anchor to keep now; exit 1 if entries were altered, removed or rewritten.",
  usage: 'audit verify --data-dir DIR --user ADMIN [--anchor SEQ:HASH]',
  options: { ...DATA_DIR_OPTION, ...USER_OPTION, anchor: { type: 'string' } },
  async run(args, io) {
    const anchor = typeof args.values.anchor === 'string' ? args.values.anchor : undefined;
    if (anchor !== undefined && !anchorTextSchema.safeParse(anchor).success) {
      throw new CliError('--anchor: give it as SEQ:HASH, the sequence number, a colon and the 64-character hash.', 2);
    }
    const session = await io.session(args.values['data-dir'] as string | undefined, args.values.user as string | undefined);
    try {
      const r = await session.call('audit.verify', anchor ? { anchor } : {});
      for (const a of r.anchors) {
        io.out(`Anchor ${a.seq} (${a.source}): ${a.status === 'ok' ? 'reached, hash matches' : a.status}.`);
      }
      if (r.head) io.out(`Anchor to keep now: ${r.head.anchor}   (entry ${r.head.seq}, ${r.head.at})`);
      if (r.ok) {
        io.out(`Audit log intact: ${r.checked} entries checked.`);
        return 0;
      }
      io.err(r.problem ?? 'The audit log does not verify.');
      return 1;
    } finally {
      session.close();
    }
  },
};

export const coreCommands: CliCommand[] = [init, status, userAdd, revealKey, recover, auditVerify];
