import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { Result } from '../../../shared/contract/procedure';
import { REFERRAL_LIMITS } from '../../../shared/domain/referrals';
import { useSession } from '../app/session';

/**
 * A refusal of the consent gate: what is missing, in the backend's words. An administrator may record an
 * override with a typed reason (audited, and written to the disclosure log); nobody else is offered one.
 */
export function ConsentGateAlert({
  message,
  busy,
  onOverride,
}: {
  message: string;
  busy?: boolean;
  onOverride?: (reason: string) => void;
}) {
  const { user } = useSession();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const admin = user.role === 'admin';
  const ref = useRef<HTMLDivElement>(null);
  // The refusal is what the user must read next: bring it into view and give it the focus.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'center' });
    ref.current?.focus({ preventScroll: true });
  }, [message]);
  return (
    <Alert
      ref={ref}
      color="red"
      variant="light"
      title="Not sent: no consent covers this"
      icon={<IconShieldLock aria-hidden />}
      role="alert"
      data-testid="consent-gate"
      data-form-alert
      tabIndex={-1}
    >
      <Stack gap="sm">
        <Text size="sm">{message}</Text>
        {admin && onOverride ? (
          <Stack gap="xs">
            <Textarea
              label="Override reason"
              description="For example a medical emergency (42 CFR § 2.51). The override is audited and listed in the person’s disclosures."
              value={reason}
              maxLength={REFERRAL_LIMITS.overrideReason}
              autosize
              minRows={2}
              error={error}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setError(null);
              }}
            />
            <Group>
              <Button
                color="red"
                variant="outline"
                loading={busy}
                onClick={() => {
                  if (reason.trim().length < 10)
                    setError('Say why the information goes out without consent (at least 10 characters).');
                  else onOverride(reason.trim());
                }}
              >
                Override and send
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** A call the consent gate may refuse: that refusal goes to `onGate` (shown with ConsentGateAlert), not to the form. */
export async function gated<T>(call: Promise<Result<T>>, onGate: (message: string) => void): Promise<Result<T | null>> {
  const r = await call;
  if (!r.ok && r.error.code === 'consent_required') {
    onGate(r.error.message);
    return { ok: true, value: null };
  }
  return r;
}
