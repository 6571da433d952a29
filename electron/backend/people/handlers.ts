import type { peopleContract, PersonHistoryEntry } from '../../../shared/contract/people';
import { AppError, Problems } from '../errors';
import type { HandlersFor } from '../router';
import { staffRef } from '../users/staffRef';
import { mergePeople } from './merge';
import {
  applyPersonChanges,
  completePerson,
  insertPerson,
  requirePersonRow,
  toPerson,
  updatePerson,
  validatePerson,
  valuesOf,
} from './repo';
import { findDuplicates, searchPeople } from './search';

/** Refuses to create a likely duplicate unless the user has seen the candidates and said it is someone else. */
export function refuseDuplicates(
  db: Parameters<typeof findDuplicates>[0],
  values: Parameters<typeof findDuplicates>[1],
  field: string,
): void {
  const dupes = findDuplicates(db, values);
  if (dupes.length) {
    const names = dupes.map((d) => d.displayName).join('; ');
    throw new AppError(
      'conflict',
      `This looks like ${dupes.length === 1 ? 'a person' : 'people'} already recorded (${names}). Open the existing record, or confirm that this is a different person.`,
      field,
    );
  }
}

export const peopleHandlers: HandlersFor<typeof peopleContract> = {
  // Searches are audited by who and how many results; the words searched for are never recorded.
  'people.search': (ctx, input) => {
    const results = searchPeople(ctx.db, input);
    ctx.audit.detail = { results: results.length };
    return { results };
  },

  'people.findDuplicates': (ctx, input) => {
    const candidates = findDuplicates(ctx.db, completePerson(input.person));
    ctx.audit.detail = { results: candidates.length };
    return { candidates };
  },

  'people.create': (ctx, input) => {
    const values = completePerson(input.person);
    const problems = new Problems();
    validatePerson(ctx.db, values, ctx.backend.now(), 'person', problems);
    problems.throwIfAny();
    if (!input.allowDuplicate) refuseDuplicates(ctx.db, values, 'person.lastName');
    const row = insertPerson(ctx.db, values, ctx.user.id, ctx.backend.nowIso());
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = row.id;
    ctx.audit.detail = { allowDuplicate: input.allowDuplicate };
    return { person: toPerson(row) };
  },

  'people.get': (ctx, input) => {
    const row = requirePersonRow(ctx.db, input.id);
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = row.id;
    return { person: toPerson(row) };
  },

  'people.update': (ctx, input) => {
    const row = requirePersonRow(ctx.db, input.id);
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = row.id;
    if (row.merged_into)
      throw new AppError('conflict', 'This record was merged into another one; edit that record instead.', 'id');
    if (row.version !== input.version) {
      throw new AppError(
        'conflict',
        'Someone else changed this person while you were editing. Reload to see their changes, then edit again.',
        'version',
      );
    }
    const { values, changed } = applyPersonChanges(valuesOf(row), input.changes);
    const problems = new Problems();
    validatePerson(ctx.db, values, ctx.backend.now(), 'changes', problems);
    problems.throwIfAny();
    const after = updatePerson(ctx.db, row, values, changed, ctx.user.id, ctx.backend.nowIso(), 'edit');
    // Field names only: the values themselves stay in the encrypted history table.
    ctx.audit.detail = { fields: changed.join(','), count: changed.length };
    return { person: toPerson(after), changed };
  },

  'people.history': (ctx, input) => {
    requirePersonRow(ctx.db, input.id);
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = input.id;
    const rows = ctx.db.prepare('SELECT * FROM person_history WHERE person_id = ? ORDER BY seq DESC').all(input.id) as {
      at: string;
      user_id: string | null;
      field: string;
      old_value: string | null;
      new_value: string | null;
      source: 'edit' | 'merge';
    }[];
    const entries: PersonHistoryEntry[] = rows.map((r) => ({
      at: r.at,
      by: staffRef(ctx.db, r.user_id),
      field: r.field,
      oldValue: r.old_value === null ? null : (JSON.parse(r.old_value) as PersonHistoryEntry['oldValue']),
      newValue: r.new_value === null ? null : (JSON.parse(r.new_value) as PersonHistoryEntry['newValue']),
      source: r.source,
    }));
    return { entries };
  },

  'people.merge': (ctx, input) => {
    ctx.audit.targetType = 'person';
    ctx.audit.targetId = input.survivorId;
    const { survivor, record } = mergePeople(ctx.db, input, ctx.user.id, ctx.backend.nowIso());
    ctx.audit.detail = {
      mergedId: input.mergedId,
      mergeId: record.id,
      ...Object.fromEntries(Object.entries(record.moved).map(([k, n]) => [`moved_${k}`, n])),
      fieldsFilled: record.fieldsFilled.length,
      aliasesAdded: record.aliasesAdded.length,
    };
    return { person: toPerson(survivor), merge: record };
  },
};
