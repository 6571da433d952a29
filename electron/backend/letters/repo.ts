import { randomUUID } from 'node:crypto';
import type { Letter, LetterDocument, LetterTemplate } from '../../../shared/contract/letters';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import type { LetterKind } from '../../../shared/domain/letters';
import { seal, unseal } from '../clinical/seal';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { staffNames } from '../intake/repo';
import { sha256 } from '../pdf/draw';
import type { Ctx } from '../router';

/** Letters and their templates in the database. A letter with clinical content is sealed with the clinical key. */

interface TemplateRow {
  id: string;
  kind: LetterKind;
  language: 'en' | 'es';
  name: string;
  version: number;
  body: string;
  active: number;
  updated_at: string;
  updated_by: string | null;
}

export function toTemplate(db: Db, r: TemplateRow): LetterTemplate {
  const staff = staffNames(db);
  return {
    id: r.id,
    kind: r.kind,
    language: r.language,
    name: r.name,
    version: r.version,
    active: r.active === 1,
    updatedAt: r.updated_at,
    updatedBy: staff(r.updated_by),
    body: r.body,
  };
}

export function listTemplates(db: Db, kind: LetterKind | undefined, includeInactive: boolean): TemplateRow[] {
  const where = [kind ? 'kind = @kind' : '1 = 1', includeInactive ? '1 = 1' : 'active = 1'];
  return db
    .prepare(`SELECT * FROM letter_templates WHERE ${where.join(' AND ')} ORDER BY kind, language, name COLLATE NOCASE`)
    .all(kind ? { kind } : {}) as TemplateRow[];
}

export function requireTemplate(db: Db, id: string, field = 'id'): TemplateRow {
  const row = db.prepare('SELECT * FROM letter_templates WHERE id = ?').get(id) as TemplateRow | undefined;
  if (!row) throw new AppError('not_found', 'No such letter template.', field);
  return row;
}

/** Saves a template as a new version (or a new template); returns its id. */
export function saveTemplate(
  db: Db,
  input: { id?: string | undefined; kind: LetterKind; language: 'en' | 'es'; name: string; body: string; active: boolean },
  userId: string,
  now: string,
): string {
  let id = input.id;
  let version = 1;
  if (id) {
    const current = requireTemplate(db, id);
    if (current.kind !== input.kind) {
      throw new AppError('invalid_input', 'A template’s kind cannot change; make a new template instead.', 'kind');
    }
    version = current.version + 1;
    db.prepare(
      'UPDATE letter_templates SET language = ?, name = ?, version = ?, body = ?, active = ?, updated_at = ?, updated_by = ? WHERE id = ?',
    ).run(input.language, input.name, version, input.body, input.active ? 1 : 0, now, userId, id);
  } else {
    id = randomUUID();
    db.prepare(
      `INSERT INTO letter_templates (id, kind, language, name, version, body, active, updated_at, updated_by)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    ).run(id, input.kind, input.language, input.name, input.body, input.active ? 1 : 0, now, userId);
  }
  db.prepare(
    'INSERT INTO letter_template_versions (template_id, version, name, body, saved_at, saved_by) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, version, input.name, input.body, now, userId);
  return id;
}

interface LetterRow {
  id: string;
  kind: LetterKind;
  person_id: string | null;
  referral_id: string | null;
  template_id: string;
  template_version: number;
  template_name: string;
  language: string;
  title: string;
  recipient_name: string;
  clinical: number;
  part2_notice: number;
  sha256: string;
  byte_size: number;
  created_at: string;
  created_by: string | null;
}

const COLUMNS = `l.id, l.kind, l.person_id, l.referral_id, l.template_id, l.template_version, v.name AS template_name, l.language,
  l.title, l.recipient_name, l.clinical, l.part2_notice, l.sha256, l.byte_size, l.created_at, l.created_by`;
const FROM = `FROM letters l JOIN letter_template_versions v ON v.template_id = l.template_id AND v.version = l.template_version`;

const canReadClinical = (role: string) => (CLINICAL_ROLES as readonly string[]).includes(role);

export function loadLetters(db: Db, role: string, where: string, params: unknown[]): Letter[] {
  const staff = staffNames(db);
  const rows = db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE ${where} ORDER BY l.created_at DESC`).all(...params) as LetterRow[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    personId: r.person_id,
    referralId: r.referral_id,
    title: r.title,
    recipientName: r.recipient_name,
    language: r.language,
    templateId: r.template_id,
    templateName: r.template_name,
    templateVersion: r.template_version,
    clinical: r.clinical === 1,
    readable: r.clinical === 0 || canReadClinical(role),
    sha256: r.sha256,
    byteSize: r.byte_size,
    part2Notice: r.part2_notice === 1,
    createdAt: r.created_at,
    createdBy: staff(r.created_by),
  }));
}

