import type { Role } from './roles';

/**
 * The demonstration store: a separate encrypted store beside the real one, filled with synthetic people.
 * Its accounts share one published password: nothing in it is real, and the window says DEMO throughout.
 */
export const DEMO_PASSWORD = 'sample-data-walkthrough';
export const DEMO_DEPARTMENT_NAME = 'Demo Police Department (sample data)';

export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role }[] = [
  { username: 'demo.officer', displayName: 'Officer Demo', role: 'officer' },
  { username: 'demo.coresponder', displayName: 'Co-responder Demo', role: 'coresponder' },
  { username: 'demo.coordinator', displayName: 'Coordinator Demo', role: 'coordinator' },
  { username: 'demo.admin', displayName: 'Administrator Demo', role: 'admin' },
];

/** Size of the generated demonstration data. */
export const DEMO_SIZE = { people: 300, contacts: 1500, services: 60, seed: 2026 } as const;
