import { Badge, type BadgeProps, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconClockOff, IconDoorEnter } from '@tabler/icons-react';
import type { OpenState } from '../../../shared/contract/providers';
import { SERVICE_TYPE_LABELS, type ServiceType } from '../../../shared/domain/serviceTypes';
import type { Role } from '../../../shared/domain/roles';
import { formatDate } from '../ui/format';

/** Badges here carry sentences ("Closed · opens Mon 08:00"): they wrap instead of being cut off. */
const WRAP: BadgeProps['styles'] = {
  root: { height: 'auto', minHeight: 'var(--badge-height)', paddingBlock: 2, maxWidth: '100%' },
  label: { textTransform: 'none', whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip' },
};

/** Roles that keep the directory up to date (the backend refuses the others the same way). */
export function canEditDirectory(role: Role): boolean {
  return role === 'coordinator' || role === 'admin';
}

export function OpenBadge({ open, size = 'md' }: { open: OpenState; size?: 'sm' | 'md' | 'lg' }) {
  const [color, Icon] =
    open.state === 'open' ? ['teal', IconClock] : open.state === 'closed' ? ['gray', IconClockOff] : ['gray', IconClockOff];
  return (
    <Badge
      color={color}
      variant={open.state === 'open' ? 'filled' : 'light'}
      size={size}
      leftSection={<Icon size={14} aria-hidden />}
      styles={WRAP}
      data-testid="open-state"
    >
      {open.label}
    </Badge>
  );
}

export function StaleBadge({ assuredDate }: { assuredDate: string | null }) {
  return (
    <Badge color="orange" variant="light" leftSection={<IconAlertTriangle size={14} aria-hidden />} styles={WRAP}>
      {assuredDate ? `Not verified since ${formatDate(assuredDate)}` : 'Never verified'}
    </Badge>
  );
}

export function WalkInBadge() {
  return (
    <Badge color="blue" variant="light" leftSection={<IconDoorEnter size={14} aria-hidden />} styles={WRAP}>
      Walk-ins
    </Badge>
  );
}

export function StatusBadge({ status }: { status: string }) {
  if (status === 'active') return null;
  return (
    <Badge color={status === 'temporarily closed' ? 'orange' : 'red'} variant="light" styles={WRAP}>
      {status === 'temporarily closed' ? 'Temporarily closed' : status === 'inactive' ? 'Inactive' : 'Defunct'}
    </Badge>
  );
}

export function ServiceTypeList({ types }: { types: readonly ServiceType[] }) {
  if (types.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No service type yet
      </Text>
    );
  return (
    <Stack gap={2}>
      {types.map((t) => (
        <Text key={t} size="sm">
          {SERVICE_TYPE_LABELS[t]}
        </Text>
      ))}
    </Stack>
  );
}
