import type { PersonMatch } from '../../../shared/contract/people';
import { personDisplayName } from '../../../shared/domain/person';
import type { Db } from '../db/open';
import { deletionVariants, isNickname, partSimilarity, soundex, tokens, TYPO_KEY_MIN } from './names';

/** How many index hits each source may contribute before ranking. */
const CANDIDATES_PER_SOURCE = 200;
/** How many candidates are ranked in full. */
const MAX_RANKED = 150;
/** Results below this score are not shown. */
export const MIN_SCORE = 0.78;
/** At or above this a new person is flagged as a likely duplicate. */
export const DUPLICATE_SCORE = 0.88;

export interface SearchInput {
  /** What was typed: given and family names in either order, or an alias. */
  query: string;
  dateOfBirth?: string | undefined;
  birthYear?: number | undefined;
  limit: number;
}

interface CandidateRow {
  num: number;
  id: string;
  first_name: string;
  last_name: string;
  aliases: string;
  date_of_birth: string | null;
  birth_year: number | null;
}

interface Scored {
  row: CandidateRow;
  aliases: string[];
  score: number;
  reasons: string[];
}

/**
 * Person numbers from the indexes, most promising first: each typed part votes for the people it finds by
 * substring (FTS5 trigram index), by one-letter typo (deletion keys), by sound (Soundex) or by prefix; an
 * exact date of birth votes too. Only index lookups: never a pass over the whole table.
 */
function candidateNums(db: Db, parts: readonly string[], input: SearchInput): number[] {
  const votes = new Map<number, number>();
  const vote = (nums: Iterable<number>, weight: number) => {
    for (const n of nums) votes.set(n, (votes.get(n) ?? 0) + weight);
  };
  const keyLookup = db
    .prepare('SELECT DISTINCT person_num FROM person_keys WHERE key IN (SELECT value FROM json_each(?)) LIMIT ?')
    .pluck();
  const substrings = parts.filter((p) => p.length >= 3);
  if (substrings.length) {
    const match = substrings.map((p) => `"${p}"`).join(' AND ');
    vote(
      db
        .prepare('SELECT rowid FROM person_fts WHERE person_fts MATCH ? LIMIT ?')
        .pluck()
        .all(match, CANDIDATES_PER_SOURCE) as number[],
      substrings.length,
    );
  }
  for (const part of parts) {
    if (part.length < 2) continue;
    // A prefix or a one-letter typo is strong evidence for this part; the same sound is weaker.
    const keys: string[] = [];
    if (part.length <= 3) keys.push(`p:${part}`);
    if (part.length >= TYPO_KEY_MIN) keys.push(...deletionVariants(part.slice(0, 14)).map((v) => `d:${v}`));
    const strong = new Set(keys.length ? (keyLookup.all(JSON.stringify(keys), CANDIDATES_PER_SOURCE) as number[]) : []);
    vote(strong, 1);
    if (part.length >= 3) {
      const sounds = keyLookup.all(JSON.stringify([`s:${soundex(part)}`]), CANDIDATES_PER_SOURCE) as number[];
      vote(
        sounds.filter((n) => !strong.has(n)),
        0.5,
      );
    }
  }
  if (input.dateOfBirth) {
    vote(
      db
        .prepare('SELECT num FROM persons WHERE date_of_birth = ? AND merged_into IS NULL LIMIT ?')
        .pluck()
        .all(input.dateOfBirth, CANDIDATES_PER_SOURCE) as number[],
      1,
    );
  }
  return [...votes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_RANKED)
    .map(([n]) => n);
}

function similarity(typed: string, stored: string): { score: number; nickname: boolean } {
  if (isNickname(typed, stored)) return { score: 0.93, nickname: true };
  return { score: partSimilarity(typed, stored), nickname: false };
}

/** Mean over the typed parts of the best match among `target` parts; reports nickname use and whether the order was swapped. */
function matchParts(typed: readonly string[], target: readonly { part: string; slot: 'first' | 'last' | 'alias' }[]) {
  let total = 0;
  let nickname = false;
  const slots: string[] = [];
  for (const t of typed) {
    let best = { score: 0, nickname: false };
    let slot = '';
    for (const candidate of target) {
      const s = similarity(t, candidate.part);
      if (s.score > best.score) {
        best = s;
        slot = candidate.slot;
      }
    }
    total += best.score;
    nickname ||= best.nickname;
    slots.push(slot);
  }
  const swapped = typed.length >= 2 && slots[0] === 'last' && slots.slice(1).includes('first');
  return { score: total / typed.length, nickname, swapped };
}

