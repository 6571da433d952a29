import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { MAX_PACKAGE_BYTES } from '../../../shared/contract/providers';
import { ImportFailed, issue } from './issues';

/**
 * Reads what a coordinator hands in — a zip, a JSON file or (from the command line) a folder — into named
 * byte buffers, refusing anything over the size limit before it is unpacked, and decodes text as strict
 * UTF-8 so that a Latin-1 / Windows-1252 file is refused with its name rather than imported as mojibake.
 */

export type PackageSource =
  { kind: 'tabular'; name: string; files: Map<string, Uint8Array> } | { kind: 'json'; name: string; bytes: Uint8Array };

const MB = 1024 * 1024;
const LIMIT_TEXT = `${MAX_PACKAGE_BYTES / MB} MB`;

function tooBig(name: string): ImportFailed {
  return new ImportFailed([
    issue(
      name,
      `This file is larger than ${LIMIT_TEXT}. Split the directory into smaller packages and import them one at a time.`,
    ),
  ]);
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b || bytes[i] === 0x5b;
}

/** Unpacks a zip, counting the uncompressed size from the directory before inflating anything. */
function unzip(name: string, bytes: Uint8Array): Map<string, Uint8Array> {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/') || basename(file.name).startsWith('.')) return false;
        total += file.originalSize;
        if (total > MAX_PACKAGE_BYTES) throw tooBig(name);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ImportFailed) throw err;
    throw new ImportFailed([issue(name, 'This is not a readable zip file (it may be damaged or incomplete).')]);
  }
  const files = new Map<string, Uint8Array>();
  let unpacked = 0;
  for (const [path, data] of Object.entries(entries)) {
    unpacked += data.length;
    if (unpacked > MAX_PACKAGE_BYTES) throw tooBig(name);
    files.set(path, data);
  }
  return files;
}

/** Content handed in by the window (or read from a file by the CLI). */
export function sourceFromBytes(name: string, bytes: Uint8Array): PackageSource {
  if (bytes.length > MAX_PACKAGE_BYTES) throw tooBig(name);
  if (bytes.length === 0) throw new ImportFailed([issue(name, 'This file is empty.')]);
  if (isZip(bytes)) return { kind: 'tabular', name, files: unzip(name, bytes) };
  if (looksLikeJson(bytes)) return { kind: 'json', name, bytes };
  if (extname(name).toLowerCase() === '.csv') {
    throw new ImportFailed([
      issue(
        name,
        'This is a single CSV file. Import a zip (or folder) holding datapackage.json and the HSDS CSV files, or an HSDS JSON file.',
      ),
    ]);
  }
  throw new ImportFailed([issue(name, 'This is neither a zip package nor an HSDS JSON file.')]);
}

/**
 * What the command line hands to the same import procedure the window uses: a zip or JSON file as
 * it is, or a folder's datapackage.json and CSV files packed into a zip in memory.
 */
export function packageFromPath(path: string): { name: string; bytes: Uint8Array } {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new ImportFailed([issue(basename(path), 'No file or folder with this name was found.')]);
  }
  if (!stat.isDirectory()) {
    if (stat.size > MAX_PACKAGE_BYTES) throw tooBig(basename(path));
    return { name: basename(path), bytes: readFileSync(path) };
  }
  const files: Record<string, Uint8Array> = {};
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const ext = extname(entry.name).toLowerCase();
    if (!entry.isFile() || (ext !== '.csv' && ext !== '.json')) continue;
    total += statSync(join(path, entry.name)).size;
    if (total > MAX_PACKAGE_BYTES) throw tooBig(basename(path));
    files[entry.name] = readFileSync(join(path, entry.name));
  }
  if (Object.keys(files).length === 0)
    throw new ImportFailed([issue(basename(path), 'This folder holds no datapackage.json or CSV files.')]);
  return { name: `${basename(path)}.zip`, bytes: zipSync(files, { level: 1 }) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Strict UTF-8 (a leading BOM is dropped); anything else is refused naming the file. */
export function decodeText(file: string, bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ImportFailed([
      issue(
        file,
        'This file is not UTF-8 text (it looks like Latin-1 / Windows-1252 or another encoding). Save it as "CSV UTF-8" and import again.',
      ),
    ]);
  }
}
