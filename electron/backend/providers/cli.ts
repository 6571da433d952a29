import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { ImportPlan } from '../../../shared/contract/providers';
import { HSDS_TABLE_LABELS } from '../../../shared/contract/hsdsSpec';
import { type CliCommand, type CliIo, CliError, DATA_DIR_OPTION, USER_OPTION, requireString } from '../cli/types';
import { packageFromPath } from './files';
import { ImportFailed, formatIssue } from './issues';

/** `providers import` and `providers export`: the same procedures as the window, with paths read and written here. */

function report(plan: ImportPlan, io: CliIo): void {
  for (const w of plan.warnings) io.err(`warning: ${formatIssue(w)}`);
  for (const e of plan.errors) io.err(`error: ${formatIssue(e)}`);
  if (plan.errorCount > plan.errors.length) io.err(`… and ${plan.errorCount - plan.errors.length} more errors.`);
}

function summary(plan: ImportPlan): string[] {
  const lines = plan.tables.map(
    (t) =>
      `  ${HSDS_TABLE_LABELS[t.table].padEnd(24)} ${String(t.added).padStart(6)} added ${String(t.updated).padStart(6)} updated ${String(t.unchanged).padStart(6)} unchanged`,
  );
  if (plan.unmappedTerms > 0)
    lines.push(
      `${plan.unmappedTerms} taxonomy term(s) are not mapped to a service type yet; map them in the directory's Taxonomy screen.`,
    );
  return lines;
}

const importCommand: CliCommand = {
  name: 'providers import',
  summary:
    'Import an HSDS 3.0 package (folder or zip with datapackage.json and CSVs) or HSDS JSON into the provider directory: all or nothing.',
  usage: 'providers import PATH --data-dir DIR --user USERNAME [--dry-run]',
  options: { ...DATA_DIR_OPTION, ...USER_OPTION, 'dry-run': { type: 'boolean' } },
  maxPositionals: 1,
  async run(args, io) {
    const path = args.positionals[0];
    if (!path) throw new CliError('Give the package to import: providers import PATH (a folder, .zip or .json).', 2);
    let pkg: { name: string; bytes: Uint8Array };
    try {
      pkg = packageFromPath(resolve(path));
    } catch (err) {
      if (err instanceof ImportFailed) throw new CliError(err.issues.map(formatIssue).join('\n'));
      throw err;
    }
    const session = await io.session(args.values['data-dir'] as string | undefined, args.values.user as string | undefined);
    try {
      const input = { fileName: pkg.name, contentBase64: Buffer.from(pkg.bytes).toString('base64') };
      const dryRun = args.values['dry-run'] === true;
      const plan = dryRun ? await session.call('providers.importPreview', input) : await session.call('providers.import', input);
      report(plan, io);
      if (plan.errorCount > 0) {
        io.err(`Nothing was imported from ${basename(path)}: ${plan.errorCount} error(s).`);
        return 1;
      }
      const { added, updated, unchanged } = plan.totals;
      io.out(
        `${dryRun ? 'Would import' : 'Imported'} ${basename(path)}: ${added} added, ${updated} updated, ${unchanged} unchanged.`,
      );
      for (const line of summary(plan)) io.out(line);
      return 0;
    } finally {
      session.close();
    }
  },
};

const exportCommand: CliCommand = {
  name: 'providers export',
  summary: 'Export the provider directory as an HSDS 3.0 tabular package (zip).',
  usage: 'providers export --out FILE.zip --data-dir DIR --user USERNAME [--force]',
  options: { ...DATA_DIR_OPTION, ...USER_OPTION, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(args, io) {
    const out = resolve(requireString(args, 'out'));
    if (!out.toLowerCase().endsWith('.zip')) throw new CliError('--out must name a .zip file.', 2);
    if (!existsSync(dirname(out))) throw new CliError(`No such folder: ${dirname(out)}`);
    if (existsSync(out) && args.values.force !== true) throw new CliError(`${out} exists already; add --force to replace it.`);
    const session = await io.session(args.values['data-dir'] as string | undefined, args.values.user as string | undefined);
    try {
      const result = await session.call('providers.export', {});
      const tmp = `${out}.partial`;
      writeFileSync(tmp, Buffer.from(result.contentBase64, 'base64'));
      renameSync(tmp, out);
      io.out(`Exported ${result.records.service} services of ${result.records.organization} organisations to ${out}.`);
      return 0;
    } finally {
      session.close();
    }
  },
};

export const providersCommands: CliCommand[] = [importCommand, exportCommand];
