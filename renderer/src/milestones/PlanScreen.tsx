import { Alert, Anchor, Button, Card, Group, Loader, MultiSelect, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconChartBar, IconClipboardList, IconListDetails, IconPlus, IconTemplate } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import type { InputOf } from '../../../shared/contract';
import type { Milestone } from '../../../shared/contract/milestones';
import { STARTER_PLAN } from '../../../shared/domain/milestones';
import { api } from '../api';
import { href } from '../app/router';
import { useSession } from '../app/session';
import { formatNumber, zoneName } from '../ui/format';
import { PageHeader } from '../ui/PageHeader';
import { useQuery } from '../ui/useQuery';
import { canEditPlan, CATEGORY_OPTIONS, STATUS_OPTIONS, TEXT_COLORS } from './labels';
import { MilestoneDialog } from './MilestoneDialog';
import { MilestoneList } from './MilestoneList';
import { MilestoneTimeline } from './MilestoneTimeline';
import { StarterPlanDialog } from './StarterPlanDialog';

type View = 'list' | 'timeline';
type Dialog = { kind: 'new' } | { kind: 'edit'; milestone: Milestone; status?: string } | { kind: 'starter' } | null;

/** The programme plan: every milestone as a list or month by month, filtered by status, category and owner. */
export function PlanScreen() {
  const { user } = useSession();
  const editable = canEditPlan(user.role);
  const [view, setView] = useState<View>('list');
  const [statuses, setStatuses] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [owner, setOwner] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const fetchPlan = useCallback(
    () =>
      api.milestones.list({
        statuses: statuses as InputOf<'milestones.list'>['statuses'],
        categories: categories as InputOf<'milestones.list'>['categories'],
        owner,
      }),
    [statuses, categories, owner],
  );
  const { data, error, reload } = useQuery(fetchPlan);

  const filtered = statuses.length > 0 || categories.length > 0 || owner !== null;
  const zone = data ? zoneName(data.today, '12:00', data.timeZone) : '';
  const close = () => setDialog(null);
  const saved = () => {
    setDialog(null);
    void reload();
  };

  return (
    <Stack>
      <PageHeader
        title="Programme plan"
        description={
          data
            ? `Milestones agreed with the technical-assistance provider. Dates and times are the department’s (${zone}).`
            : undefined
        }
        actions={
          editable ? (
            <>
              <Button
                component="a"
                href={href('/programme/tta')}
                variant="subtle"
                leftSection={<IconClipboardList size={18} aria-hidden />}
              >
                TTA metrics
              </Button>
              <Button
                variant="default"
                leftSection={<IconTemplate size={18} aria-hidden />}
                onClick={() => setDialog({ kind: 'starter' })}
              >
                Start from template
              </Button>
              <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setDialog({ kind: 'new' })}>
                New milestone
              </Button>
            </>
          ) : null
        }
      />
      {error ? (
        <Alert color="red" title="Could not load the plan" role="alert">
          {error}
        </Alert>
      ) : null}
      {!data ? (
        error ? null : (
          <Loader aria-label="Loading the plan" />
        )
      ) : data.counts.total === 0 ? (
        <Card withBorder padding="lg">
          <Stack gap="sm" align="flex-start">
            <Text fw={700}>No milestones yet</Text>
            <Text>
              {editable
                ? `Start from the starter plan: the ${STARTER_PLAN.length} usual launch milestones (kick-off with the TTA provider, provider MOUs, training, data collection, the first quarterly report…) with due dates from a start date you choose. Then adjust them.`
                : 'The coordinator has not entered the programme plan yet.'}
            </Text>
            {editable ? (
              <Button leftSection={<IconTemplate size={18} aria-hidden />} onClick={() => setDialog({ kind: 'starter' })}>
                Start from template
              </Button>
            ) : null}
          </Stack>
        </Card>
      ) : (
        <>
          <Group gap="lg" role="status" aria-live="polite">
            <Text>
              <strong>{formatNumber(data.counts.total)}</strong> milestones
            </Text>
            <Text c={data.counts.overdue ? 'red.9' : undefined} fw={data.counts.overdue ? 700 : 400}>
              {formatNumber(data.counts.overdue)} overdue
            </Text>
            <Text c={data.counts.dueSoon ? TEXT_COLORS.soon : undefined} fw={data.counts.dueSoon ? 700 : 400}>
              {formatNumber(data.counts.dueSoon)} due within 14 days
            </Text>
            <Text>{formatNumber(data.counts.done)} done</Text>
          </Group>
          <search aria-label="Filter milestones">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <Stack gap={4}>
                <Text size="sm" fw={500} id="plan-view-label">
                  View
                </Text>
                <SegmentedControl
                  aria-labelledby="plan-view-label"
                  value={view}
                  onChange={(v) => setView(v as View)}
                  data={[
                    {
                      value: 'list',
                      label: (
                        <Group gap={6} wrap="nowrap">
                          <IconListDetails size={16} aria-hidden />
                          List
                        </Group>
                      ),
                    },
                    {
                      value: 'timeline',
                      label: (
                        <Group gap={6} wrap="nowrap">
                          <IconChartBar size={16} aria-hidden style={{ transform: 'rotate(90deg)' }} />
                          By month
                        </Group>
                      ),
                    },
                  ]}
                />
              </Stack>
              <MultiSelect
                label="Status"
                placeholder={statuses.length ? undefined : 'Any status'}
                data={STATUS_OPTIONS}
                value={statuses}
                onChange={setStatuses}
                clearable
                w={230}
              />
              <MultiSelect
                label="Category"
                placeholder={categories.length ? undefined : 'Any category'}
                data={CATEGORY_OPTIONS}
                value={categories}
                onChange={setCategories}
                clearable
                w={260}
              />
              <Select
                label="Owner"
                placeholder="Anyone"
                data={data.owners.map((o) => ({ value: o.key, label: o.label }))}
                value={owner}
                onChange={setOwner}
                clearable
                searchable
                w={230}
              />
              {filtered ? (
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  mb={8}
                  onClick={() => {
                    setStatuses([]);
                    setCategories([]);
                    setOwner(null);
                  }}
                >
                  Clear filters
                </Anchor>
              ) : null}
            </Group>
          </search>
          {data.milestones.length === 0 ? (
            <Text c="dimmed">No milestone matches these filters.</Text>
          ) : view === 'list' ? (
            <MilestoneList
              milestones={data.milestones}
              editable={editable}
              onOpen={(m) => setDialog({ kind: 'edit', milestone: m })}
              onMarkDone={(m) => setDialog({ kind: 'edit', milestone: m, status: 'done' })}
            />
          ) : (
            <MilestoneTimeline
              milestones={data.milestones}
              today={data.today}
              editable={editable}
              onOpen={(m) => setDialog({ kind: 'edit', milestone: m })}
            />
          )}
        </>
      )}
      {editable ? (
        <>
          <MilestoneDialog
            opened={dialog?.kind === 'new' || dialog?.kind === 'edit'}
            milestone={dialog?.kind === 'edit' ? dialog.milestone : null}
            {...(dialog?.kind === 'edit' && dialog.status ? { startStatus: dialog.status } : {})}
            me={user.id}
            onClose={close}
            onSaved={saved}
          />
          <StarterPlanDialog
            opened={dialog?.kind === 'starter'}
            existingKeys={data?.starterKeys ?? []}
            onClose={close}
            onStarted={saved}
          />
        </>
      ) : null}
    </Stack>
  );
}
