import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PROFILE_CODES, type Profile } from '../../../shared/domain/reports/catalogue';
import { periodLabel } from '../../../shared/domain/reports/periods';
import { type CliArgs, type CliCommand, CliError, DATA_DIR_OPTION, USER_OPTION, requireString } from '../cli/types';

/**
 * `export`: a period's data package (state or tta profile) and/or PDF summary, through the same procedures
 * as the window (suppressed, recorded in the export log and the audit log). Every mistake in the command is
 * one line on stderr and a non-zero exit, before anything is read or written.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateOption(args: CliArgs, name: 'from' | 'to'): string {
  const v = requireString(args, name).trim();
  const real = DATE.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
  if (!real)
    throw new CliError(`--${name} must be a real date as YYYY-MM-DD (for example 2026-07-01), not "${v.slice(0, 40)}".`, 2);
  return v;
}

function outputPath(args: CliArgs, name: 'out' | 'pdf', extension: string): string | null {
  const raw = args.values[name];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !raw.trim()) throw new CliError(`--${name} needs a file name.`, 2);
  const path = resolve(raw);
  if (!path.toLowerCase().endsWith(extension)) throw new CliError(`--${name} must name a ${extension} file.`, 2);
  if (!existsSync(dirname(path))) throw new CliError(`No such folder: ${dirname(path)}`);
  if (existsSync(path) && args.values.force !== true) throw new CliError(`${path} exists already; add --force to replace it.`);
  return path;
}

/** Writes next to the target, then renames, so that a failure never leaves half a file under the real name. */
function writeAtomically(path: string, base64: string): void {
  const tmp = `${path}.partial`;
  writeFileSync(tmp, Buffer.from(base64, 'base64'), { mode: 0o600 });
  renameSync(tmp, path);
}

const exportCommand: CliCommand = {
  name: 'export',
  summary:
    'Coordinators and administrators: a period’s data package (Frictionless zip, profile state or tta) and/or PDF summary, small counts suppressed; recorded in the export log.',
  usage:
    'export --data-dir DIR --user USERNAME --from YYYY-MM-DD --to YYYY-MM-DD --profile state|tta --out FILE.zip [--pdf FILE.pdf] [--force]',
  options: {
    ...DATA_DIR_OPTION,
    ...USER_OPTION,
    from: { type: 'string' },
    to: { type: 'string' },
    profile: { type: 'string' },
    out: { type: 'string' },
    pdf: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(args, io) {
    const from = dateOption(args, 'from');
    const to = dateOption(args, 'to');
    if (to < from) throw new CliError(`--to (${to}) is before --from (${from}): the period runs backwards.`, 2);
    const rawProfile = args.values.profile;
    if (rawProfile !== undefined && !(PROFILE_CODES as readonly unknown[]).includes(rawProfile)) {
      throw new CliError(`--profile must be ${PROFILE_CODES.join(' or ')}, not "${String(rawProfile).slice(0, 40)}".`, 2);
    }
    const out = outputPath(args, 'out', '.zip');
    const pdf = outputPath(args, 'pdf', '.pdf');
    if (!out && !pdf)
      throw new CliError('Give --out FILE.zip for the data package, --pdf FILE.pdf for the PDF summary, or both.', 2);
    if (out && rawProfile === undefined) throw new CliError(`--out needs --profile ${PROFILE_CODES.join(' or ')}.`, 2);
    const session = await io.session(args.values['data-dir'] as string | undefined, args.values.user as string | undefined);
    try {
      if (out) {
        const r = await session.call('reports.exportPackage', { from, to, profile: rawProfile as Profile, via: 'cli' });
        writeAtomically(out, r.contentBase64);
        io.out(
          `Exported the ${rawProfile} data package for ${periodLabel({ from, to })} to ${out}: ${r.export.hiddenCount} figure(s) hidden at threshold ${r.export.threshold}; SHA-256 ${r.export.sha256}.`,
        );
      }
      if (pdf) {
        const r = await session.call('reports.exportPdf', { from, to, via: 'cli' });
        writeAtomically(pdf, r.contentBase64);
        io.out(`Wrote the PDF summary for ${periodLabel({ from, to })} to ${pdf}; SHA-256 ${r.export.sha256}.`);
      }
      return 0;
    } finally {
      session.close();
    }
  },
};

export const reportsCommands: CliCommand[] = [exportCommand];
