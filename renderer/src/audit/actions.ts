import { contract, type ProcedureName } from '../../../shared/contract';

/** Plain-words names for audit actions; an action without one is shown by its code. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.setup': 'Workstation set up',
  'auth.login': 'Log in',
  'auth.unlock': 'Unlock',
  'auth.lock': 'Lock',
  'auth.logout': 'Log out',
  'auth.lockout': 'Account locked after failed logins',
  'auth.shutdown': 'App closed',
  'auth.changePassword': 'Own password changed',
  'auth.recover': 'Recovery key used',
  'users.create': 'User created',
  'users.update': 'User edited',
  'users.deactivate': 'User deactivated',
  'users.resetPassword': 'Password reset',
  'users.unlock': 'User unlocked',
  'settings.update': 'Settings changed',
  'system.revealKey': 'Database key revealed',
  'home.dashboard': 'Home screen viewed',
  'people.history': 'Change history viewed',
  'people.search': 'People searched',
  'people.findDuplicates': 'Duplicate check',
  'drafts.get': 'Draft opened',
  'clinical.keyCreated': 'Clinical key created (clinical records sealed)',
  'auth.slotUpgraded': 'Key slot upgraded to the bound format',
  'backups.updateSettings': 'Backup settings changed',
  'backups.start': 'Backup started',
  'backups.cancel': 'Backup stopped',
  'backups.completed': 'Backup finished',
  'restore.start': 'Restore started',
  'restore.completed': 'Store restored from a backup',
  'restore.switch': 'Logged out: the workstation switched to a restored store',
  'keys.prepareRotation': 'Key rotation prepared (new recovery key shown)',
  'keys.rotate': 'Keys rotated',
};

/** Events recorded outside any single procedure (see electron/backend/auth). */
const EVENT_ACTIONS = [
  'auth.unlock',
  'auth.lockout',
  'auth.shutdown',
  'clinical.keyCreated',
  'auth.slotUpgraded',
  'backups.completed',
  'restore.completed',
  'restore.switch',
];

/** Every action the filter offers: audited procedures plus the session events. */
export function auditableActions(): string[] {
  const procedures = (Object.keys(contract) as ProcedureName[]).filter((name) => {
    const def = contract[name];
    return def.kind === 'mutation' || def.auditRead === true;
  });
  return [...new Set([...procedures, ...EVENT_ACTIONS])].sort((a, b) => actionLabel(a).localeCompare(actionLabel(b)));
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
