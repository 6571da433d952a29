import { createHash } from 'node:crypto';
import type { JobState } from '../../shared/contract/backups';
import type { Db } from '../../electron/backend/db/open';
import { seedStore } from '../../electron/backend/demo/seed';
import { tasksOf } from '../../electron/backend/maintenance/tasks';
import type { TestApp } from './helpers';

/** A store with synthetic people, contacts, follow-ups and an audit trail. */
export function seed(app: TestApp, people = 40, contacts = 160): void {
  seedStore(app.backend, { people, contacts, seed: 7 });
}

/** Every table's rows, hashed in a fixed order: equal hashes mean equal content. */
export function contentHashes(db: Db): Record<string, string> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const hash = createHash('sha256');
    const q = `"${t.replace(/"/g, '""')}"`;
    let rows: unknown[];
    try {
      rows = db.prepare(`SELECT * FROM ${q} ORDER BY rowid`).raw().all();
    } catch {
      // WITHOUT ROWID and virtual tables: order by every column.
      rows = db.prepare(`SELECT * FROM ${q} ORDER BY 1, 2`).raw().all();
    }
    for (const r of rows) hash.update(JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    out[t] = hash.digest('hex');
  }
  return out;
}

/** Waits for the backend's running job and returns how it ended. */
export async function finished(app: TestApp): Promise<JobState> {
  const tasks = tasksOf(app.backend);
  await tasks.idle();
  return tasks.current()!;
}
