import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import type { Ref } from 'react';

/**
 * Mantine's PasswordInput with its input marked `aria-invalid` while it shows an error (Mantine sets only
 * a data attribute there), so screen readers announce the problem and forms find it to focus. Use it for
 * every password field.
 */
export function PasswordField({ ref, ...props }: PasswordInputProps & { ref?: Ref<HTMLInputElement> }) {
  return <PasswordInput ref={ref} aria-invalid={props.error ? true : undefined} {...props} />;
}
