import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { Backend, type BackendOptions } from './backend';
import { backupsHandlers } from './backup/handlers';
import { watchBackupSchedule } from './backup/service';
import { consentsHandlers } from './consents/handlers';
import { storeCheckOf } from './maintenance/storeCheck';
import { providersHandlers } from './providers/handlers';
import { demoHandlers } from './demo/handlers';
import { followupsHandlers } from './followups/handlers';
import { intakeHandlers } from './intake/handlers';
import { keysHandlers } from './keys/handlers';
import { lettersHandlers } from './letters/handlers';
import { milestonesHandlers } from './milestones/handlers';
import { participantsHandlers } from './milestones/participantHandlers';
import { ttaHandlers } from './milestones/tta';
import { peopleHandlers } from './people/handlers';
import { timelineHandlers } from './people/timeline';
import { referralsHandlers } from './referrals/handlers';
import { reportsHandlers } from './reports/handlers';
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
    ...milestonesHandlers,
    ...participantsHandlers,
    ...ttaHandlers,
    ...reportsHandlers,
    ...demoHandlers,
    ...backupsHandlers,
    ...keysHandlers,
  });
  storeCheckOf(backend);
  // The start-up notice (an interrupted rotation or restore) is for the login screen; a login has seen it.
  backend.onStore((event) => {
    if (event !== 'open') return;
    backend.notice = null;
    // Remembered outside the folder: a later start that finds it gone says so instead of offering a new store.
    if (backend.isSetUp()) backend.rememberStoreFolder();
  });
  if (options.scheduleBackups) watchBackupSchedule(backend);
  return { backend, router };
}
