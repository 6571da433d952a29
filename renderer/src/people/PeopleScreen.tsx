import { Stack, Text } from '@mantine/core';
import { navigate } from '../app/router';
import { PageHeader } from '../ui/PageHeader';
import { PersonSearch } from './PersonSearch';

/** Find a person and open their page. */
export function PeopleScreen() {
  return (
    <Stack>
      <PageHeader
        title="People"
        description="Search by name, alias or street name; misspellings and swapped names are found too."
      />
      <PersonSearch
        label="Find a person"
        description="Arrow keys and Enter open the person's page."
        autoFocus
        onPick={(c) => c.kind === 'person' && navigate(`/people/${c.match.id}`)}
      />
      <Text size="sm" c="dimmed">
        Opening a record is recorded in the audit log.
      </Text>
    </Stack>
  );
}
