/**
 * Referrals benchmark: a directory of 2,000 services (ARCHITECTURE.md budgets: suggestions ≤ 50 ms, a letter
 * PDF ≤ 300 ms) and a seeded unit (people, contacts, consents and referrals), then times suggestions, sending a
 * referral through the consent gate, a letter PDF, the home lists and a person's referrals. Medians over
 * repeated runs. Usage: npx tsx scripts/bench-referrals.ts   (BENCH_PEOPLE, BENCH_CONTACTS, BENCH_SERVICES)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend';
import { seedStore } from '../electron/backend/demo/seed';
import type { InputOf, OutputOf, ProcedureName } from '../shared/contract';
import { makePackage, median, SERVICES } from './bench-directory';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 50_000);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'deflect-bench-'));
  try {
    const { backend, router } = createBackend({ dataDir: dir, kdfCost: { N: 2 ** 12, r: 8, p: 1 } });
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
    const time = async (label: string, runs: number, fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn();
        ms.push(performance.now() - t);
      }
      console.log(`${label.padEnd(52)} median ${median(ms).toFixed(1).padStart(8)} ms  (${runs} runs)`);
    };
    const imported = await call('providers.import', {
      fileName: 'bench.zip',
      contentBase64: Buffer.from(makePackage()).toString('base64'),
    });
    if (!imported.committed) throw new Error('directory import refused');
    const t = performance.now();
    const seeded = seedStore(backend, { people: PEOPLE, contacts: CONTACTS, seed: 7 });
    console.log(
      `seeded ${PEOPLE} people, ${CONTACTS} contacts, ${seeded.referrals?.referrals ?? 0} referrals, ${seeded.referrals?.consents ?? 0} consents in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const { person } = await call('people.create', {
      person: { firstName: 'Bench', lastName: 'Person', preferredLanguage: 'es' },
      allowDuplicate: true,
    });
    await time(`suggestions: opioid use + housing, es (${SERVICES} services)`, 30, () =>
      call('referrals.suggest', { needs: ['opioid_use', 'housing'], personId: person.id }),
    );
    await time('suggestions: mental health', 30, () => call('referrals.suggest', { needs: ['mental_health'] }));
    const { suggestions } = await call('referrals.suggest', { needs: ['opioid_use'], personId: person.id });
    const service = suggestions[0]!.service;
    await call('consents.create', {
      personId: person.id,
      consent: {
        recipient: { kind: 'class', recipientClass: 'directory_any' },
        categories: ['substance_use', 'mental_health', 'contact_details', 'housing', 'other'],
        purpose: 'Benchmark',
        signedOn: new Date().toISOString().slice(0, 10),
        expiresOn: '2099-01-01',
        signer: { kind: 'person' },
      },
    });
    const referrals: string[] = [];
    await time('create and send a referral (consent gate, disclosure log)', 20, async () => {
      const { referral } = await call('referrals.create', {
        personId: person.id,
        needs: ['opioid_use'],
        serviceId: service.id,
        method: 'phone_call',
        send: true,
      });
      referrals.push(referral.id);
    });
    const { templates } = await call('letters.templates', { kind: 'referral' });
    let n = 0;
    await time('letter PDF (generate: gate, PDF, SHA-256, stored)', 20, () =>
      call('letters.generate', {
        referralId: referrals[n++ % referrals.length]!,
        templateId: templates[n % templates.length]!.id,
      }),
    );
    await time('letter preview (layout only)', 20, () =>
      call('letters.preview', { referralId: referrals[0]!, templateId: templates[0]!.id, clinicalSummary: '' }),
    );
    await time('home: referrals needing follow-up, expiring consents', 20, () => call('referrals.home', {}));
    const busy = backend
      .requireDb()
      .prepare('SELECT person_id FROM referrals GROUP BY person_id ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get() as string;
    await time('a busy person’s referrals', 20, () => call('referrals.list', { personId: busy }));
    await time('a busy person’s timeline', 20, () => call('people.timeline', { id: busy }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
