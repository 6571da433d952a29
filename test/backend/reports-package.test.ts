import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Package } from 'datapackage';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OutputOf } from '../../shared/contract';
import { relationsOf } from '../../shared/domain/reports/catalogue';
import { SUPPRESSED_MARKER } from '../../shared/domain/reports/words';
import { describeEntry } from '../../renderer/src/audit/describe';
import { tempDir } from './helpers';
import { pdfText } from './referrals-helpers';
import { BIRTH, buildScenario, NAMES, NARRATIVE, Q3, type Scenario, TTA_TEXT } from './reports-scenario';

/**
 * The data packages of the hand-built scenario: valid Frictionless tabular data packages (checked with the
 * Frictionless reference implementation for JavaScript, `datapackage` with `tableschema`), nothing in them
 * that identifies a person or a member of staff, no count from 1 to 10 at the default threshold, no hidden
 * figure left alone in a line of the published tables, every export in the log and the audit log.
 */

type Exported = OutputOf<'reports.exportPackage'>;

function unzip(b64: string): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(unzipSync(Buffer.from(b64, 'base64'))).map(([n, b]) => [n, Buffer.from(b)]));
}

/** Writes the package to a folder and validates it as the Frictionless reference implementation does. */
async function validate(files: Record<string, Buffer>) {
  const dir = tempDir('deflect-package-');
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  const pkg = await Package.load(join(dir, 'datapackage.json'));
  const rows: Record<string, Record<string, unknown>[]> = {};
  const problems: string[] = [...pkg.errors.map(String)];
  for (const resource of pkg.resources) {
    if (!resource.valid) problems.push(`${resource.name}: ${resource.errors.map(String).join('; ')}`);
    try {
      rows[resource.name] = (await resource.read({ keyed: true })) as Record<string, unknown>[];
    } catch (err) {
      const e = err as Error & { errors?: Error[] };
      problems.push(`${resource.name}: ${e.message} ${(e.errors ?? []).map(String).join('; ')}`);
    }
  }
  return { pkg, rows, problems };
}

interface Descriptor {
  name: string;
  profile: string;
  created: string;
  licenses: { name: string }[];
  contributors: { title: string; role: string }[];
  deflect_audit_anchor: string;
  deflect_suppression: { threshold: number; hidden: number };
  resources: { name: string; path: string; schema: { fields: { name: string; type: string }[]; missingValues: string[] } }[];
}

/** The figures of a package by the catalogue's keys, read back from its CSVs (hidden ones as the marker). */
function publishedFigures(files: Record<string, Buffer>, d: Descriptor): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of d.resources) {
    if (r.name === 'data-dictionary') continue;
    const measure = r.path.replace(/^data\/|\.csv$/g, '');
    const rows = parse(files[r.path]!.toString('utf8'), { columns: true }) as Record<string, string>[];
    const fields = r.schema.fields.map((f) => f.name).filter((n) => !['period_start', 'period_end', 'label'].includes(n));
    const [dim, ...valueCols] = fields;
    for (const row of rows) {
      if (measure === 'summary') out.set(row.measure!, row.value!);
      else if (valueCols.length === 1)
        out.set(row[dim!] === 'total' ? `total:${measure}` : `${measure}.${row[dim!]}`, row[valueCols[0]!]!);
      else for (const c of valueCols) out.set(`${measure}.${row[dim!]}.${c}`, row[c]!);
    }
  }
  return out;
}

