import { contract, type InputOf, type OutputOf, type ProcedureName } from '../../shared/contract';
import type { ApiError, Result } from '../../shared/contract/procedure';

/** Session problems every screen shares: the app shows the lock or login screen for them. */
export type SessionProblem = 'locked' | 'unauthenticated' | 'password_change_required';
type SessionListener = (problem: SessionProblem, error: ApiError) => void;

const sessionListeners = new Set<SessionListener>();

/** The app registers here once; any call answered `locked` or `unauthenticated` brings the lock or login screen up. */
export function onSessionProblem(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** True for the errors the app handles centrally (lock or login screen): screens show nothing for them. */
export function isSessionProblem(code: ApiError['code']): code is SessionProblem {
  return code === 'locked' || code === 'unauthenticated' || code === 'password_change_required';
}

const UNREACHABLE: ApiError = {
  code: 'unavailable',
  message: 'Deflect could not reach its data store. Nothing was saved. Try again; if it keeps happening, restart Deflect.',
};

/** Calls one procedure. Never throws: a failure comes back as `{ok: false, error}`. */
export async function call<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>> {
  let result: Result<unknown>;
  try {
    result = await window.deflect.call(name, input);
  } catch {
    result = { ok: false, error: UNREACHABLE };
  }
  if (!result.ok && isSessionProblem(result.error.code)) {
    for (const listener of sessionListeners) listener(result.error.code as SessionProblem, result.error);
  }
  return result as Result<OutputOf<N>>;
}

type CapabilityOf<N> = N extends `${infer C}.${string}` ? C : never;
export type Capability = CapabilityOf<ProcedureName>;

export type CapabilityClient<C extends Capability> = {
  [N in ProcedureName as N extends `${C}.${infer P}` ? P : never]: (input: InputOf<N>) => Promise<Result<OutputOf<N>>>;
};

export type Api = { [C in Capability]: CapabilityClient<C> } & { call: typeof call };

function buildApi(): Api {
  const tree: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of Object.keys(contract) as ProcedureName[]) {
    const dot = name.indexOf('.');
    const capability = name.slice(0, dot);
    const procedureName = name.slice(dot + 1);
    tree[capability] ??= {};
    tree[capability][procedureName] = (input: unknown) => call(name, input as never);
  }
  for (const group of Object.values(tree)) Object.freeze(group);
  return Object.freeze({ ...tree, call }) as unknown as Api;
}

/** The typed client: `api.users.create(input)` or `api.call('users.create', input)`. */
export const api: Api = buildApi();
