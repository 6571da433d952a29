import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PART2_NOTICE } from '../../shared/domain/letters';
import { consentFields, makeReferral, pdfText, type ReferralsUnit, setUpReferrals } from './referrals-helpers';

const sha = (b64: string) => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex');

async function templateId(unit: ReferralsUnit, language: 'en' | 'es', kind: 'referral' | 'programme' = 'referral') {
  const { templates } = await unit.call('letters.templates', { kind });
  return templates.find((t) => t.language === language)!.id;
}

/** A 2×2 PNG built by hand (so the test needs no image file). */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.from([0, 20, 60, 120, 20, 60, 120, 0, 20, 60, 120, 20, 60, 120]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('referral letters', () => {
  it('print the person, provider, date, letterhead and the §2.32 notice; the stored SHA-256 matches the bytes', async () => {
    const unit = await setUpReferrals();
    await unit.call('consents.create', { personId: unit.person.id, consent: consentFields(unit) });
    const referral = await makeReferral(unit, unit.services.detox, { send: true });
    const { letter } = await unit.call('letters.generate', { referralId: referral.id, templateId: await templateId(unit, 'en') });
    expect(letter).toMatchObject({
      kind: 'referral',
      personId: unit.person.id,
      templateVersion: 1,
      clinical: false,
      part2Notice: true,
    });
    const file = await unit.call('letters.pdf', { id: letter.id });
    expect(sha(file.contentBase64)).toBe(letter.sha256);
    expect(file.sha256).toBe(letter.sha256);
    const text = pdfText(file.contentBase64);
    for (const expected of [
      'Testville Police Department',
      '100 Example Plaza, Testville, IL 60000',
      'November 28, 2026',
      'Referral for José Núñez',
      'date of birth April 12, 1988',
      'Acme Recovery',
      'Acme Withdrawal Unit',
      '400 Example Avenue',
      'opioid use',
      'Coresponder Example',
      'Consent signed on October 28, 2026',
      'Notice prohibiting redisclosure (42 CFR § 2.32)',
      PART2_NOTICE[0].slice(0, 120),
      'A general authorization for the release of medical or other information is NOT sufficient',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The disclosure is logged against the letter.
    const { disclosures } = await unit.call('disclosures.list', { personId: unit.person.id });
    expect(disclosures.find((d) => d.letterId === letter.id)).toMatchObject({ kind: 'letter', basis: 'consent' });
    // The person's timeline shows the consent, the referral with its status, the letter and the disclosures.
    const { items } = await unit.call('people.timeline', { id: unit.person.id });
    const kinds = items.map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['consent', 'referral', 'letter', 'disclosure', 'contact']));
    expect(items.find((i) => i.kind === 'referral')).toMatchObject({ referral: { status: 'sent' } });
  });

  it('keeps a Spanish letter’s accents and leaves the notice out when no substance-use information goes out', async () => {
    const unit = await setUpReferrals();
    const referral = await makeReferral(unit, unit.services.shelter, {
      needs: ['housing'],
      reason: 'Necesita atención urgente.',
    });
    const { letter } = await unit.call('letters.generate', { referralId: referral.id, templateId: await templateId(unit, 'es') });
    expect(letter.part2Notice).toBe(false);
    const text = pdfText((await unit.call('letters.pdf', { id: letter.id })).contentBase64);
    for (const expected of [
      'Referencia de José Núñez',
      'fecha de nacimiento: 12 de abril de 1988',
      '28 de noviembre de 2026',
      'Motivo de la referencia: Necesita atención urgente.',
      'falta de vivienda / vivienda inestable',
      'Co-respondedor/a',
      'Página 1 de 1',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('42 CFR § 2.32');
  });

  it('is refused by the consent gate with the reason, and nothing is stored', async () => {
    const unit = await setUpReferrals();
    const referral = await makeReferral(unit, unit.services.crisis, { needs: ['mental_health'] });
    const preview = await unit.call('letters.preview', { referralId: referral.id, templateId: await templateId(unit, 'en') });
    expect(preview.gate).toMatchObject({ allowed: false });
    expect(preview.gate.message).toMatch(/^No active consent covers Riverside Mental Health for mental-health information/);
    const before = (await unit.call('system.status', {})).tables;
    const err = await unit.fail('letters.generate', { referralId: referral.id, templateId: await templateId(unit, 'en') });
    expect(err.code).toBe('consent_required');
    expect(err.message).toContain('No active consent covers Riverside Mental Health');
    const after = (await unit.call('system.status', {})).tables;
    expect([after.letters, after.disclosures]).toEqual([before.letters, before.disclosures]);
    // An administrator may override; the letter then says so.
    await unit.as('admin');
    const { letter } = await unit.call('letters.generate', {
      referralId: referral.id,
      templateId: await templateId(unit, 'en'),
      override: { reason: 'Imminent risk of harm; the crisis team needs the history now.' },
    });
    const text = pdfText((await unit.call('letters.pdf', { id: letter.id })).contentBase64);
    expect(text).toContain('Disclosed without consent');
  });

  it('with a clinical summary: co-responders only, sealed, and listed to officers only as sent', async () => {
    const unit = await setUpReferrals();
    await unit.call('consents.create', { personId: unit.person.id, consent: consentFields(unit) });
    const referral = await makeReferral(unit, unit.services.detox);
    const input = {
      referralId: referral.id,
      templateId: await templateId(unit, 'en'),
      clinicalSummary: 'PHQ-2 score 5; denies current suicidal ideation.',
    };
    await unit.as('officer');
    expect(await unit.fail('letters.generate', input)).toMatchObject({ code: 'forbidden', field: 'clinicalSummary' });
    // An officer's letter without one is fine: officers are the referral source.
    const plain = await unit.call('letters.generate', { ...input, clinicalSummary: '' });
    expect(plain.letter.readable).toBe(true);
    await unit.as('coresponder');
    const { letter } = await unit.call('letters.generate', input);
    expect(letter).toMatchObject({ clinical: true, readable: true });
    const text = pdfText((await unit.call('letters.pdf', { id: letter.id })).contentBase64);
    expect(text).toContain('Clinical summary PHQ-2 score 5; denies current suicidal ideation.');
    // Inside the database the clinical letter is ciphertext: no PDF, no layout in the clear.
    const row = unit.backend.requireDb().prepare('SELECT pdf, document, sealed FROM letters WHERE id = ?').get(letter.id) as {
      pdf: Buffer | null;
      document: string | null;
      sealed: string;
    };
    expect(row.pdf).toBeNull();
    expect(row.document).toBeNull();
    expect(row.sealed).not.toContain('PHQ-2');
    expect(row.sealed).not.toContain('%PDF');
    await unit.as('officer');
    const listed = (await unit.call('letters.list', { personId: unit.person.id })).letters.find((l) => l.id === letter.id)!;
    expect(listed).toMatchObject({ clinical: true, readable: false });
    expect(await unit.fail('letters.pdf', { id: letter.id })).toMatchObject({ code: 'forbidden' });
  });
});

describe('letter templates', () => {
  it('are edited by coordinators: a new version per save; unknown placeholders and templates over 100 kB are refused', async () => {
    const unit = await setUpReferrals();
    const id = await templateId(unit, 'en');
    const { template } = await unit.call('letters.template', { id });
    expect((await unit.fail('letters.saveTemplate', { ...template, id, body: 'x' })).code).toBe('forbidden');
    await unit.as('coordinator');
    const save = (body: string) =>
      unit.router.call('letters.saveTemplate', { id, kind: 'referral', language: 'en', name: template.name, body });
    const unknown = await save('Dear {{provider.name}}, {{person.ssn}} and {{person.nmae}}.');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'body' } });
    if (!unknown.ok) {
      expect(unknown.error.message).toContain('Unknown placeholder {{person.ssn}} (line 1)');
      expect(unknown.error.message).toContain('{{person.nmae}}');
    }
    const unclosed = await save('{{#needs}}- {{.}}');
    expect(unclosed).toMatchObject({ ok: false, error: { field: 'body' } });
    const big = await save('a'.repeat(100_001));
    expect(big).toMatchObject({ ok: false, error: { field: 'body' } });
    if (!big.ok) expect(big.error.message).toContain('at most 100 kB');
    const programmeOnly = await save('{{recipient.name}}');
    expect(programmeOnly).toMatchObject({ ok: false, error: { field: 'body' } });
    expect((await unit.call('letters.template', { id })).template.version).toBe(1);

    const saved = await unit.call('letters.saveTemplate', {
      id,
      kind: 'referral',
      language: 'en',
      name: template.name,
      body: `${template.body}\nPS: {{service.phone}}`,
    });
    expect(saved.template.version).toBe(2);
    const preview = await unit.call('letters.previewTemplate', { kind: 'referral', language: 'en', body: saved.template.body });
    const text = JSON.stringify(preview.document.blocks);
    expect(text).toContain('José Núñez');
    expect(text).toContain('PS: 555-0100');
    expect(preview.document.notice).not.toBeNull();
  });

  it('take a PNG or JPEG logo of at most 1 MB for the letterhead', async () => {
    const unit = await setUpReferrals();
    await unit.as('coordinator');
    const png = tinyPng();
    const bad = async (contentBase64: string, message: RegExp) => {
      const err = await unit.fail('letters.setLogo', { fileName: 'logo', contentBase64 });
      expect(err).toMatchObject({ code: 'invalid_input', field: 'contentBase64' });
      expect(err.message).toMatch(message);
    };
    await bad(Buffer.from('GIF89a not a png').toString('base64'), /PNG or JPEG/);
    await bad(Buffer.concat([png.subarray(0, 8), Buffer.alloc(1_000_001)]).toString('base64'), /1 MB/);
    await bad(Buffer.concat([png.subarray(0, 8), Buffer.from('garbage')]).toString('base64'), /not a readable PNG/);
    expect((await unit.call('letters.letterhead', {})).logo).toBeNull();
    await unit.call('letters.setLogo', { fileName: 'logo.png', contentBase64: png.toString('base64') });
    expect((await unit.call('letters.letterhead', {})).logo).toMatchObject({ type: 'image/png' });
    const { letter } = await unit.call('letters.generateProgramme', {
      templateId: await templateId(unit, 'en', 'programme'),
      recipientName: 'Dr. Example Reviewer',
      recipientOrganization: 'National TTA Centre',
      subject: 'Letter of support',
      details: 'We ask for help to start a pre-arrest deflection programme.',
    });
    expect(letter).toMatchObject({
      kind: 'programme',
      personId: null,
      recipientName: 'Dr. Example Reviewer, National TTA Centre',
    });
    const file = await unit.call('letters.pdf', { id: letter.id });
    const text = pdfText(file.contentBase64);
    expect(text).toContain('Dear Dr. Example Reviewer');
    expect(text).toContain('We ask for help to start a pre-arrest deflection programme.');
    expect(Buffer.from(file.contentBase64, 'base64').toString('latin1')).toContain('/Subtype /Image');
    expect((await unit.call('letters.list', {})).letters.map((l) => l.id)).toEqual([letter.id]);
  });
});

