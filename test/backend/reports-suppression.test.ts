import { describe, expect, it } from 'vitest';
import { keysOf, MEASURES, relationsOf } from '../../shared/domain/reports/catalogue';
import type { Values } from '../../electron/backend/reports/compute';
import { determinedUnknowns, suppress } from '../../electron/backend/reports/suppress';

/**
 * Small-cell suppression on hand-built figures: which figures hide, and proof that a hidden figure cannot be
 * worked out — two different sets of figures agree with everything that is published.
 */

const MONTHS = ['2026-07', '2026-08', '2026-09'];

/** All figures of the catalogue at zero, then these. */
function values(set: Record<string, number>, months = MONTHS): Values {
  const out: Values = {};
  for (const m of MEASURES) for (const k of keysOf(m, months)) out[k] = m.kind === 'count' || m.kind === 'table' ? 0 : null;
  return { ...out, ...set };
}

/** Every relation of the catalogue holds for these figures (atoms, never published, are left free). */
function consistent(v: Values, months = MONTHS): boolean {
  return relationsOf(months).every((r) => {
    if ([r.total, ...r.parts].some((k) => k.startsWith('~'))) return true;
    return (v[r.total] ?? 0) === r.parts.reduce((s, k) => s + (v[k] ?? 0), 0);
  });
}

/** What an outsider sees: every figure not hidden. */
function published(v: Values, hidden: Set<string>): Values {
  return Object.fromEntries(Object.entries(v).filter(([k]) => !hidden.has(k)));
}

