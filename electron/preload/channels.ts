/**
 * What the preload and the main process must agree on: the only two IPC channels and the shape
 * of a procedure name. No electron or Node imports: the sandboxed preload bundles this file.
 */
import type { Result } from '../../shared/contract';

export const CALL_CHANNEL = 'deflect:call';
export const LOCK_CHANNEL = 'deflect:lock';

/** Longest procedure name the window may send (names are `capability.verb`, far shorter). */
export const MAX_PROCEDURE_NAME_LENGTH = 64;

export function isProcedureNameShape(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= MAX_PROCEDURE_NAME_LENGTH;
}

export const INVALID_PROCEDURE_NAME: Result<never> = {
  ok: false,
  error: { code: 'invalid_input', message: `The procedure name must be text of 1 to ${MAX_PROCEDURE_NAME_LENGTH} characters.` },
};
