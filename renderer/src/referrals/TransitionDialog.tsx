import { Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { contract } from '../../../shared/contract';
import type { Referral } from '../../../shared/contract/referrals';
import { CLOSURE_REASONS, closureReasonsFrom, isCorrection, type ReferralStatus } from '../../../shared/domain/referrals';
import { api } from '../api';
import { AppModal } from '../ui/AppModal';
import { useForm } from '../ui/form';
import { FormErrors } from '../ui/FormErrors';
import { formatDate, inputDate } from '../ui/format';
import { ConsentGateAlert, gated } from './ConsentGate';
import { statusLabel } from './labels';

const TITLES: Record<ReferralStatus, string> = {
  draft: 'Draft',
  sent: 'Mark as sent',
  accepted: 'Mark as accepted by the provider',
  engaged: 'Mark as engaged',
  completed: 'Mark as completed',
  closed: 'Close the referral',
};

/** One step of the status machine, with a note; engaged asks for the first appointment's date, closing for the outcome. */
export function TransitionDialog({
  referral,
  to,
  onClose,
  onDone,
}: {
  referral: Referral;
  to: ReferralStatus | null;
  onClose: () => void;
  onDone: (r: Referral) => void;
}) {
  const [gate, setGate] = useState<string | null>(null);
  const back = to !== null && isCorrection(referral.status as ReferralStatus, to);
  const title = back ? 'Take back the engagement' : to ? TITLES[to] : '';
  const form = useForm({
    initial: { note: '', closureReason: '', engagedOn: '' },
    schema: contract['referrals.transition'].input,
    toInput: (v) => ({
      id: referral.id,
      to: to ?? 'sent',
      note: v.note,
      closureReason: (v.closureReason || null) as 'withdrawn' | null,
      engagedOn: to === 'engaged' ? v.engagedOn || null : null,
    }),
    rules: (v) => ({
      ...(to === 'closed' && !v.closureReason ? { closureReason: 'Closing a referral needs a reason: choose the outcome.' } : {}),
      ...(to === 'engaged' && !v.engagedOn
        ? { engagedOn: 'Engagement date: enter the day of the first appointment attended.' }
        : {}),
      ...(back && !v.note.trim()
        ? { note: 'Note: say why the engagement is taken back (for example, it was recorded on the wrong referral).' }
        : {}),
    }),
  });
  const { reset } = form;
  useEffect(() => {
    if (to) {
      reset({ note: '', closureReason: '', engagedOn: to === 'engaged' ? inputDate() : '' });
      setGate(null);
    }
  }, [to, reset]);
  async function save(override?: string) {
    setGate(null);
    const out = await form.submit((input) =>
      gated(api.referrals.transition(override ? { ...input, override: { reason: override } } : input), setGate),
    );
    if (out) onDone(out.referral);
  }
  const reasons = closureReasonsFrom(referral.status as ReferralStatus).map((c) => ({
    value: c,
    label: CLOSURE_REASONS.find((r) => r.code === c)!.label,
  }));
  return (
    <AppModal opened={to !== null} onClose={onClose} title={title} size="md">
      <form
        ref={form.formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <Text size="sm">
            {referral.service.name}: now {statusLabel(referral.status).toLowerCase()}
            {to ? `, becomes ${statusLabel(to).toLowerCase()}` : ''}.
          </Text>
          {back ? (
            <Text size="sm" c="dimmed">
              The engagement on {formatDate(referral.engagedOn)} is cleared and the referral is accepted again; the history keeps
              both steps, and the person’s milestones no longer count it.
            </Text>
          ) : null}
          {to === 'sent' ? (
            <Text size="sm" c="dimmed">
              Sending tells {referral.service.organizationName} about the person; it is written to the disclosure log.
            </Text>
          ) : null}
          {to === 'engaged' ? (
            <TextInput
              type="date"
              label="Date of the first appointment attended"
              description={`On or after the referral (${formatDate(referral.referredOn)}), not in the future.`}
              required
              min={referral.referredOn}
              max={inputDate()}
              data-autofocus
              {...form.text('engagedOn')}
            />
          ) : null}
          {to === 'closed' ? (
            <Select label="Outcome" data={reasons} required data-autofocus {...form.select('closureReason')} />
          ) : null}
          <Textarea
            label={back ? 'Why is the engagement taken back?' : 'Note'}
            required={back}
            autosize
            minRows={2}
            data-autofocus={to !== 'engaged' && to !== 'closed' ? true : undefined}
            {...form.text('note')}
          />
          {gate ? <ConsentGateAlert message={gate} busy={form.busy} onOverride={(reason) => void save(reason)} /> : null}
          <FormErrors form={form} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.busy} color={to === 'closed' || back ? 'red' : undefined}>
              {to ? title : 'Save'}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
