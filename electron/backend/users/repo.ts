import { randomUUID } from 'node:crypto';
import { CLINICAL_ROLES, type Role } from '../../../shared/domain/roles';
import type { SessionUser, UserSummary } from '../../../shared/contract/users';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import type { VaultFile } from '../vault/file';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  active: number;
  must_change_password: number;
  created_at: string;
  last_login_at: string | null;
  /** 2 once the account's key slot binds its owner (vault/slots.ts). */
  slot_version: number;
}

export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    mustChangePassword: row.must_change_password === 1,
  };
}

function toSummary(row: UserRow, vault: VaultFile, now: number): UserSummary {
  const slot = vault.slots.find((s) => s.kind === 'user' && s.userId === row.id);
  const lockedUntil = slot?.lockedUntil && Date.parse(slot.lockedUntil) > now ? slot.lockedUntil : null;
  return {
    ...toSessionUser(row),
    active: row.active === 1,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
    lockedUntil,
    clinicalAccess: !CLINICAL_ROLES.includes(row.role) ? 'no' : slot?.clinical ? 'yes' : slot?.grant ? 'pending' : 'needs_reset',
  };
}

export function findUser(db: Db, id: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function requireUser(db: Db, id: string): UserRow {
  const row = findUser(db, id);
  if (!row) throw new AppError('not_found', 'No such user.', 'id');
  return row;
}

export function userSummary(db: Db, id: string, vault: VaultFile, now: number): UserSummary {
  return toSummary(requireUser(db, id), vault, now);
}

export function listUsers(db: Db, vault: VaultFile, now: number): UserSummary[] {
  const rows = db.prepare('SELECT * FROM users ORDER BY active DESC, display_name COLLATE NOCASE').all() as UserRow[];
  return rows.map((r) => toSummary(r, vault, now));
}

export function usernameTaken(db: Db, username: string): boolean {
  return db.prepare('SELECT 1 FROM users WHERE username = ?').get(username) !== undefined;
}

export function insertUser(
  db: Db,
  u: { username: string; displayName: string; role: Role; mustChangePassword: boolean },
  now: string,
  id: string = randomUUID(),
): string {
  db.prepare(
    `INSERT INTO users (id, username, display_name, role, active, must_change_password, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
  ).run(id, u.username, u.displayName, u.role, u.mustChangePassword ? 1 : 0, now, now);
  return id;
}

export function countActiveAdmins(db: Db): number {
  return db.prepare(`SELECT count(*) FROM users WHERE role = 'admin' AND active = 1`).pluck().get() as number;
}
