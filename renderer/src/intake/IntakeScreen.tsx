import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Grid,
  Group,
  Kbd,
  Loader,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconHistory } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { contract, type InputOf } from '../../../shared/contract';
import { INTAKE_LIMITS } from '../../../shared/domain/intake';
import { CLINICAL_ROLES, ROLE_LABELS } from '../../../shared/domain/roles';
import { api } from '../api';
import { navigate, type RouteParams } from '../app/router';
import { useSession } from '../app/session';
import { toPersonFields } from '../people/PersonFieldsForm';
import { FormAlert } from '../ui/FormAlert';
import { type FieldErrors, schemaErrors } from '../ui/form';
import { formatTime } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import {
  ContactFieldsForm,
  type ContactFormValues,
  emptyContactForm,
  type StaffOption,
  toContactFields,
} from './ContactFieldsForm';
import { EMPTY_SCREENINGS, ScreeningsForm, type ScreeningsFormValues, toScreenings } from './ScreeningsForm';
import { EMPTY_SUBJECT, SubjectSection, type SubjectState } from './SubjectSection';
import { useDraft } from './useDraft';

interface FollowupForm {
  enabled: boolean;
  dueDate: string;
  assigneeId: string;
  note: string;
}

interface IntakeForm {
  subject: SubjectState;
  contact: ContactFormValues;
  screenings: ScreeningsFormValues;
  followup: FollowupForm;
}

function emptyForm(userId: string, officer: boolean): IntakeForm {
  return {
    subject: EMPTY_SUBJECT,
    contact: emptyContactForm(officer ? [userId] : []),
    screenings: EMPTY_SCREENINGS,
    followup: { enabled: false, dueDate: dayjs().add(2, 'day').format('YYYY-MM-DD'), assigneeId: userId, note: '' },
  };
}

type CreateInput = InputOf<'contacts.create'>;

function toInput(form: IntakeForm, clinical: boolean, draftKey: string): CreateInput | null {
  const s = form.subject;
  const subject: CreateInput['subject'] | null =
    s.kind === 'existing'
      ? { kind: 'existing', personId: s.match.id }
      : s.kind === 'new'
        ? { kind: 'new', person: toPersonFields(s.person), allowDuplicate: s.allowDuplicate }
        : s.kind === 'anonymous'
          ? { kind: 'anonymous', description: s.description }
          : null;
  if (!subject) return null;
  return {
    subject,
    contact: toContactFields(form.contact, clinical),
    ...(clinical ? { screenings: toScreenings(form.screenings) } : {}),
    ...(form.followup.enabled
      ? { followup: { dueDate: form.followup.dueDate, assigneeId: form.followup.assigneeId, note: form.followup.note } }
      : {}),
    draftKey,
  };
}

/** Keyboard-first intake: find or create the person, the contact, screenings (clinical roles), a follow-up. Autosaved as a draft. */
export function IntakeScreen({ params }: { params: RouteParams }) {
  // One form (and one draft) per starting point: a fresh intake, or one for a given person.
  const draftKey = params.personId ? `intake:person:${params.personId}` : 'intake';
  return <IntakeForm key={draftKey} draftKey={draftKey} personId={params.personId} />;
}