function scoreRow(row: CandidateRow, parts: readonly string[], input: SearchInput): Scored {
  const aliases = JSON.parse(row.aliases) as string[];
  const reasons: string[] = [];
  let score = 0;
  if (parts.length) {
    const names = [
      ...tokens(row.first_name).map((part) => ({ part, slot: 'first' as const })),
      ...tokens(row.last_name).map((part) => ({ part, slot: 'last' as const })),
    ];
    const byName = names.length ? matchParts(parts, names) : { score: 0, nickname: false, swapped: false };
    let byAlias = 0;
    for (const alias of aliases) {
      byAlias = Math.max(
        byAlias,
        matchParts(
          parts,
          tokens(alias).map((part) => ({ part, slot: 'alias' as const })),
        ).score,
      );
    }
    if (byAlias > byName.score) {
      score = byAlias;
      reasons.push('alias');
    } else {
      score = byName.score;
      reasons.push('name');
      if (byName.swapped) reasons.push('swapped first/last');
      if (byName.nickname) reasons.push('nickname');
    }
  }
  const dobAdjust = dateOfBirthAgreement(row, input);
  if (dobAdjust.reason) reasons.push(dobAdjust.reason);
  score = parts.length ? score + dobAdjust.delta : dobAdjust.delta > 0 ? 0.8 + dobAdjust.delta : 0;
  return { row, aliases, score: Math.max(0, Math.min(1, score)), reasons };
}

/** Agreement of dates of birth: exact match raises the score, a clear mismatch lowers it. */
function dateOfBirthAgreement(row: CandidateRow, input: SearchInput): { delta: number; reason?: string } {
  if (input.dateOfBirth) {
    const [year, month, day] = input.dateOfBirth.split('-') as [string, string, string];
    if (row.date_of_birth === input.dateOfBirth) return { delta: 0.12, reason: 'date of birth' };
    if (row.date_of_birth === `${year}-${day}-${month}`) return { delta: 0.06, reason: 'date of birth (day and month swapped)' };
    if (row.birth_year === Number(year)) return { delta: row.date_of_birth ? 0.02 : 0.04, reason: 'year of birth' };
    if (row.birth_year !== null) return { delta: row.date_of_birth ? -0.15 : -0.1 };
    return { delta: 0 };
  }
  if (input.birthYear !== undefined && row.birth_year !== null) {
    return Math.abs(row.birth_year - input.birthYear) <= 1 ? { delta: 0.04, reason: 'year of birth' } : { delta: -0.1 };
  }
  return { delta: 0 };
}

/** Ranked people for what was typed. Uses the indexes only; never reads the whole table. */
export function searchPeople(db: Db, input: SearchInput, minScore = MIN_SCORE): PersonMatch[] {
  const parts = tokens(input.query).slice(0, 6);
  if (parts.every((p) => p.length < 2) && !input.dateOfBirth) return [];
  const nums = candidateNums(db, parts, input);
  if (!nums.length) return [];
  const rows: CandidateRow[] = [];
  const load = db.prepare(
    `SELECT num, id, first_name, last_name, aliases, date_of_birth, birth_year FROM persons
     WHERE num IN (SELECT value FROM json_each(?)) AND merged_into IS NULL`,
  );
  rows.push(...(load.all(JSON.stringify(nums)) as CandidateRow[]));
  const scored = rows
    .map((row) => scoreRow(row, parts, input))
    .filter((s) => s.score >= minScore)
    .sort((a, b) => b.score - a.score || a.row.last_name.localeCompare(b.row.last_name))
    .slice(0, input.limit);
  const stats = db.prepare('SELECT count(*) AS n, max(occurred_at) AS last FROM contacts WHERE person_id = ?');
  return scored.map((s) => {
    const st = stats.get(s.row.id) as { n: number; last: string | null };
    return {
      id: s.row.id,
      displayName: personDisplayName({ firstName: s.row.first_name, lastName: s.row.last_name, aliases: s.aliases }),
      firstName: s.row.first_name,
      lastName: s.row.last_name,
      aliases: s.aliases,
      dateOfBirth: s.row.date_of_birth,
      birthYear: s.row.birth_year,
      contactCount: st.n,
      lastContactAt: st.last,
      matchScore: Math.round(s.score * 1000) / 1000,
      reasons: s.reasons,
    };
  });
}

/** Likely duplicates of a person about to be created: each name form is searched, DOB agreement counts. */
export function findDuplicates(
  db: Db,
  person: {
    firstName: string;
    lastName: string;
    aliases: readonly string[];
    dateOfBirth: string | null;
    birthYear: number | null;
  },
  excludeId?: string,
): PersonMatch[] {
  const queries = [`${person.firstName} ${person.lastName}`.trim(), ...person.aliases].filter((q) => q.length >= 2);
  const found = new Map<string, PersonMatch>();
  for (const query of queries) {
    const results = searchPeople(
      db,
      {
        query,
        dateOfBirth: person.dateOfBirth ?? undefined,
        birthYear: person.dateOfBirth ? undefined : (person.birthYear ?? undefined),
        limit: 5,
      },
      DUPLICATE_SCORE,
    );
    for (const r of results) {
      if (r.id === excludeId) continue;
      const prev = found.get(r.id);
      if (!prev || prev.matchScore < r.matchScore) found.set(r.id, r);
    }
  }
  return [...found.values()].sort((a, b) => b.matchScore - a.matchScore).slice(0, 5);
}
