import type { AuditEntry } from '../../../shared/contract/audit';
import { CONSENT_CATEGORIES } from '../../../shared/domain/consents';
import { closureLabel, REFERRAL_METHODS, statusLabel } from '../../../shared/domain/referrals';
import { ROLE_LABELS, type Role } from '../../../shared/domain/roles';
import { labelOf } from '../../../shared/domain/vocab';
import { SCREENERS, type ScreenerCode } from '../../../shared/domain/screeners';
import { SERVICE_TYPE_LABELS, type ServiceType } from '../../../shared/domain/serviceTypes';
import { categoryLabel, HISTORY_FIELDS, manualKindLabel, statusLabel as milestoneStatus } from '../milestones/labels';
import { label, PERSON_FIELD_LABELS } from '../people/labels';
import { formatDate } from '../ui/format';

/**
 * An audit entry's details as a sentence an administrator reads ("Changed the inactivity lock to 1
 * minute.", "Wrong password.") and what it was about (a user by username, a link to a person's record).
 * Details are only staff, codes, ids and counts: never a client's name or narrative.
 */

type Detail = AuditEntry['detail'];
type Users = Record<string, string>;

const REASONS: Record<string, string> = {
  idle: 'after a period without activity',
  manual: 'with the Lock button or Ctrl+L',
  os: 'because the computer locked or went to sleep',
  unknown_user: 'Unknown username.',
  bad_password: 'Wrong password.',
  inactive: 'The account is deactivated.',
  locked_out: 'The account was locked after failed attempts.',
  other_user_logged_in: 'Another user logged in at the lock screen.',
  bad_recovery_key: 'Wrong recovery key.',
  'auth.shutdown': 'The app was closed.',
};

const FAILURE_CODES: Record<string, string> = {
  conflict: 'it conflicted with a record that already exists',
  not_found: 'the record does not exist',
  forbidden: 'the role does not allow it',
  invalid_input: 'the input was not valid',
  bad_credentials: 'the password was wrong',
  unavailable: 'the data store was busy or full',
  internal: 'of an unexpected error',
};

const SETTINGS: Record<string, string> = {
  department: 'the department letterhead',
  banner: 'the system-use banner',
  idleLockMinutes: 'the inactivity lock',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v ?? 0));
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
/** "Last name" → "last name", but "ZIP code" stays. */
const lowerFirst = (s: string) => (/^[A-Z]{2}/.test(s) ? s : `${s.charAt(0).toLowerCase()}${s.slice(1)}`);
const role = (v: unknown) => ROLE_LABELS[v as Role] ?? String(v);
const codes = (v: unknown) =>
  String(v ?? '')
    .split(',')
    .filter(Boolean);