function IntakeForm({ draftKey, personId }: { draftKey: string; personId: string | undefined }) {
  const { user } = useSession();
  const clinical = (CLINICAL_ROLES as readonly string[]).includes(user.role);
  const [form, setForm] = useState<IntakeForm>(() => emptyForm(user.id, user.role === 'officer'));
  const [staff, setStaff] = useState<StaffOption[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusTick, setFocusTick] = useState(0);

  const restore = useCallback((content: IntakeForm, savedAt: string) => {
    setForm(content);
    setRestoredAt(savedAt);
  }, []);
  const draft = useDraft(draftKey, form, restore, !busy);

  useEffect(() => {
    void api.intake.staff({}).then((r) => r.ok && setStaff(r.value.staff));
  }, []);

  // Starting from a person's page: that person is already chosen (unless a draft says otherwise).
  useEffect(() => {
    if (!personId || !draft.ready) return;
    if (form.subject.kind !== 'search' || form.subject.query) return;
    void api.people.get({ id: personId }).then((r) => {
      if (!r.ok) return;
      const p = r.value.person;
      setForm((f) => ({
        ...f,
        subject: {
          kind: 'existing',
          match: {
            id: p.id,
            displayName: p.displayName,
            firstName: p.firstName,
            lastName: p.lastName,
            aliases: p.aliases,
            dateOfBirth: p.dateOfBirth,
            birthYear: p.birthYear,
            contactCount: -1,
            lastContactAt: null,
            matchScore: 1,
            reasons: [],
          },
        },
      }));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the draft has been looked at
  }, [personId, draft.ready]);

  useEffect(() => {
    if (focusTick)
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"] button, [role="alert"] input')?.focus();
  }, [focusTick]);

  function showErrors(next: FieldErrors, general: string | null) {
    setErrors(next);
    setFormError(general);
    if (Object.keys(next).length) setFocusTick((t) => t + 1);
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const input = toInput(form, clinical, draftKey);
    if (!input) {
      showErrors({ subject: 'Choose the person first: an existing person, a new person, or an unidentified person.' }, null);
      formRef.current?.querySelector<HTMLElement>('input')?.focus();
      return;
    }
    const found = schemaErrors(contract['contacts.create'].input, input);
    if (Object.keys(found).length) {
      showErrors(found, 'Some details need attention; they are marked below.');
      return;
    }
    setBusy(true);
    const r = await api.contacts.create(input);
    setBusy(false);
    if (!r.ok) {
      if (r.error.field) showErrors({ [r.error.field]: r.error.message }, r.error.message);
      else showErrors({}, r.error.message);
      return;
    }
    const fresh = emptyForm(user.id, user.role === 'officer');
    draft.forget(fresh);
    setForm(fresh);
    notifications.show({ color: 'green', title: 'Intake saved', message: r.value.contact.personName ?? 'Unidentified person' });
    navigate(r.value.contact.personId ? `/people/${r.value.contact.personId}` : `/contacts/${r.value.contact.id}`);
  }

  async function discard() {
    await api.drafts.discard({ formKey: draftKey });
    const fresh = emptyForm(user.id, user.role === 'officer');
    draft.forget(fresh);
    setForm(fresh);
    setRestoredAt(null);
    setErrors({});
    setFormError(null);
  }

  const staffData = staff.map((s) => ({ value: s.id, label: `${s.displayName} (${ROLE_LABELS[s.role]})` }));
  const followup = form.followup;
  const setFollowup = (next: Partial<FollowupForm>) => setForm((f) => ({ ...f, followup: { ...f.followup, ...next } }));

  if (!draft.ready) return <Loader aria-label="Opening the intake form" />;

  return (
    <Stack>
      <PageHeader
        title="New intake"
        description={
          <span>
            Record a contact. Saved as a draft as you type; press <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> to save the intake.
          </span>
        }
      />
      {restoredAt ? (
        <Alert color="blue" variant="light" icon={<IconHistory aria-hidden />} title="Unsaved intake restored" role="status">
          <Group justify="space-between">
            <Text size="sm">
              This is the intake you were working on, as saved at {formatTime(restoredAt)}{' '}
              {dayjs(restoredAt).isSame(dayjs(), 'day') ? 'today' : dayjs(restoredAt).format('MMM D')}.
            </Text>
            <Button size="compact-sm" variant="default" onClick={() => void discard()}>
              Discard it and start again
            </Button>
          </Group>
        </Alert>
      ) : null}
      <form
        ref={formRef}
        onSubmit={(e) => void submit(e)}
        noValidate
        onKeyDown={getHotkeyHandler([['mod+Enter', () => void submit()]])}
      >
        <Stack gap="lg">
          <Fieldset legend="1. Person">
            <SubjectSection value={form.subject} onChange={(subject) => setForm((f) => ({ ...f, subject }))} errors={errors} />
          </Fieldset>
          <Fieldset legend="2. Contact">
            <ContactFieldsForm
              values={form.contact}
              onChange={(contact) => setForm((f) => ({ ...f, contact }))}
              errors={errors}
              staff={staff}
              role={user.role}
            />
          </Fieldset>
          {clinical ? (
            <Fieldset legend="3. Screenings (clinical: officers see only that a screening was done, by whom and when)">
              <ScreeningsForm
                values={form.screenings}
                onChange={(screenings) => setForm((f) => ({ ...f, screenings }))}
                errors={errors}
              />
            </Fieldset>
          ) : null}
          <Fieldset legend={clinical ? '4. Follow-up' : '3. Follow-up'}>
            <Stack gap="sm">
              <Checkbox
                label="Add a follow-up task"
                checked={followup.enabled}
                onChange={(e) => setFollowup({ enabled: e.currentTarget.checked })}
                error={errors.followup}
              />
              {followup.enabled ? (
                <Grid>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <TextInput
                      type="date"
                      label="Due date"
                      required
                      value={followup.dueDate}
                      onChange={(e) => setFollowup({ dueDate: e.currentTarget.value })}
                      error={errors['followup.dueDate']}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 8 }}>
                    <Select
                      label="Assigned to"
                      required
                      searchable
                      data={staffData}
                      value={followup.assigneeId || null}
                      onChange={(v) => setFollowup({ assigneeId: v ?? '' })}
                      error={errors['followup.assigneeId']}
                    />
                  </Grid.Col>
                  <Grid.Col span={12}>
                    <Textarea
                      label="What to do"
                      autosize
                      minRows={2}
                      maxLength={INTAKE_LIMITS.followupNote}
                      value={followup.note}
                      onChange={(e) => setFollowup({ note: e.currentTarget.value })}
                      error={errors['followup.note']}
                    />
                  </Grid.Col>
                </Grid>
              ) : null}
            </Stack>
          </Fieldset>
          <FormAlert message={formError} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="draft-status">
              {draft.status.kind === 'saved'
                ? `Draft saved at ${formatTime(draft.status.at)}`
                : draft.status.kind === 'failed'
                  ? `Draft not saved: ${draft.status.message}`
                  : ''}
            </Text>
            <Group>
              <Button variant="default" onClick={() => void discard()} disabled={busy}>
                Clear form
              </Button>
              <Button
                type="submit"
                loading={busy}
                leftSection={<IconDeviceFloppy size={18} aria-hidden />}
                aria-keyshortcuts="Control+Enter"
              >
                Save intake
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