describe('small-cell suppression', () => {
  // Charges deflected: drug possession 40 held in abeyance and 3 not filed; trespass 25 held and 30 not filed.
  const charges = values({
    charges_deflected: 98,
    'charges_by_category.drug_possession': 43,
    'charges_by_category.trespass': 55,
    'charges_by_outcome.held_in_abeyance': 65,
    'charges_by_outcome.not_filed': 33,
    'charges_by_category_outcome.drug_possession.held_in_abeyance': 40,
    'charges_by_category_outcome.drug_possession.not_filed': 3,
    'charges_by_category_outcome.trespass.held_in_abeyance': 25,
    'charges_by_category_outcome.trespass.not_filed': 30,
  });

  it('hides a count from 1 to 10 and, beside it, enough figures that its row and column totals do not give it away', () => {
    expect(consistent(charges)).toBe(true);
    const s = suppress(charges, MONTHS, 10);
    const cell = (c: string, o: string) => `charges_by_category_outcome.${c}.${o}`;
    expect([...s.primary]).toEqual([cell('drug_possession', 'not_filed')]);
    expect(new Set(s.complementary)).toEqual(
      new Set([cell('drug_possession', 'held_in_abeyance'), cell('trespass', 'not_filed'), cell('trespass', 'held_in_abeyance')]),
    );
    // The totals stay published.
    for (const k of ['charges_deflected', 'charges_by_category.drug_possession', 'charges_by_outcome.not_filed']) {
      expect(s.hidden.has(k)).toBe(false);
    }
    // The hidden 3 cannot be recomputed: a different table agrees with every published figure.
    const other = {
      ...charges,
      [cell('drug_possession', 'held_in_abeyance')]: 41,
      [cell('drug_possession', 'not_filed')]: 2,
      [cell('trespass', 'held_in_abeyance')]: 24,
      [cell('trespass', 'not_filed')]: 31,
    };
    expect(consistent(other)).toBe(true);
    expect(published(other, s.hidden)).toEqual(published(charges, s.hidden));
    expect(other[cell('drug_possession', 'not_filed')]).not.toBe(charges[cell('drug_possession', 'not_filed')]);
  });

  it('without complementary cells the 3 would be its row total minus the rest', () => {
    const onlyPrimary = new Set(['charges_by_category_outcome.drug_possession.not_filed']);
    const seen = published(charges, onlyPrimary);
    expect(
      seen['charges_by_category.drug_possession']! - seen['charges_by_category_outcome.drug_possession.held_in_abeyance']!,
    ).toBe(3);
  });

  it('hides more when the hidden figures of a line would add up to the threshold or less (two 1s under a total of 12)', () => {
    const v = values({
      charges_deflected: 12,
      'charges_by_category.drug_possession': 1,
      'charges_by_category.trespass': 1,
      'charges_by_category.retail_theft': 10,
      'charges_by_outcome.not_filed': 12,
      'charges_by_category_outcome.drug_possession.not_filed': 1,
      'charges_by_category_outcome.trespass.not_filed': 1,
      'charges_by_category_outcome.retail_theft.not_filed': 10,
    });
    const s = suppress(v, MONTHS, 10);
    // 1 + 1 + 10 hidden: no single one, nor the pair of 1s, can be pinned down from the total of 12.
    expect(s.hidden.has('charges_by_category.retail_theft')).toBe(true);
    expect(s.hidden.has('charges_deflected')).toBe(false);
    const hiddenParts = ['drug_possession', 'trespass', 'retail_theft'].filter((c) => s.hidden.has(`charges_by_category.${c}`));
    expect(hiddenParts.reduce((sum, c) => sum + v[`charges_by_category.${c}`]!, 0)).toBeGreaterThan(10);
  });

  it('protects a figure that only the whole system of tables would give away (a bridge between two blocks)', () => {
    // A 4-month period: months × pathways. Two blocks of small figures, joined by one small figure at
    // (Aug, naloxone plus). Every row and column holding a hidden figure holds two or more, yet the rows of
    // July and August minus the columns of self-referral and outreach leave that one figure alone.
    const months = ['2026-07', '2026-08', '2026-09', '2026-10'];
    const pathways = [
      'self_referral',
      'active_outreach',
      'naloxone_plus',
      'officer_prevention',
      'officer_intervention',
      'community_response',
    ];
    const grid: Record<string, Record<string, number>> = {
      '2026-07': { self_referral: 5, active_outreach: 6 },
      '2026-08': { self_referral: 7, active_outreach: 8, naloxone_plus: 5 },
      '2026-09': { naloxone_plus: 4, officer_prevention: 9 },
      '2026-10': { naloxone_plus: 6, officer_prevention: 7 },
    };
    const set: Record<string, number> = {};
    let total = 0;
    for (const m of months) {
      let row = 0;
      for (const p of pathways) {
        const n = grid[m]![p] ?? 50;
        set[`contacts_by_month_pathway.${m}.${p}`] = n;
        set[`contacts_by_pathway.${p}`] = (set[`contacts_by_pathway.${p}`] ?? 0) + n;
        row += n;
      }
      set[`contacts_by_month.${m}`] = row;
      total += row;
    }
    set.contacts = total;
    set['contacts_by_disposition.other'] = total;
    set['contacts_by_referral_source.dispatch'] = total;
    const v = values(set, months);
    expect(consistent(v, months)).toBe(true);
    const bridge = 'contacts_by_month_pathway.2026-08.naloxone_plus';

    // With the small figures alone hidden, the system of tables determines the bridge.
    const unknowns = Object.entries(set)
      .filter(([, n]) => n >= 1 && n <= 10)
      .map(([k]) => k);
    const rows = relationsOf(months)
      .filter((r) => [r.total, ...r.parts].some((k) => unknowns.includes(k)))
      .map((r) => unknowns.map((k) => (r.parts.includes(k) ? 1 : 0) - (r.total === k ? 1 : 0)));
    expect([...determinedUnknowns(rows, unknowns.length)].map((i) => unknowns[i])).toEqual([bridge]);

    // Suppression hides one more figure beside it, and then another table agrees with everything published.
    const s = suppress(v, months, 10);
    expect(s.hidden.has(bridge)).toBe(true);
    expect(s.complementary.size).toBeGreaterThan(0);
    const extra = [...s.complementary][0]!;
    expect(extra).toMatch(/^contacts_by_month_pathway\.2026-0[78]\./);
    // Walk a cycle of hidden cells through the bridge: +1, −1 around it keeps every total.
    const [, em, ep] = extra.split('.');
    const otherMonth = em === '2026-07' ? '2026-08' : '2026-07';
    const corner = `contacts_by_month_pathway.${otherMonth}.${ep}`;
    const pivot = `contacts_by_month_pathway.${em}.self_referral`;
    const pivot2 = `contacts_by_month_pathway.${otherMonth}.self_referral`;
    for (const k of [bridge, extra, corner, pivot, pivot2]) expect(s.hidden.has(k), k).toBe(true);
    const alt = { ...v };
    alt[extra]! += 1;
    alt[corner]! -= 1;
    alt[pivot2]! += 1;
    alt[pivot]! -= 1;
    expect(consistent(alt, months)).toBe(true);
    expect(published(alt, s.hidden)).toEqual(published(v, s.hidden));
  });

  it('hides a rate whose numerator is hidden, and the doses of hidden overdoses', () => {
    const v = values({
      contacts: 400,
      treatment_referral_encounters: 4,
      treatment_referral_rate: 1,
      overdoses: 3,
      naloxone_doses: 14,
    });
    const s = suppress(v, MONTHS, 10);
    for (const k of ['treatment_referral_rate', 'naloxone_doses']) expect(s.dependent.has(k), k).toBe(true);
    expect(s.hidden.has('contacts')).toBe(false);
  });

  it('shows zeros, and hides nothing at threshold 0', () => {
    const s = suppress(charges, MONTHS, 0);
    expect(s.hidden.size).toBe(0);
    const z = suppress(values({ contacts: 500, 'contacts_by_pathway.community_response': 500 }), MONTHS, 10);
    expect(z.hidden.size).toBe(0);
  });
});
