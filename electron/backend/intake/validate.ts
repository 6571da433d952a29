import type { ContactFields } from '../../../shared/contract/intake';
import { CLINICAL_ROLES } from '../../../shared/domain/roles';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { requireActiveStaff } from '../users/staffRef';
import type { ParsedContactFields } from './repo';

/** Clocks disagree a little between the window and the backend; beyond this a contact is "in the future". */
const CLOCK_TOLERANCE_MS = 5 * 60_000;
const EARLIEST_CONTACT = '2000-01-01';

/** The contact rules that need the clock, the staff list or several fields together. Fields are named as in the input. */
export function validateContact(db: Db, c: ParsedContactFields, now: number): void {
  const at = (field: keyof ContactFields | string) => `contact.${field}`;
  const moment = Date.parse(c.occurredAt);
  if (moment > now + CLOCK_TOLERANCE_MS)
    throw new AppError('invalid_input', 'The date and time of the contact cannot be in the future.', at('occurredAt'));
  if (c.occurredAt.slice(0, 10) < EARLIEST_CONTACT) {
    throw new AppError(
      'invalid_input',
      `The date of the contact must be in ${EARLIEST_CONTACT.slice(0, 4)} or later; check the year.`,
      at('occurredAt'),
    );
  }
  if (c.chargesHeldInAbeyance && !c.chargeCategory) {
    throw new AppError('invalid_input', 'Choose the category of the charge that is held in abeyance.', at('chargeCategory'));
  }
  if (c.disposition === 'citation_abeyance' && !c.chargeCategory) {
    throw new AppError(
      'invalid_input',
      'A citation or charges held in abeyance needs the category of the charge.',
      at('chargeCategory'),
    );
  }
  c.officerIds.forEach((id, i) => requireActiveStaff(db, id, `contact.officerIds.${i}`));
  if (c.coResponderId) {
    const staff = requireActiveStaff(db, c.coResponderId, at('coResponderId'));
    if (!(CLINICAL_ROLES as readonly string[]).includes(staff.role)) {
      throw new AppError(
        'invalid_input',
        'The co-responder must be a co-responder, coordinator or administrator.',
        at('coResponderId'),
      );
    }
  }
}

/** Officers never write (and so never read back) clinical content. */
export function requireClinicalRole(role: string, field: string, what: string): void {
  if (!(CLINICAL_ROLES as readonly string[]).includes(role)) {
    throw new AppError('forbidden', `Officers cannot record ${what}; a co-responder adds it.`, field);
  }
}