/** Sentences for the details each action records; an action not listed falls back to "Key: value." pairs. */
const DESCRIBE: Record<string, (d: Detail, users: Users) => string> = {
  'auth.lock': (d) => `Locked ${REASONS[String(d.reason)] ?? ''}.`.replace(' .', '.'),
  'auth.login': (d) => REASONS[String(d.reason)] ?? '',
  'auth.logout': (d) => REASONS[String(d.reason)] ?? '',
  'auth.recover': (d) => REASONS[String(d.reason)] ?? 'A new administrator password was set with the recovery key.',
  'auth.lockout': (d) => `Locked for ${plural(num(d.minutes), 'minute')} after repeated wrong passwords.`,
  'users.create': (d) => `Role: ${role(d.role)}.`,
  'users.update': (d) => (d.fromRole ? `Role changed from ${role(d.fromRole)} to ${role(d.toRole)}.` : 'Display name changed.'),
  'users.resetPassword': (d) =>
    d.reactivated ? 'Temporary password set; the account was reactivated.' : 'Temporary password set.',
  'settings.update': (d) => {
    const changed = codes(d.changed).map((c) => SETTINGS[c] ?? c);
    const minutes = d.idleLockMinutes !== undefined ? ` (now ${plural(num(d.idleLockMinutes), 'minute')})` : '';
    return changed.length ? `Changed ${list(changed)}${minutes}.` : 'Nothing changed.';
  },
  'people.create': (d) => (d.allowDuplicate ? 'Created after the user confirmed it is not a duplicate.' : ''),
  'people.update': (d) => {
    const fields = codes(d.fields).map((f) => lowerFirst(PERSON_FIELD_LABELS[f]?.label ?? f));
    return fields.length ? `Changed ${list(fields)}.` : 'Nothing changed.';
  },
  'people.merge': (d) => {
    const moved = Object.entries(d)
      .filter(([k, v]) => k.startsWith('moved_') && num(v) > 0)
      .map(([k, v]) => plural(num(v), k.slice(6).replace(/s$/, '')));
    return `Moved ${moved.length ? list(moved) : 'nothing'}; filled ${plural(num(d.fieldsFilled), 'empty field')}; added ${plural(num(d.aliasesAdded), 'alias', 'aliases')}.`;
  },
  'contacts.create': (d) => {
    const parts = [
      d.subject === 'new' ? 'New person' : d.subject === 'anonymous' ? 'Unidentified person' : 'Person on record',
      d.pathway ? `pathway ${label.pathway(String(d.pathway))}` : '',
      d.disposition ? `disposition ${label.disposition(String(d.disposition))}` : '',
      d.needs !== undefined ? plural(num(d.needs), 'need') : '',
      num(d.screenings) ? plural(num(d.screenings), 'screening') : '',
      d.clinicalNote ? 'a clinical note' : '',
      d.followup ? 'a follow-up' : '',
    ];
    return `${parts.filter(Boolean).join('; ')}.`;
  },
  'contacts.setClinicalNote': (d) => `A note of ${plural(num(d.length), 'character')}.`,
  'screenings.record': (d) => `${SCREENERS[d.instrument as ScreenerCode]?.label ?? String(d.instrument)}.`,
  'followups.create': (d, users) => (d.assigneeId ? `Assigned to ${users[String(d.assigneeId)] ?? 'a former user'}.` : ''),
  'followups.update': (d) => {
    const changed = [d.dueDate ? 'due date' : '', d.assignee ? 'assignee' : '', d.note ? 'note' : ''].filter(Boolean);
    return changed.length ? `Changed the ${list(changed)}.` : 'Nothing changed.';
  },
  'followups.close': (d) => (d.status === 'cancelled' ? 'Cancelled.' : 'Done.'),
  'providers.saveService': (d) => `${num(d.created) ? 'Added' : 'Edited'}; ${plural(num(d.serviceTypes), 'service type')}.`,
  'providers.saveOrganization': (d) => (num(d.created) ? 'Added.' : 'Edited.'),
  'providers.mapTerm': (d) => {
    const types = codes(d.serviceTypes).map((t) => SERVICE_TYPE_LABELS[t as ServiceType] ?? t);
    return types.length ? `Now counts as ${list(types)}.` : 'Marked as not a service type.';
  },
  'providers.import': (d) =>
    num(d.errors)
      ? `Refused: ${plural(num(d.errors), 'problem')} in the package; nothing imported.`
      : `${num(d.added)} added, ${num(d.updated)} updated, ${num(d.unchanged)} unchanged (${String(d.format ?? '')}).`,
  'providers.export': (d) => `${plural(num(d.services), 'service')} of ${plural(num(d.organizations), 'organisation')}.`,
  'providers.updateSettings': (d) =>
    [
      d.timeZone ? `Time zone ${String(d.timeZone)}.` : '',
      d.staleMonths !== undefined ? `Listings flagged after ${plural(num(d.staleMonths), 'month')}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
  'drafts.save': (d) => `Form: ${String(d.formKey)}.`,
  'drafts.discard': (d) => `Form: ${String(d.formKey)}.`,
  'home.dashboard': (d) =>
    `Showed ${plural(num(d.myFollowups), 'follow-up')} of the user's and ${plural(num(d.recentContacts), 'recent contact')}.`,
  'drafts.get': (d) => `Form: ${String(d.formKey)}${d.found === false ? '; there was no draft' : ''}.`,
  'people.search': (d) => `${plural(num(d.results), 'result')} (the words searched are not recorded).`,
  'people.findDuplicates': (d) => `${plural(num(d.results), 'possible duplicate')}.`,
  'referrals.create': (d) =>
    `${d.sent ? 'Made and sent' : 'Made, not sent yet'}; ${plural(num(d.needs), 'need')}; ${labelOf(REFERRAL_METHODS, String(d.method ?? '')).toLowerCase() || 'no method'}${d.override ? '; sent under an administrator’s override of the consent check' : ''}.`,
  'referrals.transition': (d) =>
    `From ${statusLabel(String(d.from)).toLowerCase()} to ${statusLabel(String(d.to)).toLowerCase()}${d.closureReason ? ` (${closureLabel(String(d.closureReason)).toLowerCase()})` : ''}${d.override ? '; under an administrator’s override' : ''}.`,
  'referrals.updateSettings': (d) => `Follow up after ${plural(num(d.followUpDays), 'day')} without news.`,
  'letters.generate': (d) =>
    `From template version ${num(d.templateVersion)}${d.clinical ? ', with a clinical summary' : ''}${d.override ? '; under an administrator’s override' : ''}.`,
  'letters.generateProgramme': (d) => `From template version ${num(d.templateVersion)}.`,
  'letters.saveTemplate': (d) => `Version ${num(d.version)}${d.language ? ` (${String(d.language)})` : ''}.`,
  'letters.setLogo': (d) => (d.removed ? 'Logo removed.' : `Logo set (${String(d.type ?? 'image')}).`),
  'consents.create': (d) =>
    `To ${d.recipient === 'class' ? 'a class of recipients' : 'a provider'}; ${list(codes(d.categories).map((c) => labelOf(CONSENT_CATEGORIES, c).toLowerCase()))}; signed by ${String(d.signer ?? '').replace(/_/g, ' ')}.`,
  'consents.revoke': (d) => `Revoked as of ${formatDate(String(d.revokedOn))}.`,
  'consents.recordExpiryEvent': (d) => `Ended by its event on ${formatDate(String(d.occurredOn))}.`,
  'consents.paperReceived': (d) => `Signed paper copy received on ${formatDate(String(d.receivedOn))}.`,
  'disclosures.accounting': (d) => `${plural(num(d.count), 'disclosure')} since ${formatDate(String(d.from))}.`,
  'milestones.create': (d) => `${categoryLabel(String(d.category))}; ${milestoneStatus(String(d.status)).toLowerCase()}.`,
  'milestones.update': (d) => {
    const fields = codes(d.fields).map((f) => lowerFirst(HISTORY_FIELDS[f] ?? f));
    if (!fields.length) return 'Nothing changed.';
    return `Changed ${list(fields)}${d.status ? ` (now ${milestoneStatus(String(d.status)).toLowerCase()})` : ''}.`;
  },
  'milestones.startPlan': (d) =>
    `Starting ${formatDate(String(d.startDate))}: ${plural(num(d.added), 'milestone')} added${num(d.alreadyThere) ? `, ${num(d.alreadyThere)} already in the plan` : ''}.`,
  'milestones.home': (d) =>
    [
      d.overdue !== undefined ? `${plural(num(d.overdue), 'overdue milestone')}, ${num(d.dueSoon)} due soon` : '',
      d.retentionDue !== undefined ? `${plural(num(d.retentionDue), 'retention check')} due` : '',
    ]
      .filter(Boolean)
      .join('; ') + '.',
  'participants.record': (d) => `${manualKindLabel(String(d.kind))}${d.checkDays ? ` (${num(d.checkDays)} days)` : ''}.`,
  'participants.remove': (d) => `${manualKindLabel(String(d.kind))} removed (recorded in error).`,
  'tta.saveAnswers': (d) => `${plural(num(d.changed), 'answer')} changed.`,
  'tta.saveQuestions': (d) => `${plural(num(d.added), 'question')} added, ${num(d.edited)} edited, ${num(d.deleted)} deleted.`,
  'reports.exportPackage': (d) => exportSentence(d, `${String(d.profile) === 'state' ? 'State' : 'TTA provider'} profile`),
  'reports.exportPdf': (d) => exportSentence(d, 'PDF summary'),
  'reports.updateSettings': (d) =>
    num(d.threshold) === 0
      ? `Small-cell suppression turned OFF (was ${num(d.previousThreshold)}), after the warning.`
      : `Counts from 1 to ${num(d.threshold)} hidden in exports (was ${num(d.previousThreshold) || 'off'}).`,
  'demo.seed': (d) =>
    `${plural(num(d.people), 'person', 'people')}, ${plural(num(d.contacts), 'contact')}, ${plural(num(d.services), 'provider service')} (seed ${num(d.seed)}).`,
};

/** An export: what, which period, the threshold and how many figures it hid. */
function exportSentence(d: Detail, what: string): string {
  const hidden =
    num(d.threshold) === 0 ? 'suppression off' : `counts 1–${num(d.threshold)} hidden (${plural(num(d.hidden), 'figure')})`;
  return `${what}, ${formatDate(String(d.from))} to ${formatDate(String(d.to))}; ${hidden}${d.via === 'cli' ? '; from the command line' : ''}.`;
}

/** Details no sentence above covers, as "Key: value" pairs in plain words (ids and hashes are not for reading). */
function fallback(d: Detail): string {
  return Object.entries(d)
    .filter(([k]) => !/(Id|^id|sha256)$/.test(k))
    .map(([k, v]) => {
      const key = k.replace(/([A-Z])/g, ' $1').replace(/_/g, ' ');
      return `${key.charAt(0).toUpperCase()}${key.slice(1).toLowerCase()}: ${v === true ? 'yes' : v === false ? 'no' : String(v)}.`;
    })
    .join(' ');
}

export interface Described {
  /** What happened, in a sentence; "" when the label says it all. */
  sentence: string;
  /** What it was about: a username, or a record to open. */
  target: { text: string; href?: string } | null;
}

const TARGET_PAGES: Record<string, [string, string]> = {
  person: ['Person record', '/people/'],
  contact: ['Contact', '/contacts/'],
  service: ['Provider', '/providers/'],
  referral: ['Referral', '/referrals/'],
};

/** The sentence and the target of one entry, with staff ids shown as usernames. */
export function describeEntry(e: AuditEntry, users: Users): Described {
  const { role: refusedRole, code, ...rest } = e.detail;
  let sentence: string;
  if (e.outcome === 'denied' && refusedRole)
    sentence = `Refused: the ${ROLE_LABELS[refusedRole as Role] ?? String(refusedRole)} role may not do this.`;
  else if (e.outcome === 'failure' && code) sentence = `Not done, because ${FAILURE_CODES[String(code)] ?? String(code)}.`;
  else {
    const describe = DESCRIBE[e.action];
    sentence = describe ? describe(e.detail, users) : fallback({ ...rest, ...(code ? { code } : {}) });
  }
  let target: Described['target'] = null;
  if (e.targetType === 'user' && e.targetId) target = { text: `User ${users[e.targetId] ?? 'no longer on record'}` };
  else if (e.targetType && e.targetId && TARGET_PAGES[e.targetType]) {
    const [text, path] = TARGET_PAGES[e.targetType]!;
    target = { text, href: `${path}${e.targetId}` };
  } else if (e.targetType) {
    const kinds: Record<string, string> = {
      organization: 'Organisation',
      taxonomy_term: 'Taxonomy term',
      followup: 'Follow-up',
      screening: 'Screening',
      draft: 'Draft',
      provider_directory: 'Provider directory',
      consent: 'Consent',
      letter: 'Letter',
      letter_template: 'Letter template',
      milestone: 'Programme milestone',
      tta_quarter: 'TTA metrics',
      report_export: 'Export',
      report_settings: 'Report settings',
    };
    const kind = kinds[e.targetType] ?? e.targetType.replace(/_/g, ' ');
    target = { text: e.targetType === 'tta_quarter' && e.targetId ? `${kind}, ${e.targetId}` : kind };
  }
  return { sentence, target };
}
