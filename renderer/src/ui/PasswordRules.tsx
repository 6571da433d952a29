import { List, Text } from '@mantine/core';
import { PASSWORD_MIN_LENGTH } from '../../../shared/domain/password';

/** The password policy, shown before the user types, in the words the backend's messages use. */
export function PasswordRules({ subject = 'The password' }: { subject?: string }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {subject} must:
      </Text>
      <List size="sm" spacing={2} mt={4}>
        <List.Item>
          have at least {PASSWORD_MIN_LENGTH} characters (a phrase of three or four words is easiest to remember);
        </List.Item>
        <List.Item>not be a common password such as “password123” or “policedepartment”;</List.Item>
        <List.Item>not contain the username or the department’s name.</List.Item>
      </List>
    </div>
  );
}
