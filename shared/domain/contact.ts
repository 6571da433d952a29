/** Clocks disagree a little between the window and the backend; beyond this a contact is "in the future". */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;
/** A contact dated before this is taken as a typing mistake in the year. */
export const EARLIEST_CONTACT_DATE = '2000-01-01';

/** A contact's fields as the rules below need them; `occurredAt` carries its UTC offset. */
export interface ContactRuleValues {
  occurredAt: string;
  chargeCategory: string | null;
  chargesHeldInAbeyance: boolean;
  disposition: string;
}

/**
 * The rules a contact must meet together and against the clock (`now`, ms), beyond each field's own
 * format: field name → message, every problem at once. Applied by the backend on every save and by the
 * intake form before sending.
 */
export function contactProblems(c: ContactRuleValues, now: number): Record<string, string> {
  const out: Record<string, string> = {};
  const moment = Date.parse(c.occurredAt);
  if (!Number.isNaN(moment)) {
    if (moment > now + CLOCK_TOLERANCE_MS) out.occurredAt = 'The date and time of the contact cannot be in the future.';
    else if (c.occurredAt.slice(0, 10) < EARLIEST_CONTACT_DATE)
      out.occurredAt = `The date of the contact must be in ${EARLIEST_CONTACT_DATE.slice(0, 4)} or later; check the year.`;
  }
  if (!c.chargeCategory) {
    if (c.chargesHeldInAbeyance) out.chargeCategory = 'Choose the category of the charge that is held in abeyance.';
    else if (c.disposition === 'citation_abeyance')
      out.chargeCategory = 'A citation or charges held in abeyance needs the category of the charge.';
  }
  return out;
}
