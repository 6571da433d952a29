import { Badge } from '@mantine/core';
import { CONSENT_CATEGORIES, CONSENT_STATUSES } from '../../../shared/domain/consents';
import { NEEDS } from '../../../shared/domain/needs';
import { CLOSURE_REASONS, REFERRAL_METHODS, REFERRAL_STATUSES } from '../../../shared/domain/referrals';
import { labelOf } from '../../../shared/domain/vocab';

export const statusLabel = (s: string) => labelOf(REFERRAL_STATUSES, s);
export const methodLabel = (m: string) => labelOf(REFERRAL_METHODS, m);
export const closureLabel = (c: string | null) => (c ? labelOf(CLOSURE_REASONS, c) : '');
export const needLabel = (n: string) => labelOf(NEEDS, n);
export const categoryLabel = (c: string) => labelOf(CONSENT_CATEGORIES, c);
export const needsText = (needs: readonly string[]) => needs.map(needLabel).join(', ');
export const categoriesText = (cats: readonly string[]) => cats.map(categoryLabel).join(', ');

const STATUS_COLORS: Record<string, string> = {
  draft: 'gray',
  sent: 'blue',
  accepted: 'cyan',
  engaged: 'teal',
  completed: 'green',
  closed: 'dark',
};

export function ReferralStatusBadge({ status, closureReason }: { status: string; closureReason?: string | null }) {
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light">
      {statusLabel(status)}
      {status === 'closed' && closureReason ? `: ${closureLabel(closureReason)}` : ''}
    </Badge>
  );
}

const CONSENT_COLORS: Record<string, string> = { active: 'green', expired: 'gray', revoked: 'red' };

export function ConsentStatusBadge({ status, expiringSoon }: { status: string; expiringSoon?: boolean }) {
  if (status === 'active' && expiringSoon) {
    return (
      <Badge color="orange" variant="light">
        Expiring soon
      </Badge>
    );
  }
  return (
    <Badge color={CONSENT_COLORS[status] ?? 'gray'} variant="light">
      {labelOf(CONSENT_STATUSES, status)}
    </Badge>
  );
}
