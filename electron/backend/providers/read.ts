import { readHsdsJson } from './hsdsJson';
import type { PackageSource } from './files';
import { Issues } from './issues';
import { Staging } from './staging';
import { type TabularFile, readTabular } from './tabular';

export interface PackageRead {
  issues: Issues;
  staging: Staging;
  files: TabularFile[];
}

/** Reads a tabular package or a JSON document into staged records, collecting every problem found. */
export function readPackage(source: PackageSource): PackageRead {
  const issues = new Issues();
  const staging = new Staging(issues);
  if (source.kind === 'tabular') {
    const files = readTabular(source.files, issues, staging);
    return { issues, staging, files };
  }
  issues.guard(() => readHsdsJson(source.name, source.bytes, issues, staging));
  return { issues, staging, files: [{ name: source.name, table: null }] };
}
