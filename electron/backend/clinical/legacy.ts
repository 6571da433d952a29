import type { Db } from '../db/open';
import { isSealed, recordClinicalKey, seal } from './seal';

/**
 * Creates the clinical compartment of a store that has none (one set up before version 2): every
 * clinical value still in plain text is sealed with `key`, and `key` is recorded as the store's
 * clinical key, in one transaction. Returns how many values were sealed.
 */
export function adoptClinicalKey(db: Db, key: Buffer): number {
  return db
    .transaction(() => {
      let sealed = 0;
      const notes = db.prepare(`SELECT contact_id, note FROM contact_clinical WHERE note <> ''`).all() as {
        contact_id: string;
        note: string;
      }[];
      const setNote = db.prepare('UPDATE contact_clinical SET note = ? WHERE contact_id = ?');
      for (const n of notes) {
        if (isSealed(n.note)) continue;
        setNote.run(seal(key, 'contact_clinical.note', n.contact_id, n.note), n.contact_id);
        sealed++;
      }
      const screenings = db.prepare('SELECT id, result FROM screenings').all() as { id: string; result: string }[];
      const setResult = db.prepare('UPDATE screenings SET result = ? WHERE id = ?');
      for (const s of screenings) {
        if (isSealed(s.result)) continue;
        setResult.run(seal(key, 'screenings.result', s.id, s.result), s.id);
        sealed++;
      }
      recordClinicalKey(db, key);
      return sealed;
    })
    .immediate();
}
