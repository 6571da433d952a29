import { contract, type ProcedureName } from '../../../shared/contract';

/** Events recorded outside any single procedure (see electron/backend/auth, clinical and demo). */
export const EVENT_ACTIONS = [
  'auth.unlock',
  'auth.lockout',
  'auth.shutdown',
  'auth.slotUpgraded',
  'clinical.keyCreated',
  'demo.seed',
] as const;
export type AuditAction = ProcedureName | (typeof EVENT_ACTIONS)[number];

/**
 * A plain name for every action the audit log can hold. Every procedure is here, not only the audited
 * ones, because a refused call of any procedure is audited too: a new procedure without a label fails
 * the typecheck and the test in test/backend/audit-labels.test.ts.
 */
export const ACTION_LABELS: Record<AuditAction, string> = {
  'audit.list': 'Audit log viewed',
  'audit.verify': 'Audit log checked',
  'auth.changePassword': 'Own password changed',
  'auth.heartbeat': 'Activity reported',
  'auth.lock': 'Workstation locked',
  'auth.login': 'Log in',
  'auth.logout': 'Log out',
  'auth.recover': 'Recovery key used',
  'auth.setup': 'Workstation set up',
  'auth.unlock': 'Unlock',
  'auth.lockout': 'Account locked after failed logins',
  'auth.shutdown': 'App closed',
  'auth.slotUpgraded': 'Key slot upgraded to the bound format',
  'clinical.keyCreated': 'Clinical key created (clinical records sealed)',
  'consents.create': 'Consent recorded',
  'consents.form': 'Consent form printed',
  'consents.get': 'Consent opened',
  'consents.list': 'Consents listed',
  'consents.paperReceived': 'Signed consent received',
  'consents.recordExpiryEvent': 'Consent end event recorded',
  'consents.revoke': 'Consent revoked',
  'contacts.clinical': 'Clinical details opened',
  'contacts.create': 'Intake recorded',
  'contacts.get': 'Contact opened',
  'contacts.linkPerson': 'Contact linked to a person',
  'contacts.setClinicalNote': 'Clinical note written',
  'demo.leave': 'Demo left',
  'demo.open': 'Demo opened',
  'demo.seed': 'Demonstration data added',
  'disclosures.accounting': 'Accounting of disclosures printed',
  'disclosures.list': 'Disclosures listed',
  'drafts.discard': 'Draft discarded',
  'drafts.get': 'Draft opened',
  'drafts.list': 'Drafts listed',
  'drafts.save': 'Draft saved',
  'followups.close': 'Follow-up closed',
  'followups.create': 'Follow-up added',
  'followups.mine': 'My follow-ups viewed',
  'followups.reopen': 'Follow-up reopened',
  'followups.update': 'Follow-up changed',
  'home.dashboard': 'Home screen viewed',
  'intake.staff': 'Staff list viewed',
  'letters.generate': 'Referral letter made',
  'letters.generateProgramme': 'Programme letter made',
  'letters.letterhead': 'Letterhead viewed',
  'letters.list': 'Letters listed',
  'letters.pdf': 'Letter opened',
  'letters.preview': 'Referral letter previewed',
  'letters.previewProgramme': 'Programme letter previewed',
  'letters.previewTemplate': 'Letter template previewed',
  'letters.saveTemplate': 'Letter template saved',
  'letters.setLogo': 'Letterhead logo changed',
  'letters.template': 'Letter template opened',
  'letters.templates': 'Letter templates listed',
  'people.create': 'Person created',
  'people.findDuplicates': 'Duplicate check',
  'people.get': 'Person record opened',
  'people.history': 'Change history viewed',
  'people.merge': 'Records merged',
  'people.search': 'People searched',
  'people.timeline': 'Person timeline opened',
  'people.update': 'Person details changed',
  'providers.export': 'Directory exported',
  'providers.facets': 'Directory filters viewed',
  'providers.get': 'Provider opened',
  'providers.import': 'Directory imported',
  'providers.importPreview': 'Import package checked',
  'providers.mapTerm': 'Taxonomy term mapped',
  'providers.saveOrganization': 'Organisation saved',
  'providers.saveService': 'Provider saved',
  'providers.search': 'Directory searched',
  'providers.settings': 'Directory settings viewed',
  'providers.terms': 'Taxonomy terms viewed',
  'providers.updateSettings': 'Directory settings changed',
  'providers.verify': 'Provider marked verified',
  'referrals.create': 'Referral made',
  'referrals.get': 'Referral opened',
  'referrals.home': 'Referrals to follow up viewed',
  'referrals.list': 'Referrals listed',
  'referrals.settings': 'Referral settings viewed',
  'referrals.suggest': 'Providers suggested for a referral',
  'referrals.transition': 'Referral status changed',
  'referrals.updateSettings': 'Referral settings changed',
  'reports.compute': 'Report viewed',
  'reports.exportPackage': 'Data package exported',
  'reports.exportPdf': 'Report summary (PDF) exported',
  'reports.exports': 'Export log viewed',
  'reports.settings': 'Report settings viewed',
  'reports.updateSettings': 'Suppression threshold changed',
  'screenings.record': 'Screening recorded',
  'settings.get': 'Settings viewed',
  'settings.update': 'Settings changed',
  'system.revealKey': 'Database key revealed',
  'system.state': 'Start-up state read',
  'system.status': 'Store status viewed',
  'users.create': 'User created',
  'users.deactivate': 'User deactivated',
  'users.list': 'Users listed',
  'users.resetPassword': 'Password reset',
  'users.unlock': 'User unlocked',
  'users.update': 'User edited',
};

/** Every action the filter offers: audited procedures plus the session events, by label. */
export function auditableActions(): AuditAction[] {
  const procedures = (Object.keys(contract) as ProcedureName[]).filter((name) => {
    const def = contract[name];
    return def.kind === 'mutation' || def.auditRead === true;
  });
  return [...new Set<AuditAction>([...procedures, ...EVENT_ACTIONS])].sort((a, b) =>
    actionLabel(a).localeCompare(actionLabel(b)),
  );
}

/** The plain name of an action; an action from a newer version of the app is shown as it is recorded. */
export function actionLabel(action: string): string {
  return (ACTION_LABELS as Record<string, string>)[action] ?? action;
}
