import { Badge, Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { PersonMatch } from '../../../shared/contract/people';
import { api } from '../api';
import { birthText } from './labels';
import { formatShortDateTime } from '../ui/format';

export interface ExtraOption {
  value: string;
  label: ReactNode;
}

/** One line per match: name, date of birth, aliases, how many contacts, why it matched. */
export function MatchSummary({ match }: { match: PersonMatch }) {
  const birth = birthText(match);
  return (
    <Stack gap={0}>
      <Group gap="xs" wrap="nowrap">
        <Text fw={600} size="sm">
          {match.displayName}
        </Text>
        {birth ? <Text size="sm">· {birth}</Text> : null}
        {match.reasons
          .filter((r) => r !== 'name')
          .map((r) => (
            <Badge key={r} size="xs" variant="light" color="gray">
              {r}
            </Badge>
          ))}
      </Group>
      <Text size="xs" c="dimmed">
        {match.aliases.length ? `Also known as ${match.aliases.join(', ')}` : ''}
        {match.aliases.length && match.contactCount >= 0 ? ' · ' : ''}
        {/* A negative count means "not looked up" (a person chosen from their own page). */}
        {match.contactCount >= 0 ? `${match.contactCount} ${match.contactCount === 1 ? 'contact' : 'contacts'}` : ''}
        {match.lastContactAt ? `, last ${formatShortDateTime(match.lastContactAt)}` : ''}
      </Text>
    </Stack>
  );
}

/**
 * Find a person as you type: results ranked by the backend (misspellings, swapped names, aliases,
 * date of birth). Arrow keys move through the list, Enter picks. `extra` options (create new, unidentified)
 * always follow the matches.
 */
export function PersonSearch({
  label,
  description,
  dateOfBirth,
  onPick,
  extra = () => [],
  excludeId,
  autoFocus,
  query: controlledQuery,
  onQueryChange,
  error,
}: {
  label: string;
  description?: string;
  dateOfBirth?: string;
  onPick: (choice: { kind: 'person'; match: PersonMatch } | { kind: 'extra'; value: string }) => void;
  extra?: (query: string) => ExtraOption[];
  excludeId?: string;
  autoFocus?: boolean;
  query?: string;
  onQueryChange?: (query: string) => void;
  error?: string | undefined;
}) {
  const [ownQuery, setOwnQuery] = useState('');
  const query = controlledQuery ?? ownQuery;
  const setQuery = onQueryChange ?? setOwnQuery;
  const [debounced] = useDebouncedValue(query, 150);
  const [results, setResults] = useState<PersonMatch[]>([]);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  useEffect(() => {
    const mine = ++seq.current;
    const text = debounced.trim();
    if (text.length < 2 && !dateOfBirth) {
      setResults([]);
      return;
    }
    setBusy(true);
    void api.people.search({ query: text, limit: 8, ...(dateOfBirth ? { dateOfBirth } : {}) }).then((r) => {
      if (mine !== seq.current) return;
      setBusy(false);
      setResults(r.ok ? r.value.results.filter((m) => m.id !== excludeId) : []);
    });
  }, [debounced, dateOfBirth, excludeId]);

  useEffect(() => {
    if (results.length) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the store is stable; select only when results change
  }, [results]);

  const extras = extra(query.trim());
  const byId = new Map(results.map((m) => [m.id, m]));
  // The extra choices (create, unidentified) are offered before anything is typed.
  const showDropdown = query.trim().length >= 2 || results.length > 0 || extras.length > 0;

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(value) => {
        combobox.closeDropdown();
        const match = byId.get(value);
        onPick(match ? { kind: 'person', match } : { kind: 'extra', value });
      }}
    >
      <Combobox.Target>
        <TextInput
          label={label}
          description={description}
          error={error}
          // The error stands above the box, where the list of matches never covers it.
          inputWrapperOrder={['label', 'description', 'error', 'input']}
          value={query}
          autoFocus={autoFocus}
          autoComplete="off"
          leftSection={<IconSearch size={18} aria-hidden />}
          rightSection={busy ? <Loader size="xs" aria-label="Searching" /> : null}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onClick={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!showDropdown}>
        <Combobox.Options aria-label="Matching people">
          {results.map((m) => (
            <Combobox.Option value={m.id} key={m.id} aria-label={m.displayName}>
              <MatchSummary match={m} />
            </Combobox.Option>
          ))}
          {results.length === 0 && debounced.trim().length >= 2 && !busy ? (
            <Combobox.Empty>No one on record matches.</Combobox.Empty>
          ) : null}
          {extras.map((o) => (
            <Combobox.Option value={o.value} key={o.value}>
              {o.label}
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
