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
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { contract, type InputOf } from '../../../shared/contract';
import { INTAKE_LIMITS } from '../../../shared/domain/intake';
import { CLINICAL_ROLES, ROLE_LABELS } from '../../../shared/domain/roles';
import { api } from '../api';
import { navigate, type RouteParams } from '../app/router';
import { useSession } from '../app/session';
import { contactProblems } from '../../../shared/domain/contact';
import { dueDateProblem } from '../../../shared/domain/followups';
import { personFormProblems, toPersonFields } from '../people/PersonFieldsForm';
import { type FieldErrors, useForm } from '../ui/form';
import { ErrorSummary, FormErrors } from '../ui/FormErrors';
import { formatTime, formatWhen, inputDate } from '../ui/format';
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
    followup: { enabled: false, dueDate: inputDate(2), assigneeId: userId, note: '' },
  };
}

type CreateInput = InputOf<'contacts.create'>;

/** The intake as the API takes it; with no person chosen yet, `subject` is missing and the contract says so. */
function toInput(form: IntakeForm, clinical: boolean, draftKey: string): CreateInput {
  const s = form.subject;
  const subject =
    s.kind === 'existing'
      ? { kind: 'existing' as const, personId: s.match.id }
      : s.kind === 'new'
        ? { kind: 'new' as const, person: toPersonFields(s.person), allowDuplicate: s.allowDuplicate }
        : s.kind === 'anonymous'
          ? { kind: 'anonymous' as const, description: s.description }
          : undefined;
  return {
    subject: subject as CreateInput['subject'],
    contact: toContactFields(form.contact, clinical),
    ...(clinical ? { screenings: toScreenings(form.screenings) } : {}),
    ...(form.followup.enabled
      ? { followup: { dueDate: form.followup.dueDate, assigneeId: form.followup.assigneeId, note: form.followup.note } }
      : {}),
    draftKey,
  };
}

/** The rules beyond the contract's schema, with this workstation's clock: the backend applies the same ones. */
function intakeRules(form: IntakeForm, input: CreateInput): FieldErrors {
  const out: FieldErrors = {};
  if (form.subject.kind === 'search')
    out.subject = 'Choose the person first: someone on record, a new person, or an unidentified person.';
  const contact = input.contact;
  for (const [field, message] of Object.entries(
    contactProblems(
      {
        occurredAt: contact.occurredAt,
        chargeCategory: contact.chargeCategory ?? null,
        chargesHeldInAbeyance: contact.chargesHeldInAbeyance ?? false,
        disposition: contact.disposition,
      },
      Date.now(),
    ),
  ))
    out[`contact.${field}`] = message;
  if (form.subject.kind === 'new')
    Object.assign(out, personFormProblems(form.subject.person, 'subject.person', form.contact.occurredAt.slice(0, 10)));
  if (form.followup.enabled) {
    if (form.subject.kind === 'anonymous')
      out.followup = 'A follow-up needs an identified person: choose or create the person, or untick the follow-up.';
    const due = form.followup.dueDate ? dueDateProblem(form.followup.dueDate, inputDate()) : null;
    if (due) out['followup.dueDate'] = due;
  }
  return out;
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
  const form = useForm<IntakeForm, CreateInput>({
    initial: emptyForm(user.id, user.role === 'officer'),
    schema: contract['contacts.create'].input,
    toInput: (f) => toInput(f, clinical, draftKey),
    rules: intakeRules,
  });
  const { values, setValues, errors } = form;
  const [staff, setStaff] = useState<StaffOption[]>([]);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);

  const restore = useCallback(
    (content: IntakeForm, savedAt: string) => {
      setValues(content);
      setRestoredAt(savedAt);
    },
    [setValues],
  );
  const draft = useDraft(draftKey, values, restore, !form.busy);

  useEffect(() => {
    void api.intake.staff({}).then((r) => r.ok && setStaff(r.value.staff));
  }, []);

  // Starting from a person's page: that person is already chosen (unless a draft says otherwise).
  useEffect(() => {
    if (!personId || !draft.ready) return;
    if (values.subject.kind !== 'search' || values.subject.query) return;
    void api.people.get({ id: personId }).then((r) => {
      if (!r.ok) return;
      const p = r.value.person;
      setValues((f) => ({
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

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    const saved = await form.submit((input) => api.contacts.create(input));
    if (!saved) return;
    const fresh = emptyForm(user.id, user.role === 'officer');
    draft.forget(fresh);
    form.reset(fresh);
    notifications.show({ color: 'green', title: 'Intake saved', message: saved.contact.personName ?? 'Unidentified person' });
    navigate(saved.contact.personId ? `/people/${saved.contact.personId}` : `/contacts/${saved.contact.id}`);
  }

  async function discard() {
    await api.drafts.discard({ formKey: draftKey });
    const fresh = emptyForm(user.id, user.role === 'officer');
    draft.forget(fresh);
    form.reset(fresh);
    setRestoredAt(null);
  }

  const staffData = staff.map((s) => ({ value: s.id, label: `${s.displayName} (${ROLE_LABELS[s.role]})` }));
  const followup = values.followup;
  const setFollowup = (next: Partial<FollowupForm>) => setValues((f) => ({ ...f, followup: { ...f.followup, ...next } }));

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
            <Text size="sm">This is the intake you were working on, as saved at {formatWhen(restoredAt)}.</Text>
            <Button size="compact-sm" variant="default" onClick={() => void discard()}>
              Discard it and start again
            </Button>
          </Group>
        </Alert>
      ) : null}
      <form
        ref={form.formRef}
        onSubmit={(e) => void submit(e)}
        noValidate
        onKeyDown={getHotkeyHandler([['mod+Enter', () => void submit()]])}
      >
        <Stack gap="lg">
          <ErrorSummary form={form} />
          <Fieldset legend="1. Person">
            <SubjectSection
              value={values.subject}
              onChange={(subject) => setValues((f) => ({ ...f, subject }))}
              errors={errors}
            />
          </Fieldset>
          <Fieldset legend="2. Contact">
            <ContactFieldsForm
              values={values.contact}
              onChange={(contact) => setValues((f) => ({ ...f, contact }))}
              errors={errors}
              staff={staff}
              role={user.role}
            />
          </Fieldset>
          {clinical ? (
            <Fieldset legend="3. Screenings (clinical: officers see only that a screening was done, by whom and when)">
              <ScreeningsForm
                values={values.screenings}
                onChange={(screenings) => setValues((f) => ({ ...f, screenings }))}
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
                      error={form.error('followup.dueDate')}
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
                      error={form.error('followup.assigneeId')}
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
                      error={form.error('followup.note')}
                    />
                  </Grid.Col>
                </Grid>
              ) : null}
            </Stack>
          </Fieldset>
          <FormErrors form={form} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed" aria-live="polite" data-testid="draft-status">
              {draft.status.kind === 'saved'
                ? `Draft saved at ${formatTime(draft.status.at)}`
                : draft.status.kind === 'failed'
                  ? `Draft not saved: ${draft.status.message}`
                  : ''}
            </Text>
            <Group>
              <Button variant="default" onClick={() => void discard()} disabled={form.busy}>
                Clear form
              </Button>
              <Button
                type="submit"
                loading={form.busy}
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
