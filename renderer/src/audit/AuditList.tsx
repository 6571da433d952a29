import { Alert, Anchor, Badge, Box, Loader, Stack, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry } from '../../../shared/contract/audit';
import { api, isSessionProblem } from '../api';
import { href } from '../app/router';
import { formatDateTime, formatNumber } from '../ui/format';
import { useLocked } from '../ui/lock-context';
import { actionLabel } from './actions';
import { describeEntry } from './describe';

/** Entries fetched at a time; more are fetched as the reader scrolls towards the end of those loaded. */
const PAGE_SIZE = 200;
const OUTCOME_COLORS = { success: 'green', failure: 'red', denied: 'orange' } as const;
const OUTCOME_LABELS = { success: 'Success', failure: 'Failed', denied: 'Refused' } as const;

function Detail({ entry, users }: { entry: AuditEntry; users: Record<string, string> }) {
  const { sentence, target } = describeEntry(entry, users);
  if (!sentence && !target) return <Text c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      {target ? (
        target.href ? (
          <Anchor href={href(target.href)} size="sm" fw={600}>
            {target.text}
          </Anchor>
        ) : (
          <Text size="sm" fw={600}>
            {target.text}
          </Text>
        )
      ) : null}
      {sentence ? <Text size="sm">{sentence}</Text> : null}
    </Stack>
  );
}

interface Loaded {
  entries: AuditEntry[];
  users: Record<string, string>;
  total: number;
}

/** The log, newest first, in pages fetched as needed; reloaded when the filter changes or after an unlock. */
function useAuditPages(action: string) {
  const locked = useLocked();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);
  const generation = useRef(0);

  useEffect(() => {
    if (locked) return;
    const mine = ++generation.current;
    setLoaded(null);
    busy.current = true;
    void api.audit.list({ limit: PAGE_SIZE, ...(action ? { action } : {}) }).then((r) => {
      if (mine !== generation.current) return;
      busy.current = false;
      if (r.ok) {
        setLoaded({ entries: r.value.entries, users: r.value.users, total: r.value.total });
        setError(null);
      } else if (!isSessionProblem(r.error.code)) setError(r.error.message);
    });
  }, [action, locked]);

  const loadMore = useCallback(() => {
    if (busy.current || !loaded || loaded.entries.length >= loaded.total) return;
    const mine = generation.current;
    const before = loaded.entries[loaded.entries.length - 1]!.seq;
    busy.current = true;
    void api.audit.list({ limit: PAGE_SIZE, beforeSeq: before, ...(action ? { action } : {}) }).then((r) => {
      if (mine !== generation.current) return;
      busy.current = false;
      if (r.ok) {
        setLoaded((l) =>
          l && l.entries[l.entries.length - 1]!.seq === before
            ? { entries: [...l.entries, ...r.value.entries], users: { ...l.users, ...r.value.users }, total: l.total }
            : l,
        );
      } else if (!isSessionProblem(r.error.code)) setError(r.error.message);
    });
  }, [loaded, action]);

  return { loaded, error, loadMore };
}

/**
 * The audit log as one table that scrolls through every entry: only the rows in view (and a few around)
 * are in the page, so a log of hundreds of thousands of entries scrolls as smoothly as one of fifty.
 * Row positions are announced (`aria-rowcount`, `aria-rowindex`); the scroll area takes the keyboard.
 */
export function AuditList({ action }: { action: string }) {
  const { loaded, error, loadMore } = useAuditPages(action);
  const scrollRef = useRef<HTMLDivElement>(null);
  const entries = loaded?.entries ?? [];
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 58,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (lastShown >= entries.length - 40) loadMore();
  }, [lastShown, entries.length, loadMore]);

  if (error) {
    return (
      <Alert color="red" title="Could not load the audit log" role="alert">
        {error}
      </Alert>
    );
  }
  if (!loaded) return <Loader aria-label="Loading the audit log" />;
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <Stack gap="xs">
      <Text aria-live="polite">
        {loaded.total === 0
          ? `No entries${action ? ' for this action' : ''}.`
          : `${formatNumber(loaded.total)} entries, newest first${
              entries.length < loaded.total ? ` (${formatNumber(entries.length)} loaded; scroll for older)` : ''
            }`}
      </Text>
      <Box
        ref={scrollRef}
        tabIndex={0}
        role="region"
        aria-label="Audit log entries, scrollable"
        data-testid="audit-scroll"
        style={{ height: 'max(420px, calc(100vh - 420px))', overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Table
          striped
          verticalSpacing="xs"
          miw={900}
          aria-label="Audit log entries"
          aria-rowcount={loaded.total + 1}
          stickyHeader
        >
          <Table.Thead>
            <Table.Tr aria-rowindex={1}>
              <Table.Th scope="col">#</Table.Th>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">User</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
              <Table.Th scope="col">Outcome</Table.Th>
              <Table.Th scope="col">Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {top > 0 ? <tr aria-hidden style={{ height: top }} /> : null}
            {items.map((item) => {
              const e = entries[item.index]!;
              return (
                <Table.Tr key={e.seq} data-index={item.index} ref={virtualizer.measureElement} aria-rowindex={item.index + 2}>
                  <Table.Td>{e.seq}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    {e.username ?? (
                      <Text c="dimmed" span>
                        unknown
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {actionLabel(e.action)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={OUTCOME_COLORS[e.outcome]} variant="light">
                      {OUTCOME_LABELS[e.outcome]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Detail entry={e} users={loaded.users} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {bottom > 0 ? <tr aria-hidden style={{ height: bottom }} /> : null}
          </Table.Tbody>
        </Table>
      </Box>
    </Stack>
  );
}
