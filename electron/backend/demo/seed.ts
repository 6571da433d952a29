import type { Backend } from '../backend';
import { AppError } from '../errors';
import { type DirectoryResult, generateDirectory } from './directory';
import { generate, type GenerateResult } from './generator';
import { generateReferrals, type ReferralSeedResult } from './referrals';
import { generateMilestones, type MilestoneSeedResult } from './milestones';

export interface SeedOptions {
  people: number;
  contacts: number;
  /** Services of a synthetic local provider directory (none when absent or 0). */
  services?: number;
  seed: number;
  /** Also consents and closed-loop referrals for a share of the contacts (to the directory's services). Default true. */
  referrals?: boolean;
  onProgress?: (done: { people: number; contacts: number }) => void;
}

export const SEED_LIMITS = { people: 1_000_000, contacts: 5_000_000, services: 20_000 } as const;

/**
 * Fills the open store with synthetic people, contacts (drawn from the store's own active staff) and a
 * local provider directory, as the logged-in administrator; one audit entry records the counts and the seed.
 */
export function seedStore(
  backend: Backend,
  opts: SeedOptions,
): GenerateResult & { directory: DirectoryResult; referrals: ReferralSeedResult | null; milestones: MilestoneSeedResult } {
  const session = backend.session;
  if (!session || session.locked) throw new AppError('unauthenticated', 'Log in to continue.');
  if (session.user.role !== 'admin') throw new AppError('forbidden', 'Only an administrator can load demonstration data.');
  const started = Date.now();
  const db = backend.requireDb();
  const staff = db.prepare('SELECT id, role FROM users WHERE active = 1 ORDER BY created_at, id').all() as {
    id: string;
    role: string;
  }[];
  const of = (role: string) => staff.filter((s) => s.role === role).map((s) => s.id);
  const coResponders = of('coresponder').length ? of('coresponder') : of('coordinator');
  const result = generate(db, {
    people: opts.people,
    contacts: opts.contacts,
    seed: opts.seed,
    now: backend.now(),
    clinicalKey: backend.requireClinicalKey(),
    staff: { officers: of('officer'), coResponders, creator: session.user.id },
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  // The directory first: the referrals go to its services.
  const directory = opts.services
    ? generateDirectory(db, { services: opts.services, seed: opts.seed, now: backend.now() })
    : { organizations: 0, services: 0 };
  const referrals =
    opts.referrals === false ? null : generateReferrals(db, { seed: opts.seed, now: backend.now(), creator: session.user.id });
  const milestones = db
    .transaction(() =>
      generateMilestones(db, {
        seed: opts.seed,
        now: backend.now(),
        coordinator: of('coordinator')[0] ?? session.user.id,
        coResponders,
        clinicalKey: backend.requireClinicalKey(),
      }),
    )
    .immediate();
  const ms = Date.now() - started;
  backend.audit({
    userId: session.user.id,
    username: session.user.username,
    action: 'demo.seed',
    outcome: 'success',
    detail: {
      seed: opts.seed,
      people: result.people,
      contacts: result.contacts,
      screenings: result.screenings,
      followups: result.followups,
      services: directory.services,
      referrals: referrals?.referrals ?? 0,
      consents: referrals?.consents ?? 0,
      programmeMilestones: milestones.programme,
      retentionChecks: milestones.retentionChecks,
      ms,
    },
  });
  return { ...result, ms, directory, referrals, milestones };
}
