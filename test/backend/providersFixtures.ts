import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { HSDS_TABLES } from '../../shared/contract/hsdsSpec';
import type { TestApp } from './helpers';

/** The HSDS 3.0 specification's own examples, in the shared folder beside the repository. */
export const HSDS_REF = resolve(process.cwd(), '../shared/reference/hsds-3.0');

/** The reference package's files (datapackage.json and CSVs) as name → text. */
export function referenceFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(HSDS_REF)) {
    if (name.endsWith('.csv') || name === 'datapackage.json') out[name] = readFileSync(join(HSDS_REF, name), 'utf8');
  }
  return out;
}

export function zipBase64(files: Record<string, string | Uint8Array>): string {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) entries[name] = typeof content === 'string' ? strToU8(content) : content;
  return Buffer.from(zipSync(entries)).toString('base64');
}

export function unzipBase64(b64: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(unzipSync(Buffer.from(b64, 'base64'))))
    out[name] = Buffer.from(bytes).toString('utf8');
  return out;
}

export function jsonExample(name: string): string {
  return Buffer.from(readFileSync(join(HSDS_REF, 'json', name))).toString('base64');
}

/** Every stored HSDS record, table by table, for comparing two directories. */
export function dumpDirectory(app: TestApp): Record<string, unknown[]> {
  const db = app.backend.requireDb();
  const out: Record<string, unknown[]> = {};
  for (const t of HSDS_TABLES) out[t] = db.prepare(`SELECT * FROM hsds_${t} ORDER BY id`).all();
  return out;
}

export function hsdsCounts(app: TestApp): Record<string, number> {
  const dump = dumpDirectory(app);
  return Object.fromEntries(Object.entries(dump).map(([k, v]) => [k, v.length]));
}
