import type { Backend } from '../backend';
import { AppError } from '../errors';
import { generate, type GenerateResult } from './generator';
import { generateReferrals, type ReferralSeedResult } from './referrals';

export interface SeedOptions {
  people: number;
  contacts: number;
  seed: number;
  /** Also consents and closed-loop referrals for a share of the contacts (to the directory's services). Default true. */
  referrals?: boolean;
  onProgress?: (done: { people: number; contacts: number }) => void;
}

export const SEED_LIMITS = { people: 1_000_000, contacts: 5_000_000 } as const;

/**
 * Fills the open store with synthetic people and contacts, drawn from the store's own active staff, as
 * the logged-in administrator; one audit entry records the counts and the seed.
 */
export function seedStore(backend: Backend, opts: SeedOptions): GenerateResult & { referrals: ReferralSeedResult | null } {
  const session = backend.session;
  if (!session || session.locked) throw new AppError('unauthenticated', 'Log in to continue.');
  if (session.user.role !== 'admin') throw new AppError('forbidden', 'Only an administrator can load demonstration data.');
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
  const referrals =
    opts.referrals === false ? null : generateReferrals(db, { seed: opts.seed, now: backend.now(), creator: session.user.id });
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
      referrals: referrals?.referrals ?? 0,
      consents: referrals?.consents ?? 0,
      ms: result.ms,
    },
  });
  return { ...result, referrals };
}
