/**
 * Provider-directory benchmark: builds a synthetic HSDS package of 2,000 services (the ARCHITECTURE.md
 * budget's provider count), imports it into a fresh encrypted store, then times searches, the provider
 * page, an edit and an export. Medians over repeated runs. Usage: npx tsx scripts/bench-providers.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend';
import type { InputOf, OutputOf, ProcedureName } from '../shared/contract';
import { makePackage, median, SERVICES } from './bench-directory';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'deflect-bench-'));
  try {
    const { router } = createBackend({ dataDir: dir, kdfCost: { N: 2 ** 12, r: 8, p: 1 } });
    const call = async <N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> => {
      const r = await router.call(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.value as OutputOf<N>;
    };
    await call('auth.setup', {
      department: { name: 'Bench PD', addressLine1: '1 Bench Way', city: 'Testville', state: 'IL', postalCode: '60000' },
      admin: { username: 'admin', displayName: 'Bench Admin', password: 'orange-kettle-harbour-42' },
    });
    await call('auth.login', { username: 'admin', password: 'orange-kettle-harbour-42' });
    const pkg = Buffer.from(makePackage()).toString('base64');
    const time = async (label: string, runs: number, fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn();
        ms.push(performance.now() - t);
      }
      console.log(`${label.padEnd(44)} median ${median(ms).toFixed(1).padStart(8)} ms  (${runs} runs)`);
    };
    await time(`import preview (${SERVICES} services)`, 1, () =>
      call('providers.importPreview', { fileName: 'bench.zip', contentBase64: pkg }),
    );
    await time(`import commit (${SERVICES} services)`, 1, async () => {
      const r = await call('providers.import', { fileName: 'bench.zip', contentBase64: pkg });
      if (!r.committed) throw new Error(`import refused: ${JSON.stringify(r.errors.slice(0, 3))}`);
    });
    await time('re-import, all unchanged', 1, () => call('providers.import', { fileName: 'bench.zip', contentBase64: pkg }));
    await time('search: no filter, first 100', 10, () => call('providers.search', {}));
    await time('search: text "recov"', 20, () => call('providers.search', { text: 'recov' }));
    await time('search: need opioid_use + language es', 20, () =>
      call('providers.search', { needs: ['opioid_use'], language: 'es' }),
    );
    await time('search: open now (all services judged)', 10, () => call('providers.search', { openNow: true }));
    const first = (await call('providers.search', {})).results[0]!;
    await time('provider page', 20, () => call('providers.get', { id: first.id }));
    const { service } = await call('providers.get', { id: first.id });
    await time('save a service (with reindex)', 10, () =>
      call('providers.saveService', {
        id: service.id,
        organizationId: service.organization.id,
        name: service.name,
        status: service.status,
        serviceTypes: service.serviceTypes,
        walkIns: true,
        requiredDocuments: [],
        languages: [],
        phones: [],
        hours: [],
      }),
    );
    await time('facets', 10, () => call('providers.facets', {}));
    await time('export', 3, () => call('providers.export', {}));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
