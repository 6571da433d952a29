import { type Department, type DepartmentView, departmentViewSchema } from '../../../shared/contract/auth';
import type { Settings } from '../../../shared/contract/system';
import type { Backend } from '../backend';
import { clampIdleLockMinutes } from '../../../shared/domain/session';
import type { Db } from '../db/open';
import { getIdleLockMinutes } from './idleLock';

export function getMeta(db: Db, key: string): string | undefined {
  return db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** The department's letterhead details live in the encrypted database. */
export function getDepartment(db: Db): DepartmentView {
  const stored = JSON.parse(getMeta(db, 'department') ?? '{}') as Record<string, unknown>;
  const text = (key: keyof DepartmentView) => (typeof stored[key] === 'string' ? (stored[key] as string) : '');
  return departmentViewSchema.parse(
    Object.fromEntries(Object.keys(departmentViewSchema.shape).map((k) => [k, text(k as keyof DepartmentView)])),
  );
}

export function setDepartment(db: Db, department: Department): void {
  setMeta(db, 'department', JSON.stringify(department));
}

export function departmentName(backend: Backend): string {
  return backend.isSetUp() ? backend.readVault().public.departmentName : '';
}

export function getSettings(backend: Backend): Settings {
  const pub = backend.readVault().public;
  const db = backend.requireDb();
  return {
    department: getDepartment(db),
    banner: pub.banner,
    idleLockMinutes: getIdleLockMinutes(db) ?? clampIdleLockMinutes(pub.idleLockMinutes),
  };
}
