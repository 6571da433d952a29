import { checkPassword } from '../../../shared/domain/password';
import type { FieldErrors } from './form';

/**
 * The rules for choosing a password, for `useForm`'s `rules`: the policy (with the words it must not
 * contain) on `path`, and the confirmation on `confirmPath`.
 */
export function newPasswordProblems(
  password: string,
  confirm: string | null,
  context: readonly string[],
  path: string,
  confirmPath = 'confirm',
): FieldErrors {
  const out: FieldErrors = {};
  const problem = password ? checkPassword(password, context) : { message: 'Enter a password.' };
  if (problem) out[path] = problem.message;
  else if (confirm !== null && confirm !== password)
    out[confirmPath] = 'The two passwords do not match; type the same password twice.';
  return out;
}
