import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { InputOf, OutputOf, ProcedureName } from '../../shared/contract';
import type { ApiError } from '../../shared/contract/procedure';
import { createBackend } from '../../electron/backend';

/** Cheap KDF for most tests (the default cost is asserted separately). */
export const TEST_KDF = { N: 2 ** 12, r: 8, p: 1 };

export const DEPARTMENT = {
  name: 'Testville Police Department',
  addressLine1: '100 Example Plaza',
  city: 'Testville',
  state: 'IL' as const,
  postalCode: '60000',
};
export const ADMIN = { username: 'admin', displayName: 'Admin Example', password: 'orange-kettle-harbour-42' };

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

export function tempDir(prefix = 'deflect-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export type TestApp = ReturnType<typeof makeApp>;

export function makeApp(dataDir = tempDir(), opts: { now?: () => number } = {}) {
  const { backend, router } = createBackend({ dataDir, kdfCost: TEST_KDF, ...opts });
  async function call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
    const r = await router.call(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message} ${r.error.field ?? ''}`);
    return r.value as OutputOf<N>;
  }
  async function fail(name: string, input: unknown): Promise<ApiError> {
    const r = await router.call(name, input);
    if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
    return r.error;
  }
  return { dataDir, backend, router, call, fail };
}

/** A set-up store with the admin logged in. */
export async function setUpApp(opts: { now?: () => number } = {}) {
  const app = makeApp(tempDir(), opts);
  const { recoveryKey } = await app.call('auth.setup', { department: DEPARTMENT, admin: ADMIN });
  await app.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return { ...app, recoveryKey };
}