describe('data packages', () => {
  let unit: Scenario;
  let state: Exported;
  let tta: Exported;
  beforeAll(async () => {
    unit = await buildScenario();
    await unit.as('coordinator');
    state = await unit.call('reports.exportPackage', { ...Q3, profile: 'state' });
    tta = await unit.call('reports.exportPackage', { ...Q3, profile: 'tta' });
  }, 120_000);

  it('are valid Frictionless tabular data packages: the descriptor against its profile, every CSV against its Table Schema', async () => {
    for (const exported of [state, tta]) {
      const files = unzip(exported.contentBase64);
      const { pkg, rows, problems } = await validate(files);
      expect(problems).toEqual([]);
      expect(pkg.valid).toBe(true);
      const d = JSON.parse(files['datapackage.json']!.toString('utf8')) as Descriptor;
      expect(d.profile).toBe('tabular-data-package');
      expect(d.licenses[0]!.name).toBe('CC-BY-4.0');
      expect(d.contributors).toEqual([{ title: 'Testville Police Department', role: 'author' }]);
      expect(Date.parse(d.created)).not.toBeNaN();
      for (const r of pkg.resources) {
        expect(r.tabular, r.name).toBe(true);
        expect(rows[r.name]!.length, r.name).toBeGreaterThan(0);
      }
      // Every file but the manifest is in it, with its SHA-256.
      const manifest = files['manifest-sha256.txt']!.toString('utf8').trim().split('\n');
      expect(manifest.map((l) => l.split('  ')[1]).sort()).toEqual(
        Object.keys(files)
          .filter((n) => n !== 'manifest-sha256.txt')
          .sort(),
      );
      for (const line of manifest) {
        const [hash, name] = line.split('  ');
        expect(createHash('sha256').update(files[name!]!).digest('hex'), name).toBe(hash);
      }
      expect(files['README.md']!.toString('utf8')).toContain('Small-cell suppression: every count from 1 to 10');
      expect(Object.keys(files)).toContain('data/data_dictionary.csv');
    }
  });

  it('hold the profile’s measures: the state’s minimum data in one, the BJA measures in the other', () => {
    const names = (e: Exported) =>
      (JSON.parse(unzip(e.contentBase64)['datapackage.json']!.toString('utf8')) as Descriptor).resources.map((r) => r.name);
    expect(names(state)).toEqual([
      'summary',
      'contacts-by-pathway',
      'age-band',
      'sex',
      'race-ethnicity',
      'veteran-status',
      'housing-status',
      'days-to-engagement',
      'days-to-engagement-distribution',
      'data-dictionary',
    ]);
    expect(names(state)).not.toContain('contacts-by-need');
    expect(names(tta)).toEqual(
      expect.arrayContaining([
        'contacts-by-need',
        'referral-funnel',
        'closure-reasons',
        'charges-by-category-outcome',
        'contacts-by-month-pathway',
        'retention-rate',
        'programme-milestones-by-status',
        'tta-answers',
      ]),
    );
    const answers = parse(unzip(tta.contentBase64)['data/tta_answers.csv']!.toString('utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    // A number answer from 1 to 10 is a small count like any other; a larger one, yes / no and text are given.
    expect(answers.map((a) => [a.quarter, a.answer_type, a.answer])).toEqual([
      ['2026-Q3', 'number', SUPPRESSED_MARKER],
      ['2026-Q3', 'number', '12'],
      ['2026-Q3', 'yes_no', 'yes'],
      ['2026-Q3', 'text', TTA_TEXT],
    ]);
    const summary = unzip(state.contentBase64)['data/summary.csv']!.toString('utf8');
    expect(summary.split('\r\n')[0]).toBe('period_start,period_end,measure,label,unit,value');
    expect(summary).toContain('2026-07-01,2026-09-30,contacts,Contacts,contacts,31\r\n');
    expect(summary).toContain(
      `2026-07-01,2026-09-30,treatment_referral_encounters,Encounters resulting in a treatment referral,contacts,${SUPPRESSED_MARKER}\r\n`,
    );
    // The state's key indicator, hidden with the three people enrolled it is worked out from.
    expect(summary).toContain(`2026-07-01,2026-09-30,engagement_rate_30,30-day engagement rate,percent,${SUPPRESSED_MARKER}\r\n`);
    expect(summary).toContain(`2026-07-01,2026-09-30,enrolled,People enrolled (first contact),people,${SUPPRESSED_MARKER}\r\n`);
  });

  it('identify nobody: no name, date of birth, narrative, location, CAD number, or id of a person or a member of staff', async () => {
    const ids = [
      ...Object.values(unit.people),
      ...Object.values(unit.ids),
      unit.contact.id,
      unit.person.id,
      ...(await unit.call('referrals.list', { personId: unit.people.p1 })).referrals.map((r) => r.id),
    ];
    const staff = [
      'Officer Example',
      'Coresponder Example',
      'Coordinator Example',
      'Admin Example',
      'coresponder',
      'coordinator',
    ];
    for (const exported of [state, tta]) {
      for (const [name, bytes] of Object.entries(unzip(exported.contentBase64))) {
        const text = bytes.toString('utf8');
        for (const word of [...NAMES, 'José', 'Núñez', ...staff]) expect(text, `${word} in ${name}`).not.toContain(word);
        for (const needle of [BIRTH.p1, BIRTH.p1Text, '1988-04-12', NARRATIVE, 'QX7', '1400 block', '2026-000777', ...ids]) {
          expect(text, `${needle} in ${name}`).not.toContain(needle);
        }
      }
    }
  });

  it('show no count from 1 to 10 at the default threshold, and leave no hidden figure alone in a line of published figures', () => {
    for (const exported of [state, tta]) {
      const files = unzip(exported.contentBase64);
      const d = JSON.parse(files['datapackage.json']!.toString('utf8')) as Descriptor;
      let counted = 0;
      // Programme milestones are counts like the others; so is a number answer to a TTA question.
      for (const r of d.resources) {
        const rows = parse(files[r.path]!.toString('utf8'), { columns: true }) as Record<string, string>[];
        const counts =
          r.name === 'tta-answers' ? ['answer'] : r.schema.fields.filter((f) => f.type === 'integer').map((f) => f.name);
        for (const row of rows) {
          if (r.name === 'tta-answers' && row.answer_type !== 'number') continue;
          const isCount = r.name !== 'summary' || !['percent', 'days'].includes(row.unit!);
          for (const col of r.name === 'summary' ? (isCount ? ['value'] : []) : counts) {
            const v = row[col]!;
            counted++;
            if (v === SUPPRESSED_MARKER || v === '') continue;
            expect(Number(v) === 0 || Number(v) > 10, `${r.path} ${col}=${v}`).toBe(true);
          }
        }
      }
      expect(counted).toBeGreaterThan(50);
      // Each relation whose figures are all published: never exactly one hidden among them.
      const figures = publishedFigures(files, d);
      const lookup = (key: string) => figures.get(key) ?? [...figures.entries()].find(([k]) => k === `total:${key}`)?.[1];
      let lines = 0;
      for (const rel of relationsOf(['2026-07', '2026-08', '2026-09'])) {
        const keys = [rel.total, ...rel.parts];
        if (keys.some((k) => k.startsWith('~'))) continue;
        const cells = keys.map((k) => figures.get(k) ?? lookup(k));
        if (cells.some((c) => c === undefined)) continue;
        lines++;
        expect(cells.filter((c) => c === SUPPRESSED_MARKER).length, `${rel.total} = ${rel.parts.join(' + ')}`).not.toBe(1);
      }
      expect(lines).toBeGreaterThan(5);
    }
  });

  it('are recorded: the export log and the audit log hold who, when, profile, period, threshold and the SHA-256', async () => {
    const sha = (b64: string) => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex');
    expect(state.export).toMatchObject({
      kind: 'package',
      profile: 'state',
      period: Q3,
      threshold: 10,
      via: 'app',
      sha256: sha(state.contentBase64),
      fileName: 'deflect-state-2026-q3.zip',
      createdBy: { id: unit.ids.coordinator, displayName: 'Coordinator Example' },
    });
    const { exports } = await unit.call('reports.exports', {});
    expect(exports.map((e) => e.id)).toEqual(expect.arrayContaining([state.export.id, tta.export.id]));
    await unit.as('admin');
    const { entries } = await unit.call('audit.list', { action: 'reports.exportPackage' });
    const entry = entries.find((e) => e.targetId === state.export.id)!;
    expect(entry.detail).toMatchObject({
      profile: 'state',
      from: Q3.from,
      to: Q3.to,
      threshold: 10,
      sha256: state.export.sha256,
    });
    // The audit viewer reads it as a sentence.
    expect(describeEntry(entry, {}).sentence).toBe(
      'State profile, Jul 1, 2026 to Sep 30, 2026; counts 1–10 hidden (' + `${state.export.hiddenCount} figures).`,
    );
    const d = JSON.parse(unzip(state.contentBase64)['datapackage.json']!.toString('utf8')) as Descriptor;
    expect(d.deflect_audit_anchor).toBe(state.export.auditAnchor);
    expect(d.deflect_audit_anchor).toMatch(/^\d+:[0-9a-f]{64}$/);
    await unit.as('coordinator');
  });

  it('the PDF summary carries the letterhead, the headline figures, the charts and the same suppression', async () => {
    const pdf = await unit.call('reports.exportPdf', { ...Q3 });
    expect(pdf.fileName).toBe('deflect-summary-2026-q3.pdf');
    expect(pdf.export.kind).toBe('pdf');
    const text = pdfText(pdf.contentBase64);
    for (const expected of [
      'Testville Police Department',
      'Deflection programme summary: Q3 2026',
      'Contacts 31 Q2 2026: suppressed',
      'Unique people suppressed',
      'Contacts per month',
      'Referral funnel',
      '30-day engagement rate suppressed',
      'Median days from first contact to treatment engagement suppressed',
      'Days from first contact to treatment engagement',
      'suppressed',
      'Small-cell suppression: every count from 1 to 10',
    ]) {
      expect(text).toContain(expected);
    }
    for (const word of NAMES) expect(text).not.toContain(word);
  });

  it('only coordinators and administrators export; co-responders see the report', async () => {
    for (const role of ['officer', 'coresponder'] as const) {
      await unit.as(role);
      expect((await unit.fail('reports.exportPackage', { ...Q3, profile: 'state' })).code).toBe('forbidden');
      expect((await unit.fail('reports.exportPdf', { ...Q3 })).code).toBe('forbidden');
      expect((await unit.fail('reports.exports', {})).code).toBe('forbidden');
    }
    const seen = await unit.call('reports.compute', { ...Q3 });
    expect(seen.report.scope).toBe('unit');
    expect(seen.report.values.contacts).toBe(31);
    await unit.as('coordinator');
  });

  it('turns suppression off only after the audited warning; such a package says so and shows exact small counts', async () => {
    const refused = await unit.fail('reports.updateSettings', { threshold: 0 });
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'acknowledgeNoSuppression' });
    expect((await unit.call('reports.settings', {})).threshold).toBe(10);
    await unit.call('reports.updateSettings', { threshold: 0, acknowledgeNoSuppression: true });
    const open = await unit.call('reports.exportPackage', { ...Q3, profile: 'state' });
    const files = unzip(open.contentBase64);
    expect(open.export.threshold).toBe(0);
    expect(files['README.md']!.toString('utf8')).toContain('Small-cell suppression was turned OFF');
    expect(files['data/summary.csv']!.toString('utf8')).toContain(
      ',treatment_referral_encounters,Encounters resulting in a treatment referral,contacts,3\r\n',
    );
    await unit.as('admin');
    const { entries } = await unit.call('audit.list', { action: 'reports.updateSettings' });
    expect(entries[0]!.detail).toMatchObject({
      threshold: 0,
      previousThreshold: 10,
      suppressionOff: true,
      warningAcknowledged: true,
    });
    expect(describeEntry(entries[0]!, {}).sentence).toBe('Small-cell suppression turned OFF (was 10), after the warning.');
    await unit.as('coordinator');
    await unit.call('reports.updateSettings', { threshold: 10 });
  });
});