export interface NewLetter {
  id: string;
  kind: LetterKind;
  personId: string | null;
  referralId: string | null;
  templateId: string;
  templateVersion: number;
  language: string;
  title: string;
  recipientName: string;
  recipientOrganizationId: string | null;
  clinical: boolean;
  part2: boolean;
  pdf: Buffer;
  document: LetterDocument;
  sha256: string;
}

/** Stores a generated letter; with clinical content, the PDF and its layout are sealed together. */
export function insertLetter(ctx: Ctx, l: NewLetter): void {
  const sealed = l.clinical
    ? seal(ctx.clinicalKey, 'letters.sealed', l.id, JSON.stringify({ pdf: l.pdf.toString('base64'), document: l.document }))
    : null;
  ctx.db
    .prepare(
      `INSERT INTO letters (id, kind, person_id, referral_id, template_id, template_version, language, title, recipient_name,
         recipient_organization_id, clinical, part2_notice, pdf, document, sealed, sha256, byte_size, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      l.id,
      l.kind,
      l.personId,
      l.referralId,
      l.templateId,
      l.templateVersion,
      l.language,
      l.title,
      l.recipientName,
      l.recipientOrganizationId,
      l.clinical ? 1 : 0,
      l.part2 ? 1 : 0,
      sealed ? null : l.pdf,
      sealed ? null : JSON.stringify(l.document),
      sealed,
      l.sha256,
      l.pdf.length,
      ctx.backend.nowIso(),
      ctx.user.id,
    );
}

/** The stored PDF and layout; a clinical letter needs the caller's clinical key. */
export function openLetter(ctx: Ctx, id: string): { letter: Letter; pdf: Buffer; document: LetterDocument } {
  const letter = loadLetters(ctx.db, ctx.user.role, 'l.id = ?', [id])[0];
  if (!letter) throw new AppError('not_found', 'No such letter.', 'id');
  if (!letter.readable) {
    throw new AppError('forbidden', 'This letter holds clinical content: a co-responder or coordinator can open it.', 'id');
  }
  const row = ctx.db.prepare('SELECT pdf, document, sealed FROM letters WHERE id = ?').get(id) as {
    pdf: Buffer | null;
    document: string | null;
    sealed: string | null;
  };
  let pdf: Buffer;
  let document: LetterDocument;
  if (row.sealed) {
    const opened = JSON.parse(unseal(ctx.clinicalKey, 'letters.sealed', id, row.sealed)) as {
      pdf: string;
      document: LetterDocument;
    };
    pdf = Buffer.from(opened.pdf, 'base64');
    document = opened.document;
  } else {
    pdf = row.pdf!;
    document = JSON.parse(row.document!) as LetterDocument;
  }
  if (sha256(pdf) !== letter.sha256) {
    throw new AppError(
      'unavailable',
      'This stored letter no longer matches its SHA-256 fingerprint, so it was not opened.',
      'id',
    );
  }
  return { letter, pdf, document };
}

export function newLetterId(): string {
  return randomUUID();
}
