import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { Backend, type BackendOptions } from './backend';
import { consentsHandlers } from './consents/handlers';
import { providersHandlers } from './providers/handlers';
import { demoHandlers } from './demo/handlers';
import { followupsHandlers } from './followups/handlers';
import { intakeHandlers } from './intake/handlers';
import { lettersHandlers } from './letters/handlers';
import { peopleHandlers } from './people/handlers';
import { timelineHandlers } from './people/timeline';
import { referralsHandlers } from './referrals/handlers';
import { Router } from './router';
import { systemHandlers } from './system/handlers';
import { usersHandlers } from './users/handlers';

export { Backend, type BackendOptions, type LockReason } from './backend';
export { Router } from './router';

/**
 * The whole backend for one data folder: state plus the router every caller (window, CLI, harness) goes through.
 * `backend` is for the benchmark's unencrypted twin (a Backend subclass); everything else passes options only.
 */
export function createBackend(
  options: BackendOptions,
  backend: Backend = new Backend(options),
): { backend: Backend; router: Router } {
  const router = new Router(backend, {
    ...systemHandlers,
    ...authHandlers,
    ...usersHandlers,
    ...auditHandlers,
    ...providersHandlers,
    ...peopleHandlers,
    ...intakeHandlers,
    ...followupsHandlers,
    ...consentsHandlers,
    ...referralsHandlers,
    ...lettersHandlers,
    ...timelineHandlers,
    ...demoHandlers,
  });
  return { backend, router };
}
