import { type CliArgs, type CliCommand, CliError, DATA_DIR_OPTION, USER_OPTION } from '../cli/types';
import { AppError } from '../errors';
import { SEED_LIMITS, seedStore } from './seed';

function count(args: CliArgs, name: string, fallback: number, max: number): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim())) throw new CliError(`--${name} must be a whole number.`, 2);
  const n = Number(raw);
  if (n > max) throw new CliError(`--${name} must be at most ${max.toLocaleString('en-US')}.`, 2);
  return n;
}

const seed: CliCommand = {
  name: 'seed',
  summary:
    'Administrators only, audited: add synthetic demonstration people, contacts, a local provider directory, consents and referrals (made-up names; deterministic for a seed).',
  usage:
    'seed --data-dir DIR --user ADMIN [--people N] [--contacts M] [--services K] [--seed S] [--no-referrals]   (defaults: 500 people, 2,500 contacts, 60 provider services, seed 1; referrals and consents for a share of the contacts, to the directory’s services)',
  options: {
    ...DATA_DIR_OPTION,
    ...USER_OPTION,
    people: { type: 'string' },
    contacts: { type: 'string' },
    services: { type: 'string' },
    seed: { type: 'string' },
    'no-referrals': { type: 'boolean' },
  },
  async run(args, io) {
    const people = count(args, 'people', 500, SEED_LIMITS.people);
    const contacts = count(args, 'contacts', people * 5, SEED_LIMITS.contacts);
    const services = count(args, 'services', 60, SEED_LIMITS.services);
    const seedValue = count(args, 'seed', 1, 2 ** 32 - 1);
    if (contacts > 0 && people === 0) throw new CliError('--contacts needs --people greater than 0.', 2);
    const session = await io.session(args.values['data-dir'] as string | undefined, args.values.user as string | undefined);
    try {
      let reported = 0;
      const result = seedStore(session.backend, {
        people,
        contacts,
        services,
        seed: seedValue,
        referrals: args.values['no-referrals'] !== true,
        onProgress: (done) => {
          if (done.people - reported >= 10_000) {
            reported = done.people;
            io.err(`… ${done.people.toLocaleString('en-US')} people, ${done.contacts.toLocaleString('en-US')} contacts`);
          }
        },
      });
      const n = (v: number) => v.toLocaleString('en-US');
      io.out(
        `Added ${n(result.people)} people and ${n(result.contacts)} contacts (${n(result.anonymousContacts)} unidentified), ` +
          `${n(result.screenings)} screenings, ${n(result.followups)} follow-ups and ${n(result.directory.services)} provider services ` +
          `(${n(result.directory.organizations)} organisations) in ${(result.ms / 1000).toFixed(1)} s (seed ${seedValue}); ` +
          `${n(result.milestones.programme)} programme milestones and ${n(result.milestones.retentionChecks)} retention checks.`,
      );
      const r = result.referrals;
      if (r?.skippedNoDirectory) io.out('No referrals: the provider directory is empty (import a directory first).');
      else if (r) {
        const by = Object.entries(r.byStatus)
          .map(([status, count]) => `${n(count)} ${status}`)
          .join(', ');
        io.out(`Added ${n(r.referrals)} referrals (${by}) and ${n(r.consents)} consents.`);
      }
      return 0;
    } catch (err) {
      if (err instanceof AppError) throw new CliError(err.message);
      throw err;
    } finally {
      session.close();
    }
  },
};

export const demoCommands: CliCommand[] = [seed];
