import type { Milestone } from '../../../shared/contract/milestones';
import { MILESTONE_CATEGORIES, MILESTONE_STATUSES } from '../../../shared/domain/milestones';
import { EXIT_REASONS, MANUAL_MILESTONE_KINDS } from '../../../shared/domain/participants';
import { labelOf } from '../../../shared/domain/vocab';
import type { Role } from '../../../shared/domain/roles';
import { daysFromToday, formatDate } from '../ui/format';

export const categoryLabel = (code: string) => labelOf(MILESTONE_CATEGORIES, code);
export const statusLabel = (code: string) => labelOf(MILESTONE_STATUSES, code);
export const exitReasonLabel = (code: string | null) => labelOf(EXIT_REASONS, code);
export const manualKindLabel = (code: string) => labelOf(MANUAL_MILESTONE_KINDS, code);

export const CATEGORY_OPTIONS = MILESTONE_CATEGORIES.map((c) => ({ value: c.code, label: c.label }));
export const STATUS_OPTIONS = MILESTONE_STATUSES.map((s) => ({ value: s.code, label: s.label }));

/** Badge colours: green done, blue in progress, orange at risk, grey planned or cancelled. */
export const STATUS_COLORS: Record<string, string> = {
  planned: 'gray',
  in_progress: 'blue',
  at_risk: 'orange',
  done: 'green',
  cancelled: 'gray',
};

/** Coordinators and administrators keep the plan; everyone may read it. */
export function canEditPlan(role: Role): boolean {
  return role === 'coordinator' || role === 'admin';
}

/** "Overdue by 3 days", "Due today", "Due in 5 days": for open milestones; else "". */
export function dueText(m: Pick<Milestone, 'dueDate' | 'overdue' | 'dueSoon'>): string {
  const days = daysFromToday(m.dueDate);
  if (m.overdue) return `Overdue by ${-days} ${days === -1 ? 'day' : 'days'}`;
  if (!m.dueSoon) return '';
  if (days <= 0) return 'Due today';
  return days === 1 ? 'Due tomorrow' : `Due in ${days} days`;
}

/** Field names of the change history as people read them. */
export const HISTORY_FIELDS: Record<string, string> = {
  created: 'Created',
  title: 'Title',
  description: 'Description',
  category: 'Category',
  owner: 'Owner',
  dueDate: 'Due date',
  event: 'Event date and time',
  status: 'Status',
  completedOn: 'Completion date',
  evidence: 'Evidence',
  organizations: 'Partner organisations',
};

/** A history value in words: codes become labels, dates are written out. */
export function historyValue(field: string, value: string | null): string {
  if (value === null || value === '') return '—';
  if (field === 'category') return categoryLabel(value);
  if (field === 'status') return statusLabel(value);
  if (field === 'dueDate' || field === 'completedOn') return formatDate(value);
  return value;
}

/** Text colours that keep WCAG AA contrast on white and on the pale blue of the current month (Mantine's orange-9 and green-9 do not). */
export const TEXT_COLORS = { late: 'red.9', soon: '#9a3d08', good: '#1f6b30' } as const;
