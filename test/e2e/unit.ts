import type { InputOf, OutputOf, ProcedureName } from '../../shared/contract';
import type { Role } from '../../shared/domain/roles';
import { ADMIN, type App } from './helpers';

/** Synthetic staff, one per role besides the administrator, past their first-login password change. */
export const STAFF = {
  officer: { username: 'ofc.vance', displayName: 'Officer Vance', password: 'lantern-meadow-copper-77' },
  coresponder: { username: 'cr.okafor', displayName: 'Co-responder Okafor', password: 'harbour-violet-spruce-31' },
  coordinator: { username: 'coord.lind', displayName: 'Coordinator Lind', password: 'maple-signal-orchid-58' },
} as const;
export type StaffRole = keyof typeof STAFF;
export const credentials = (role: Role) => (role === 'admin' ? ADMIN : STAFF[role]);

/** Calls the backend directly (as the logged-in user of the harness), failing loudly. */
export async function must<N extends ProcedureName>(app: App, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const r = await app.harness.router.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as OutputOf<N>;
}

/** Sets the store up with the administrator and one member of staff per role; ends logged in as `as`. */
export async function setUpUnit(app: App, as: Role = 'admin'): Promise<Record<Role, string>> {
  await must(app, 'auth.setup', {
    department: { name: 'Testville Police Department', addressLine1: '100 Example Plaza', city: 'Testville', state: 'IL' },
    admin: ADMIN,
  });
  const ids = { admin: '', officer: '', coresponder: '', coordinator: '' } as Record<Role, string>;
  const temporary = 'QWXZ7-KMPT3-RVNB8';
  for (const role of Object.keys(STAFF) as StaffRole[]) {
    await must(app, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const who = STAFF[role];
    const { user } = await must(app, 'users.create', {
      username: who.username,
      displayName: who.displayName,
      role,
      password: temporary,
    });
    ids[role] = user.id;
    await must(app, 'auth.login', { username: who.username, password: temporary });
    await must(app, 'auth.changePassword', { currentPassword: temporary, newPassword: who.password });
  }
  const admin = await must(app, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  ids.admin = admin.user.id;
  if (as !== 'admin') await must(app, 'auth.login', { username: STAFF[as].username, password: STAFF[as].password });
  return ids;
}
