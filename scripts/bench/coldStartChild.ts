/**
 * Child process of the cold-start measure: loads the backend from a bundle (as the app's main process does),
 * unlocks the store and answers the home screen's first calls, reports when each step ended (one line on
 * stdout, as soon as the dashboard is answered), then closes as the app does when its window is closed.
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
  process.stdout.write(`${JSON.stringify({ loaded, unlocked, home })}\n`);
  // Closing: the page check still running in its worker (encrypted store) is stopped, not waited for.
  backend.shutdown();
}

main().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.message : err));
  process.exit(1);
});