describe('merging people', () => {
  it('moves referrals, consents, letters and disclosures to the surviving record', async () => {
    const unit = await setUpReferrals();
    const { person: survivor } = await unit.call('people.create', {
      person: { firstName: 'Jose', lastName: 'Nunez' },
      allowDuplicate: true,
    });
    await unit.call('consents.create', { personId: unit.person.id, consent: consentFields(unit) });
    const referral = await makeReferral(unit, unit.services.detox, { send: true });
    await unit.call('letters.generate', { referralId: referral.id, templateId: await templateId(unit, 'en') });
    const { merge } = await unit.call('people.merge', {
      survivorId: survivor.id,
      mergedId: unit.person.id,
      reason: 'Same person',
    });
    expect(merge.moved).toMatchObject({ consents: 1, referrals: 1, letters: 1, disclosures: 2, contacts: 1 });
    expect((await unit.call('referrals.list', { personId: survivor.id })).referrals.map((r) => r.id)).toEqual([referral.id]);
    expect((await unit.call('consents.list', { personId: survivor.id })).consents).toHaveLength(1);
    expect((await unit.call('letters.list', { personId: survivor.id })).letters).toHaveLength(1);
    expect((await unit.call('disclosures.list', { personId: survivor.id })).disclosures).toHaveLength(2);
    // The gate now finds the moved consent for the survivor.
    expect(
      (
        await makeReferral({ ...unit, person: survivor, contact: { id: referral.contactId! } }, unit.services.detox, {
          send: true,
        })
      ).status,
    ).toBe('sent');
  });
});
