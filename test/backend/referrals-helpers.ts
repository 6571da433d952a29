import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputOf } from '../../shared/contract';
import type { ConsentFields } from '../../shared/contract/consents';
import { recordNewPerson, setUpUnit, type Unit } from './intake-helpers';

/**
 * A unit (one account per role) with a small synthetic directory and one person with a contact, at the
 * intake tests' fixed moment: Saturday 28 November 2026, 09:00 in Chicago.
 *
 * - Acme Recovery: "Acme Withdrawal Unit" (withdrawal management + MOUD, walk-ins, weekdays 08–17) and
 *   "Acme Outpatient" (outpatient SUD, Spanish, Saturdays from 10:00)
 * - Riverside Mental Health: "Línea de Crisis" (crisis mental health, Spanish, 24/7)
 * - Northside Housing: "Northside Shelter" (shelter, every day 18–08)
 */
export async function setUpReferrals() {
  const unit = await setUpUnit();
  await unit.as('coordinator');
  const org = async (name: string) => (await unit.call('providers.saveOrganization', { name, description: `${name}.` })).id;
  const acme = await org('Acme Recovery');
  const riverside = await org('Riverside Mental Health');
  const northside = await org('Northside Housing');
  const base = { status: 'active' as const, walkIns: false, requiredDocuments: [], languages: [], phones: [], hours: [] };
  const weekdays = (['MO', 'TU', 'WE', 'TH', 'FR'] as const).map((day) => ({ day, opensAt: '08:00', closesAt: '17:00' }));
  const every = (opensAt: string, closesAt: string) =>
    (['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const).map((day) => ({ day, opensAt, closesAt }));
  const save = async (input: Partial<InputOf<'providers.saveService'>> & { organizationId: string; name: string }) =>
    (await unit.call('providers.saveService', { ...base, serviceTypes: [], ...input })).id;
  const detox = await save({
    organizationId: acme,
    name: 'Acme Withdrawal Unit',
    serviceTypes: ['withdrawal_management', 'moud'],
    walkIns: true,
    languages: [{ name: 'English', code: 'en' }],
    phones: [{ number: '555-0100' }],
    hours: weekdays,
    address: { address1: '400 Example Avenue', city: 'Testville', stateProvince: 'IL', postalCode: '60000' },
  });
  const outpatient = await save({
    organizationId: acme,
    name: 'Acme Outpatient',
    serviceTypes: ['outpatient_sud'],
    languages: [{ name: 'Spanish', code: 'es' }],
    hours: [{ day: 'SA', opensAt: '10:00', closesAt: '14:00' }],
    address: { address1: '402 Example Avenue', city: 'Testville', stateProvince: 'IL', postalCode: '60000' },
  });
  const crisis = await save({
    organizationId: riverside,
    name: 'Línea de Crisis',
    serviceTypes: ['crisis_mental_health'],
    languages: [{ name: 'Spanish', code: 'es' }],
    hours: every('00:00', '24:00'),
  });
  const shelter = await save({
    organizationId: northside,
    name: 'Northside Shelter',
    serviceTypes: ['shelter_housing'],
    hours: every('18:00', '08:00'),
  });
  await unit.as('coresponder');
  const intake = await recordNewPerson(
    unit,
    { firstName: 'José', lastName: 'Núñez', dateOfBirth: '1988-04-12', preferredLanguage: 'es' },
    { needs: ['opioid_use', 'mental_health', 'housing'] },
  );
  return {
    ...unit,
    orgs: { acme, riverside, northside },
    services: { detox, outpatient, crisis, shelter },
    person: intake.person!,
    contact: intake.contact,
  };
}
export type ReferralsUnit = Awaited<ReturnType<typeof setUpReferrals>>;

/** A consent for the person signed a month ago, for Acme Recovery, substance use and contact details, for a year. */
export function consentFields(unit: ReferralsUnit, extra: Partial<ConsentFields> = {}): ConsentFields {
  return {
    recipient: { kind: 'organization', organizationId: unit.orgs.acme },
    categories: ['substance_use', 'contact_details'],
    purpose: 'Referral to treatment and coordination of care',
    signedOn: '2026-10-28',
    expiresOn: '2027-10-28',
    signer: { kind: 'person' },
    ...extra,
  };
}

export async function makeReferral(
  unit: Unit & { person: { id: string }; contact: { id: string } },
  serviceId: string,
  extra: Partial<InputOf<'referrals.create'>> = {},
) {
  return (
    await unit.call('referrals.create', {
      personId: unit.person.id,
      contactId: unit.contact.id,
      needs: ['opioid_use'],
      serviceId,
      method: 'warm_handoff',
      reason: 'Asked for help with opioid use.',
      ...extra,
    })
  ).referral;
}

/** The text of a PDF as poppler's pdftotext extracts it (Debian `poppler-utils`; `.ci/run` installs it). */
export function pdfText(base64: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'deflect-pdf-'));
  try {
    const file = join(dir, 'letter.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    // Whitespace (line breaks inside table cells and paragraphs) is normalised to single spaces.
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
