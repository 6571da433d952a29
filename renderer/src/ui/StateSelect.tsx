import { type ComboboxItem, type OptionsFilter, Select, type SelectProps } from '@mantine/core';
import { US_STATES } from '../../../shared/domain/usStates';

const STATE_OPTIONS = US_STATES.map((s) => ({ value: s.code, label: `${s.label} (${s.code})` }));

/** Typing "MA" finds Massachusetts (its code) before Alabama (a name containing "ma"). */
const byCodeThenName: OptionsFilter = ({ options, search }) => {
  const q = search.trim().toLowerCase();
  if (!q) return options;
  const items = options as ComboboxItem[];
  const rank = (o: ComboboxItem) =>
    o.value.toLowerCase() === q ? 0 : o.label.toLowerCase().startsWith(q) ? 1 : o.label.toLowerCase().includes(q) ? 2 : 3;
  return items.filter((o) => rank(o) < 3).sort((a, b) => rank(a) - rank(b));
};

/** A US state or territory, chosen from the list by name or code (Tab takes the highlighted one); stored as its code. */
export function StateSelect(props: Omit<SelectProps, 'data'>) {
  return (
    <Select
      label="State"
      data={STATE_OPTIONS}
      searchable
      clearable
      selectFirstOptionOnChange
      autoSelectOnBlur
      filter={byCodeThenName}
      nothingFoundMessage="No state by that name"
      {...props}
    />
  );
}
