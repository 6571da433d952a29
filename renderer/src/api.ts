import type { InputOf, OutputOf, ProcedureName } from '../../shared/contract';
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

/**
 * The client tree, built on demand from the names the screens use: `api.users.create` calls
 * `users.create`. It needs no copy of the contract at run time (the types come from it), so the first
 * screen does not load every capability's zod schemas; the main process validates every call anyway.
 */
function buildApi(): Api {
  const groups = new Map<string, Readonly<Record<string, (input: unknown) => Promise<Result<unknown>>>>>();
  const group = (capability: string) => {
    let g = groups.get(capability);
    if (!g) {
      const procedures = new Map<string, (input: unknown) => Promise<Result<unknown>>>();
      g = new Proxy(Object.freeze({}), {
        get(_target, procedure) {
          if (typeof procedure !== 'string') return undefined;
          let fn = procedures.get(procedure);
          if (!fn) {
            const name = `${capability}.${procedure}` as ProcedureName;
            fn = (input: unknown) => call(name, input as never);
            procedures.set(procedure, fn);
          }
          return fn;
        },
      });
      groups.set(capability, g);
    }
    return g;
  };
  return new Proxy(Object.freeze({ call }), {
    get(target, capability) {
      if (capability === 'call') return target.call;
      // `then` is asked by await/Promise.resolve: the client is not a promise.
      if (typeof capability !== 'string' || capability === 'then') return undefined;
      return group(capability);
    },
  }) as unknown as Api;
}

/** The typed client: `api.users.create(input)` or `api.call('users.create', input)`. */
export const api: Api = buildApi();
