import { type ComboboxItem, type OptionsFilter, Select, type SelectProps } from '@mantine/core';
import { useState } from 'react';
import { stateCode, US_STATES } from '../../../shared/domain/usStates';

const STATE_OPTIONS = US_STATES.map((s) => ({ value: s.code, label: `${s.label} (${s.code})` }));
const LABELS = new Map<string, string>(STATE_OPTIONS.map((o) => [o.value, o.label]));

/** Typing "MA" finds Massachusetts (its code) before Alabama (a name containing "ma"). */
const byCodeThenName: OptionsFilter = ({ options, search }) => {
  const q = search.trim().toLowerCase();
  if (!q) return options;
  const items = options as ComboboxItem[];
  const rank = (o: ComboboxItem) =>
    o.value.toLowerCase() === q ? 0 : o.label.toLowerCase().startsWith(q) ? 1 : o.label.toLowerCase().includes(q) ? 2 : 3;
  return items.filter((o) => rank(o) < 3).sort((a, b) => rank(a) - rank(b));
};

/**
 * A US state or territory, chosen from the list by name or code, stored as its code. A state typed out
 * in full or as its code ("Illinois", "il") is taken when the field is left, so Tab works as well as Enter.
 */
export function StateSelect({ onChange, onBlur, value, ...props }: Omit<SelectProps, 'data'>) {
  const [search, setSearch] = useState(() => (value ? (LABELS.get(value) ?? value) : ''));
  return (
    <Select
      label="State"
      data={STATE_OPTIONS}
      searchable
      clearable
      selectFirstOptionOnChange
      filter={byCodeThenName}
      nothingFoundMessage="No state by that name"
      value={value ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, option) => {
        setSearch(v ? (LABELS.get(v) ?? v) : '');
        onChange?.(v, option);
      }}
      onBlur={(e) => {
        const typed = stateCode(search);
        if (typed && typed !== value) {
          setSearch(LABELS.get(typed)!);
          onChange?.(
            typed,
            STATE_OPTIONS.find((o) => o.value === typed)!,
          );
        }
        onBlur?.(e);
      }}
      {...props}
    />
  );
}
