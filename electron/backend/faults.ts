import type { ApiError } from '../../shared/contract/procedure';

/**
 * What went wrong underneath, in plain words: SQLite result codes and file-system error codes
 * become one message a user can act on. Used by the router, the command line and the backup jobs,
 * so that a full disk or a vanished drive reads the same everywhere.
 */
export type FaultKind = 'disk_full' | 'unreachable' | 'read_only' | 'damaged' | 'busy' | 'conflict';

const DAMAGED =
  'The database is damaged: a part of it failed its integrity check. Nothing more was saved. ' +
  'An administrator should restore the last good backup (Administration → Backups, or "Restore from a backup" on the login screen).';

const MESSAGES: Record<FaultKind, string> = {
  disk_full:
    'The disk is full, so nothing was saved. Free some space (or ask IT to), then try again; what you typed is still on screen.',
  unreachable:
    'Deflect cannot reach its data folder — the drive may have been disconnected or the network share may be down. Nothing was saved. Reconnect it and try again; what you typed is still on screen.',
  read_only:
    'Deflect is not allowed to write to its data folder (it is read-only or its permissions changed). Nothing was saved. Ask IT to check the folder.',
  damaged: DAMAGED,
  busy: 'The database is busy, so nothing was saved. Try again in a moment.',
  conflict: 'This change conflicts with a record that already exists; nothing was saved.',
};

function codeOf(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

export function faultKind(err: unknown): FaultKind | null {
  const code = codeOf(err);
  if (!code) return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full';
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code === 'EBUSY') return 'busy';
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'conflict';
  if (
    code === 'SQLITE_READONLY' ||
    code.startsWith('SQLITE_READONLY_') ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM'
  )
    return 'read_only';
  if (
    code === 'SQLITE_IOERR' ||
    code.startsWith('SQLITE_IOERR_') ||
    code === 'SQLITE_CANTOPEN' ||
    code.startsWith('SQLITE_CANTOPEN_') ||
    ['ENOENT', 'EIO', 'ENODEV', 'ENXIO', 'ESTALE', 'ENOTDIR', 'EHOSTDOWN', 'ENETUNREACH', 'ETIMEDOUT'].includes(code)
  )
    return 'unreachable';
  return null;
}

export function faultMessage(kind: FaultKind): string {
  return MESSAGES[kind];
}

/** The plain-words error for a low-level failure, or null when it is not one we recognise. */
export function faultError(err: unknown): ApiError | null {
  const kind = faultKind(err);
  if (!kind) return null;
  return { code: kind === 'conflict' ? 'conflict' : 'unavailable', message: MESSAGES[kind] };
}
