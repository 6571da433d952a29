/**
 * Child process of the cold-start measure: loads the backend from a bundle (as the app's main process does),
 * unlocks the store and answers the home screen's first calls, then reports when each step ended.
 */
import { benchBackend, settleStoreCheck, type StoreKind } from './plain';

async function main(): Promise<void> {
  const [dataDir, kind, username, now] = process.argv.slice(2);
  const password = process.env.BENCH_PASSWORD ?? '';
  const loaded = performance.now();
  const { backend, router } = benchBackend(kind as StoreKind, { dataDir: dataDir!, now: () => Number(now) });
  const ok = async (name: Parameters<typeof router.call>[0], input: unknown) => {
    const r = await router.call(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  };
  await ok('system.state', {});
  await ok('auth.login', { username, password });
  // The unencrypted twin cannot take the SQLCipher page check the unlock starts; its failure is cleared.
  if (kind === 'plain') await settleStoreCheck('plain', backend);
  const unlocked = performance.now();
  await Promise.all([ok('home.dashboard', {}), ok('drafts.list', {}), ok('referrals.home', {})]);
  const home = performance.now();
  backend.shutdown();
  process.stdout.write(JSON.stringify({ loaded, unlocked, home }));
}

main().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.message : err));
  process.exit(1);
});
