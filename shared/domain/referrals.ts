import type { ConsentCategory } from './consents';
import type { Need } from './needs';
import type { VocabItem } from './vocab';

/**
 * Closed-loop referrals: PRODUCT.md "Referral status". draft → sent → accepted → engaged → completed, or
 * closed with one of the closing outcomes. Codes are stable and stored; labels may change.
 */

export const REFERRAL_STATUSES = [
  { code: 'draft', label: 'Draft' },
  { code: 'sent', label: 'Sent' },
  { code: 'accepted', label: 'Accepted' },
  { code: 'engaged', label: 'Engaged' },
  { code: 'completed', label: 'Completed' },
  { code: 'closed', label: 'Closed' },
] as const satisfies readonly VocabItem[];
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]['code'];

/** Closing outcomes: a referral is closed only with one of these. */
export const CLOSURE_REASONS = [
  { code: 'declined_by_person', label: 'Declined by person' },
  { code: 'not_eligible', label: 'Not eligible' },
  { code: 'no_capacity', label: 'No capacity' },
  { code: 'could_not_contact', label: 'Could not contact person' },
  { code: 'no_show', label: 'No-show' },
  { code: 'provider_did_not_respond', label: 'Provider did not respond' },
  { code: 'withdrawn', label: 'Withdrawn' },
] as const satisfies readonly VocabItem[];
export type ClosureReason = (typeof CLOSURE_REASONS)[number]['code'];

export const REFERRAL_METHODS = [
  { code: 'warm_handoff', label: 'Warm hand-off in person' },
  { code: 'phone_call', label: 'Phone call' },
  { code: 'letter', label: 'Letter' },
  { code: 'fax_email', label: 'Fax / e-mail' },
  { code: 'transported', label: 'Transported' },
] as const satisfies readonly VocabItem[];
export type ReferralMethod = (typeof REFERRAL_METHODS)[number]['code'];

/** The forward steps of the loop. `closed` is reached from any open status with a closing outcome. */
const NEXT: Record<ReferralStatus, ReferralStatus | null> = {
  draft: 'sent',
  sent: 'accepted',
  accepted: 'engaged',
  engaged: 'completed',
  completed: null,
  closed: null,
};

/** Which open statuses each closing outcome can close (a provider cannot fail to respond to a draft). */
export const CLOSURE_FROM: Record<ClosureReason, readonly ReferralStatus[]> = {
  declined_by_person: ['draft', 'sent', 'accepted', 'engaged'],
  not_eligible: ['sent', 'accepted'],
  no_capacity: ['sent', 'accepted'],
  could_not_contact: ['sent', 'accepted', 'engaged'],
  no_show: ['accepted', 'engaged'],
  provider_did_not_respond: ['sent'],
  withdrawn: ['draft', 'sent', 'accepted', 'engaged'],
};

export const TERMINAL_STATUSES: readonly ReferralStatus[] = ['completed', 'closed'];
/** Statuses in which the loop is still open and a referral that does not move needs a follow-up. */
export const AWAITING_STATUSES: readonly ReferralStatus[] = ['draft', 'sent', 'accepted'];
export const DEFAULT_FOLLOW_UP_DAYS = 7;

const label = (list: readonly VocabItem[], code: string) => list.find((i) => i.code === code)?.label ?? code;
export const statusLabel = (s: string) => label(REFERRAL_STATUSES, s);
export const closureLabel = (c: string) => label(CLOSURE_REASONS, c);

/**
 * Steps back, to correct a mistake: an engagement recorded in error (the wrong referral, an appointment
 * that did not happen) is taken back — the referral is accepted again and its engagement date cleared; the
 * history keeps both steps, and the person's derived milestones follow (shared/domain/participants.ts).
 */
const CORRECTIONS: Partial<Record<ReferralStatus, ReferralStatus>> = { engaged: 'accepted' };

/** Whether `from → to` is a step back that corrects a mistake (it needs a note saying why). */
export function isCorrection(from: ReferralStatus, to: ReferralStatus): boolean {
  return CORRECTIONS[from] === to;
}

/** The statuses a referral in `from` may move to (closing included when any outcome allows it, then any correction). */
export function allowedTransitions(from: ReferralStatus): ReferralStatus[] {
  const out: ReferralStatus[] = [];
  const next = NEXT[from];
  if (next) out.push(next);
  if (Object.values(CLOSURE_FROM).some((states) => states.includes(from))) out.push('closed');
  const back = CORRECTIONS[from];
  if (back) out.push(back);
  return out;
}

/** Closing outcomes that can close a referral in `from`. */
export function closureReasonsFrom(from: ReferralStatus): ClosureReason[] {
  return CLOSURE_REASONS.map((r) => r.code).filter((c) => CLOSURE_FROM[c].includes(from));
}

/**
 * Why a transition is refused, in plain words naming the current and requested state; null when allowed.
 * The reason field is `closureReason` for a closing without (or with the wrong) outcome.
 */
export function transitionProblem(
  from: ReferralStatus,
  to: ReferralStatus,
  closureReason: ClosureReason | null,
): { message: string; field: 'to' | 'closureReason' } | null {
  if (!allowedTransitions(from).includes(to)) {
    const allowed = allowedTransitions(from).map(statusLabel);
    return {
      field: 'to',
      message:
        `This referral is ${statusLabel(from).toLowerCase()}; it cannot be marked ${statusLabel(to).toLowerCase()}. ` +
        (allowed.length
          ? `From ${statusLabel(from).toLowerCase()} it can become: ${allowed.join(' or ').toLowerCase()}.`
          : 'It is finished.'),
    };
  }
  if (to === 'closed') {
    if (!closureReason) return { field: 'closureReason', message: 'Closing a referral needs a reason: choose the outcome.' };
    if (!CLOSURE_FROM[closureReason].includes(from)) {
      return {
        field: 'closureReason',
        message: `“${closureLabel(closureReason)}” cannot close a referral that is ${statusLabel(from).toLowerCase()}.`,
      };
    }
  } else if (closureReason) {
    return { field: 'closureReason', message: 'A closing outcome is recorded only when the referral is closed.' };
  }
  return null;
}

/** The information category a need discloses when it is named in a referral or a letter. */
export const NEED_CATEGORY: Record<Need, ConsentCategory> = {
  opioid_use: 'substance_use',
  stimulant_use: 'substance_use',
  alcohol_use: 'substance_use',
  other_substance_use: 'substance_use',
  mental_health: 'mental_health',
  suicide_risk: 'mental_health',
  sex_trafficking: 'other',
  labour_trafficking: 'other',
  commercial_sex: 'other',
  housing: 'housing',
  domestic_violence: 'other',
  medical: 'other',
  food: 'other',
  benefits_id: 'other',
  employment: 'other',
  legal: 'other',
  transportation: 'other',
};

/** What a referral for these needs discloses: the person's identity and contact details, and each need's category. */
export function categoriesForNeeds(needs: readonly Need[]): ConsentCategory[] {
  const set = new Set<ConsentCategory>(['contact_details']);
  for (const n of needs) set.add(NEED_CATEGORY[n]);
  const order: ConsentCategory[] = ['substance_use', 'mental_health', 'contact_details', 'housing', 'other'];
  return order.filter((c) => set.has(c));
}

export const REFERRAL_LIMITS = { reason: 2000, note: 1000, overrideReason: 500 } as const;
