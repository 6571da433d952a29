import type { intakeContract } from '../../../shared/contract/intake';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import { departmentDateOf, toUtcIso } from '../calendar';
import { AppError, Problems } from '../errors';
import { insertFollowup, requireFollowup, validateDueDate } from '../followups/repo';
import { requireActiveStaff } from '../users/staffRef';
import { refuseDuplicates } from '../people/handlers';
import {
  completePerson,
  insertPerson,
  type PersonRow,
  type PersonValues,
  resolvePersonRow,
  toPerson,
  validatePerson,
  valuesOf,
} from '../people/repo';
import type { Ctx, HandlersFor } from '../router';
import { dashboardHandlers } from './dashboard';
import { draftHandlers } from './drafts';
import { clinicalNoteOf, contactWriter, findContact, screeningsOf, staffNames } from './repo';
import { requireClinicalRole, validateContact } from './validate';

type IntakeHandlers = HandlersFor<typeof intakeContract>;

function requireContact(ctx: Ctx, id: string, field = 'id') {
  const contact = findContact(ctx.db, id);
  if (!contact) throw new AppError('not_found', 'No such contact.', field);
  ctx.audit.targetType = 'contact';
  ctx.audit.targetId = contact.id;
  return contact;
}

function clinicalView(ctx: Ctx, contactId: string) {
  const key = ctx.clinicalKey;
  const note = clinicalNoteOf(ctx.db, contactId, key);
  return {
    contactId,
    clinicalNote: note.note,
    noteUpdatedAt: note.updatedAt,
    noteUpdatedBy: staffNames(ctx.db)(note.updatedBy),
    screenings: screeningsOf(ctx.db, contactId, key),
  };
}

