import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './server';

/** `npm run harness -- --data-dir DIR [--port N]`: the real renderer and backend in a browser, for manual checks. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(
      'Usage: npm run harness -- [--data-dir DIR] [--port N]\nServes out/renderer (run `npm run build:renderer` first) with the real backend.',
    );
    return;
  }
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : mkdtempSync(join(tmpdir(), 'deflect-harness-'));
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a number from 0 to 65535');
  const harness = await startHarness({ dataDir, port, ...(values['data-dir'] ? { dataDirSource: 'argument' as const } : {}) });
  console.log(`Deflect harness: ${harness.url}`);
  console.log(`Data folder: ${dataDir}`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => {
    void harness.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
