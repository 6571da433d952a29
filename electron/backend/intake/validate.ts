import { contactProblems } from '../../../shared/domain/contact';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import type { Db } from '../db/open';
import { AppError, type Problems } from '../errors';
import { requireActiveStaff } from '../users/staffRef';
import type { ParsedContactFields } from './repo';

/**
 * The contact rules that need the clock, the staff list or several fields together, added to `problems`
 * under the input's own paths (`contact.…`).
 */
export function validateContact(db: Db, c: ParsedContactFields, now: number, problems: Problems): void {
  problems.addAll(contactProblems(c, now), 'contact');
  c.officerIds.forEach((id, i) => problems.check(() => requireActiveStaff(db, id, `contact.officerIds.${i}`)));
  if (c.coResponderId) {
    const field = 'contact.coResponderId';
    problems.check(() => {
      const staff = requireActiveStaff(db, c.coResponderId!, field);
      if (!(CLINICAL_ROLES as readonly string[]).includes(staff.role))
        throw new AppError('invalid_input', 'The co-responder must be a co-responder, coordinator or administrator.', field);
    });
  }
}

/** Officers never write (and so never read back) clinical content. */
export function requireClinicalRole(role: string, field: string, what: string): void {
  if (!(CLINICAL_ROLES as readonly string[]).includes(role)) {
    throw new AppError('forbidden', `Officers cannot record ${what}; a co-responder adds it.`, field);
  }
}