export const intakeHandlers: IntakeHandlers = {
  'contacts.create': (ctx, input) => {
    const user = ctx.user;
    const now = ctx.backend.now();
    const stamp = ctx.backend.nowIso();
    const { clinicalNote, occurredAt, ...fields } = input.contact;
    if (clinicalNote) requireClinicalRole(user.role, 'contact.clinicalNote', 'clinical notes');
    if (input.screenings.length) requireClinicalRole(user.role, 'screenings', 'screenings');
    // The contact's day is the department's, whatever offset the window's clock wrote the time with.
    const occurredDate = departmentDateOf(ctx.db, occurredAt);

    // Every problem of the intake at once: the contact, the person and the follow-up.
    const problems = new Problems();
    validateContact(ctx.db, input.contact, now, problems);
    const subject = input.subject;
    let existing: PersonRow | null = null;
    let values: PersonValues | null = null;
    if (subject.kind === 'existing') {
      existing = resolvePersonRow(ctx.db, subject.personId, 'subject.personId');
      const born = valuesOf(existing);
      if (
        (born.dateOfBirth && born.dateOfBirth > occurredDate) ||
        (born.birthYear && born.birthYear > Number(occurredDate.slice(0, 4)))
      ) {
        problems.add('contact.occurredAt', 'The date of the contact is before this person’s date of birth.');
      }
    } else if (subject.kind === 'new') {
      values = completePerson(subject.person);
      validatePerson(ctx.db, values, now, 'subject.person', problems, occurredDate);
    }
    if (input.followup) {
      const followup = input.followup;
      if (subject.kind === 'anonymous')
        problems.add('followup', 'A follow-up needs an identified person; link the contact to a person first.');
      problems.check(() => validateDueDate(ctx.db, followup.dueDate, now, 'followup.dueDate'));
      problems.check(() => requireActiveStaff(ctx.db, followup.assigneeId, 'followup.assigneeId'));
    }
    problems.throwIfAny();

    let person: PersonRow | null = existing;
    if (values) {
      if (subject.kind === 'new' && !subject.allowDuplicate) refuseDuplicates(ctx.db, values, 'subject.person.lastName');
      person = insertPerson(ctx.db, values, user.id, stamp);
    }

    const write = contactWriter(ctx.db, clinicalNote || input.screenings.length ? ctx.clinicalKey : null);
    const contactId = write.contact({
      personId: person?.id ?? null,
      anonymousDescription: subject.kind === 'anonymous' ? subject.description : '',
      occurredAt: toUtcIso(occurredAt),
      occurredDate,
      fields,
      clinicalNote,
      userId: user.id,
      now: stamp,
    });
    for (const s of input.screenings) write.screening(contactId, s, user.id, stamp);
    const followupId =
      input.followup && person
        ? insertFollowup(ctx.db, { personId: person.id, contactId, ...input.followup }, user.id, now, 'followup')
        : null;
    if (input.draftKey) ctx.db.prepare('DELETE FROM drafts WHERE user_id = ? AND form_key = ?').run(user.id, input.draftKey);

    ctx.audit.targetType = 'contact';
    ctx.audit.targetId = contactId;
    ctx.audit.detail = {
      subject: subject.kind,
      personId: person?.id ?? null,
      pathway: fields.pathway,
      disposition: fields.disposition,
      needs: fields.needs.length,
      screenings: input.screenings.length,
      clinicalNote: clinicalNote.length > 0,
      followup: followupId !== null,
    };
    return {
      contact: findContact(ctx.db, contactId)!,
      person: person ? toPerson(person) : null,
      followup: followupId ? requireFollowup(ctx.db, now, followupId) : null,
    };
  },

  'contacts.get': (ctx, input) => ({ contact: requireContact(ctx, input.id) }),

  'contacts.clinical': (ctx, input) => clinicalView(ctx, requireContact(ctx, input.id).id),

  'contacts.setClinicalNote': (ctx, input) => {
    const contact = requireContact(ctx, input.id);
    contactWriter(ctx.db, ctx.clinicalKey).clinicalNote(contact.id, input.clinicalNote, ctx.user.id, ctx.backend.nowIso());
    ctx.audit.detail = { length: input.clinicalNote.length };
    return clinicalView(ctx, contact.id);
  },

  'contacts.linkPerson': (ctx, input) => {
    const contact = requireContact(ctx, input.id);
    if (contact.personId) throw new AppError('conflict', 'This contact is already linked to a person.', 'id');
    const person = resolvePersonRow(ctx.db, input.personId, 'personId');
    const values = valuesOf(person);
    if (values.dateOfBirth && values.dateOfBirth > contact.occurredDate) {
      throw new AppError('invalid_input', 'This person was born after the date of the contact.', 'personId');
    }
    ctx.db
      .prepare('UPDATE contacts SET person_id = ?, updated_at = ?, updated_by = ? WHERE id = ?')
      .run(person.id, ctx.backend.nowIso(), ctx.user.id, contact.id);
    ctx.audit.detail = { personId: person.id };
    return { contact: findContact(ctx.db, contact.id)! };
  },

  'screenings.record': (ctx, input) => {
    const contact = requireContact(ctx, input.contactId, 'contactId');
    const taken = ctx.db
      .prepare('SELECT 1 FROM screenings WHERE contact_id = ? AND instrument = ?')
      .get(contact.id, input.screening.instrument);
    if (taken) throw new AppError('conflict', 'This screening was already recorded for this contact.', 'screening.instrument');
    const id = contactWriter(ctx.db, ctx.clinicalKey).screening(contact.id, input.screening, ctx.user.id, ctx.backend.nowIso());
    ctx.audit.targetType = 'screening';
    ctx.audit.targetId = id;
    ctx.audit.detail = { contactId: contact.id, instrument: input.screening.instrument };
    return { screening: screeningsOf(ctx.db, contact.id, ctx.clinicalKey).find((s) => s.id === id)! };
  },

  'intake.staff': (ctx) => {
    const staff = ctx.db
      .prepare(`SELECT id, display_name AS displayName, role FROM users WHERE active = 1 ORDER BY display_name COLLATE NOCASE`)
      .all() as { id: string; displayName: string; role: (typeof CLINICAL_ROLES)[number] | 'officer' }[];
    return { staff };
  },

  ...draftHandlers,
  ...dashboardHandlers,
};
