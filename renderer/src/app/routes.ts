import type { TablerIcon } from '@tabler/icons-react';
import {
  IconAddressBook,
  IconDatabaseExport,
  IconKey,
  IconBuildingHospital,
  IconChartBar,
  IconFileText,
  IconClipboardList,
  IconHome,
  IconFlag,
  IconListCheck,
  IconMessageCircle,
  IconMessagePlus,
  IconSend,
  IconSettings,
  IconUser,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import type { Role } from '../../../shared/domain/roles';
import { HomeScreen } from '../home/HomeScreen';
import type { RouteParams } from './router';

type Screen = ComponentType<{ params: RouteParams }>;

/**
 * A screen loaded when first opened: each capability is its own chunk of the renderer bundle, so the first
 * screen (login, then Home) loads only what it needs. Shell shows a loader while a chunk arrives.
 */
function lazyScreen<K extends string>(load: () => Promise<Record<K, Screen>>, name: K): LazyExoticComponent<Screen> {
  return lazy<Screen>(async () => ({ default: (await load())[name] }));
}

const AuditScreen = lazyScreen(() => import('../audit/AuditScreen'), 'AuditScreen');
const BackupsScreen = lazyScreen(() => import('../backups/BackupsScreen'), 'BackupsScreen');
const KeysScreen = lazyScreen(() => import('../keys/KeysScreen'), 'KeysScreen');
const AccountScreen = lazyScreen(() => import('../auth/AccountScreen'), 'AccountScreen');
const ContactScreen = lazyScreen(() => import('../intake/ContactScreen'), 'ContactScreen');
const IntakeScreen = lazyScreen(() => import('../intake/IntakeScreen'), 'IntakeScreen');
const LettersScreen = lazyScreen(() => import('../letters/LettersScreen'), 'LettersScreen');
const PeopleScreen = lazyScreen(() => import('../people/PeopleScreen'), 'PeopleScreen');
const PersonScreen = lazyScreen(() => import('../people/PersonScreen'), 'PersonScreen');
const DirectoryScreen = lazyScreen(() => import('../providers/DirectoryScreen'), 'DirectoryScreen');
const ProviderScreen = lazyScreen(() => import('../providers/ProviderScreen'), 'ProviderScreen');
const TermsScreen = lazyScreen(() => import('../providers/TermsScreen'), 'TermsScreen');
const NewReferralScreen = lazyScreen(() => import('../referrals/NewReferralScreen'), 'NewReferralScreen');
const ReportsScreen = lazyScreen(() => import('../reports/ReportsScreen'), 'ReportsScreen');
const PlanScreen = lazyScreen(() => import('../milestones/PlanScreen'), 'PlanScreen');
const TtaScreen = lazyScreen(() => import('../milestones/TtaScreen'), 'TtaScreen');
const ReferralScreen = lazyScreen(() => import('../referrals/ReferralScreen'), 'ReferralScreen');
const SettingsScreen = lazyScreen(() => import('../system/SettingsScreen'), 'SettingsScreen');
const UsersScreen = lazyScreen(() => import('../users/UsersScreen'), 'UsersScreen');

/**
 * Every screen of the signed-in app, in navbar order. A capability adds its screens here:
 * the navbar, Home's list of what the user can do, and the role refusal all follow from it.
 */
export interface AppRoute {
  /** `/users`, or with parameters `/people/:id`. */
  path: string;
  label: string;
  icon: TablerIcon;
  /** Who may open the screen; the backend refuses the same roles. */
  roles: 'all' | readonly Role[];
  /** Listed in the navbar (screens opened from elsewhere, such as a person's page, are not). */
  nav: boolean;
  /** One line for Home's "What you can do here"; none for Home itself. */
  summary?: string;
  component: Screen | LazyExoticComponent<Screen>;
}

export const ROUTES: readonly AppRoute[] = [
  { path: '/', label: 'Home', icon: IconHome, roles: 'all', nav: true, component: HomeScreen },
  {
    path: '/intake',
    label: 'New intake',
    icon: IconMessagePlus,
    roles: 'all',
    nav: true,
    summary: 'Record a contact: find or create the person, needs and disposition, screenings and a follow-up.',
    component: IntakeScreen,
  },
  {
    path: '/intake/person/:personId',
    label: 'New intake',
    icon: IconMessagePlus,
    roles: 'all',
    nav: false,
    component: IntakeScreen,
  },
  {
    path: '/people',
    label: 'People',
    icon: IconAddressBook,
    roles: 'all',
    nav: true,
    summary: 'Find a person by name, alias or street name and open their timeline.',
    component: PeopleScreen,
  },
  { path: '/people/:id', label: 'Person', icon: IconUser, roles: 'all', nav: false, component: PersonScreen },
  { path: '/contacts/:id', label: 'Contact', icon: IconMessageCircle, roles: 'all', nav: false, component: ContactScreen },
  {
    path: '/providers',
    label: 'Providers',
    icon: IconBuildingHospital,
    roles: 'all',
    nav: true,
    summary: 'Find a treatment or support provider by need, language and whether it is open now.',
    component: DirectoryScreen,
  },
  {
    path: '/providers/terms',
    label: 'Taxonomy terms',
    icon: IconBuildingHospital,
    roles: 'all',
    nav: false,
    component: TermsScreen,
  },
  { path: '/providers/:id', label: 'Provider', icon: IconBuildingHospital, roles: 'all', nav: false, component: ProviderScreen },
  {
    path: '/referrals/new/contact/:contactId',
    label: 'New referral',
    icon: IconSend,
    roles: 'all',
    nav: false,
    component: NewReferralScreen,
  },
  {
    path: '/referrals/new/person/:personId',
    label: 'New referral',
    icon: IconSend,
    roles: 'all',
    nav: false,
    component: NewReferralScreen,
  },
  { path: '/referrals/:id', label: 'Referral', icon: IconSend, roles: 'all', nav: false, component: ReferralScreen },
  {
    path: '/reports',
    label: 'Reports',
    icon: IconChartBar,
    roles: 'all',
    nav: true,
    summary:
      'The quarter’s figures for the state and the TTA provider, with charts and definitions; coordinators export the data packages and the PDF summary. Officers see their own counts.',
    component: ReportsScreen,
  },
  {
    path: '/letters',
    label: 'Letters',
    icon: IconFileText,
    roles: ['coordinator', 'admin'],
    nav: true,
    summary: 'Edit the referral letter templates (English, Spanish) and the letterhead logo; make programme letters of support.',
    component: LettersScreen,
  },
  {
    path: '/programme',
    label: 'Programme plan',
    icon: IconFlag,
    roles: 'all',
    nav: true,
    summary: 'The programme’s milestones with the TTA provider: owners, due dates, events, what is overdue or done.',
    component: PlanScreen,
  },
  {
    path: '/programme/tta',
    label: 'TTA metrics',
    icon: IconClipboardList,
    roles: ['coordinator', 'admin'],
    nav: false, // a page of the programme plan (its header links here), and a card on Home
    summary: 'Answer the technical-assistance provider’s performance questions for each quarter.',
    component: TtaScreen,
  },
  {
    path: '/users',
    label: 'Users',
    icon: IconUsers,
    roles: ['admin'],
    nav: true,
    summary: 'Create staff accounts, change roles, reset passwords and unlock or deactivate accounts.',
    component: UsersScreen,
  },
  {
    path: '/audit',
    label: 'Audit log',
    icon: IconListCheck,
    roles: ['admin'],
    nav: true,
    summary: 'Review who did what and when, and check that the log has not been altered.',
    component: AuditScreen,
  },
  {
    path: '/backups',
    label: 'Backups',
    icon: IconDatabaseExport,
    roles: ['admin'],
    nav: true,
    summary: 'Back up now or every day to a USB drive or network share, see the backup log, and restore a backup.',
    component: BackupsScreen,
  },
  {
    path: '/keys',
    label: 'Keys',
    icon: IconKey,
    roles: ['admin'],
    nav: true,
    summary: 'Rotate the encryption keys and the recovery key, for example after someone leaves.',
    component: KeysScreen,
  },
  {
    path: '/settings',
    label: 'Settings',
    icon: IconSettings,
    roles: ['admin'],
    nav: true,
    summary: 'Department letterhead details, the system-use banner and the inactivity lock.',
    component: SettingsScreen,
  },
  {
    path: '/account',
    label: 'My account',
    icon: IconUserCircle,
    roles: 'all',
    nav: true,
    summary: 'See your account details and change your password.',
    component: AccountScreen,
  },
];

export function allows(route: AppRoute, role: Role): boolean {
  return route.roles === 'all' || route.roles.includes(role);
}
