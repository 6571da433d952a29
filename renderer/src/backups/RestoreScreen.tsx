import { Alert, Loader, Text } from '@mantine/core';
import { useCallback } from 'react';
import { api } from '../api';
import { CenteredPage } from '../ui/CenteredPage';
import { useQuery } from '../ui/useQuery';
import { RestoreForm } from './RestoreForm';

/** Before login: restore onto a new workstation, or replace a damaged store. The recovery key is the authority. */
export function RestoreScreen({
  departmentName,
  onBack,
  onDone,
}: {
  departmentName: string;
  onBack: () => void;
  onDone: () => void;
}) {
  const { data: options, error } = useQuery(useCallback(() => api.restore.options({}), []));
  return (
    <CenteredPage title="Restore from a backup" eyebrow={departmentName || 'Deflect'} width={720}>
      <Text>
        {options?.hasStore
          ? 'Use this when the store on this workstation is damaged or lost. You need the backup file and the recovery key that was current when the backup was made.'
          : 'This workstation has no store yet: restore the department’s store from a backup file. You need the recovery key that was current when the backup was made.'}
      </Text>
      {error ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
      {options ? (
        <RestoreForm
          options={options}
          onCancel={onBack}
          cancelLabel="Back"
          onFinished={(result) => (result.switched || result.targetDir === options.dataDir ? onDone() : onBack())}
        />
      ) : (
        <Loader aria-label="Loading" />
      )}
    </CenteredPage>
  );
}
