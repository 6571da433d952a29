import type { InputOf, OutputOf } from '../../shared/contract';
import type { ContactFields } from '../../shared/contract/intake';
import type { Role } from '../../shared/domain/roles';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ADMIN, DEPARTMENT, makeApp } from './helpers';

const sharedDirs: string[] = [];
afterAll(() => {
  while (sharedDirs.length) rmSync(sharedDirs.pop()!, { recursive: true, force: true });
});

/** Tests run at a fixed moment: Saturday 28 November 2026, mid-morning in Illinois. */
export const NOW = Date.parse('2026-11-28T15:00:00Z');
export const TODAY = '2026-11-28';

const PASSWORDS: Record<Exclude<Role, 'admin'>, string> = {
  officer: 'violet-canyon-lantern-17',
  coresponder: 'amber-meadow-compass-28',
  coordinator: 'silver-harbor-thistle-39',
};

/**
 * A set-up store with one member of staff per role; `as(role)` switches the logged-in user.
 * The store lives until the end of the test file, so a `beforeAll` may set it up once.
 */
export async function setUpUnit() {
  const clock = { now: NOW };
  const dir = mkdtempSync(join(tmpdir(), 'deflect-intake-'));
  sharedDirs.push(dir);
  const app = makeApp(dir, { now: () => clock.now });
  await app.call('auth.setup', { department: DEPARTMENT, admin: ADMIN });
  await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const admin = (await app.call('system.state', {})).session!.user;
  const ids: Record<Role, string> = { admin: admin.id, officer: '', coresponder: '', coordinator: '' };
  const roles = ['officer', 'coresponder', 'coordinator'] as const;
  const temporary = (role: Role) => `temporary-${role.length}-lagoon-phrase-42`;
  for (const role of roles) {
    const displayName = `${role[0]!.toUpperCase()}${role.slice(1)} Example`;
    const { user } = await app.call('users.create', { username: role, displayName, role, password: temporary(role) });
    ids[role] = user.id;
  }
  for (const role of roles) {
    await app.call('auth.login', { username: role, password: temporary(role) });
    await app.call('auth.changePassword', { currentPassword: temporary(role), newPassword: PASSWORDS[role] });
  }
  async function as(role: Role): Promise<void> {
    await app.call(
      'auth.login',
      role === 'admin' ? { username: ADMIN.username, password: ADMIN.password } : { username: role, password: PASSWORDS[role] },
    );
  }
  await as('admin');
  return { ...app, clock, ids, as };
}
export type Unit = Awaited<ReturnType<typeof setUpUnit>>;

/** A complete, valid contact by `officerId` an hour before NOW (Chicago time). */
export function contactFields(officerId: string, extra: Partial<ContactFields> = {}): ContactFields {
  return {
    occurredAt: '2026-11-28T08:00:00-06:00',
    location: '1400 block of Example Ave',
    cadNumber: '2026-000123',
    pathway: 'officer_prevention',
    referralSource: 'patrol',
    needs: ['opioid_use', 'housing'],
    disposition: 'warm_handoff',
    officerIds: [officerId],
    narrative: 'Met on a welfare check; agreed to see the co-responder.',
    ...extra,
  };
}

export const NEW_PERSON = { firstName: 'Ravito', lastName: 'Quendell', dateOfBirth: '1988-04-12' } as const;

/** Records a contact for a new person and returns the result. */
export async function recordNewPerson(
  unit: Unit,
  person: InputOf<'people.create'>['person'] = NEW_PERSON,
  contact: Partial<ContactFields> = {},
): Promise<OutputOf<'contacts.create'>> {
  return unit.call('contacts.create', {
    subject: { kind: 'new', person, allowDuplicate: true },
    contact: contactFields(unit.ids.officer, contact),
  });
}

/** Counts of the rows an intake writes, to prove a refused call wrote nothing. */
export async function intakeRowCounts(unit: Unit): Promise<Record<string, number>> {
  const { tables } = await unit.call('system.status', {});
  const keys = [
    'persons',
    'contacts',
    'contact_needs',
    'contact_officers',
    'contact_clinical',
    'screenings',
    'followups',
    'person_history',
    'person_merges',
    'drafts',
  ];
  return Object.fromEntries(keys.map((k) => [k, tables[k] ?? -1]));
}
