/** Name normalisation and similarity for person search. Pure functions, no database. */

/** Lower case, accents removed, letters and digits only; spaces, hyphens and apostrophes split or join parts. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokens(name: string): string[] {
  const n = normalizeName(name);
  return n ? n.split(' ') : [];
}

/** Jaro-Winkler similarity (0–1); tolerant of swapped neighbouring letters and typos late in a name. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatch = new Array<boolean>(a.length).fill(false);
  const bMatch = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(b.length - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (!bMatch[j] && a[i] === b[j]) {
        aMatch[i] = bMatch[j] = true;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours each cost 1. */
export function damerauLevenshtein(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * Similarity of one typed name part to one stored name part. A typed part that is the start of the stored
 * one scores high (the user is still typing); otherwise the better of Jaro-Winkler and edit distance.
 */
export function partSimilarity(typed: string, stored: string): number {
  if (!typed || !stored) return 0;
  if (typed === stored) return 1;
  if (typed.length >= 2 && stored.startsWith(typed)) return 0.9 + 0.08 * (typed.length / stored.length);
  const longest = Math.max(typed.length, stored.length);
  const edit = 1 - damerauLevenshtein(typed, stored) / longest;
  return Math.max(jaroWinkler(typed, stored), edit);
}

/** American Soundex: the classic phonetic key (first letter + three digits). */
export function soundex(part: string): string {
  const s = part.replace(/[^a-z]/g, '');
  if (!s) return '';
  const code = (c: string): string => {
    if ('bfpv'.includes(c)) return '1';
    if ('cgjkqsxz'.includes(c)) return '2';
    if ('dt'.includes(c)) return '3';
    if (c === 'l') return '4';
    if ('mn'.includes(c)) return '5';
    if (c === 'r') return '6';
    return '';
  };
  let out = s[0]!;
  let last = code(s[0]!);
  for (let i = 1; i < s.length && out.length < 4; i++) {
    const c = s[i]!;
    const digit = code(c);
    if (digit && digit !== last) out += digit;
    if (c !== 'h' && c !== 'w') last = digit;
  }
  return out.padEnd(4, '0').toUpperCase();
}

/** Typo keys: a part and every form of it with one letter deleted. Two parts one typo apart share a key. */
export function deletionVariants(part: string): string[] {
  const out = new Set<string>([part]);
  for (let i = 0; i < part.length; i++) out.add(part.slice(0, i) + part.slice(i + 1));
  return [...out];
}

/** Parts at least this long get typo keys (shorter ones have too many neighbours to be useful). */
export const TYPO_KEY_MIN = 4;
/** Only the start of very long parts is keyed for typos. */
const TYPO_KEY_MAX = 14;

/**
 * Keys stored for each name part (an indexed table): its Soundex (`s:`), its first two and three
 * letters (`p:`), and for parts of four letters or more its one-deletion variants (`d:`), which find
 * a swapped pair, a missing, extra or wrong letter with one exact index lookup.
 */
export function nameKeys(parts: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const part of parts) {
    const sx = soundex(part);
    if (sx) keys.add(`s:${sx}`);
    if (part.length >= 2) keys.add(`p:${part.slice(0, 2)}`);
    if (part.length >= 3) keys.add(`p:${part.slice(0, 3)}`);
    if (part.length >= TYPO_KEY_MIN) for (const v of deletionVariants(part.slice(0, TYPO_KEY_MAX))) keys.add(`d:${v}`);
  }
  return [...keys];
}

/** Common English given-name variants. Each group is one name; a nickname matches its formal name. */
const NICKNAME_GROUPS: readonly string[] = [
  'alexander alex al alec sandy xander',
  'alexandra alex alexa sandra sandy lexi',
  'andrew andy drew',
  'anthony tony ant',
  'barbara barb barbie babs',
  'benjamin ben benny benji',
  'catherine katherine kathryn kate katie kathy cathy kat kay',
  'charles charlie chuck chas chaz',
  'christopher chris kit topher',
  'christina christine chris tina chrissy',
  'daniel dan danny',
  'david dave davey',
  'deborah debra deb debbie',
  'donald don donnie',
  'edward ed eddie ned ted teddy',
  'elizabeth liz lizzie beth betty eliza libby',
  'francis frank frankie fran',
  'gregory greg',
  'henry hank harry',
  'jacob jake',
  'james jim jimmy jamie',
  'jennifer jen jenny',
  'jessica jess jessie',
  'john johnny jack jon',
  'jonathan jon jonny nathan',
  'joseph joe joey',
  'joshua josh',
  'kenneth ken kenny',
  'lawrence larry',
  'margaret maggie meg peggy marge',
  'matthew matt',
  'michael mike mikey mick',
  'nicholas nick nicky',
  'patricia pat patty trish tricia',
  'patrick pat paddy',
  'peter pete',
  'rebecca becky becca',
  'richard rick ricky dick rich',
  'robert rob bob bobby robbie bert',
  'ronald ron ronnie',
  'samuel sam sammy',
  'samantha sam sammie',
  'stephen steven steve stevie',
  'susan sue susie',
  'theodore ted teddy theo',
  'thomas tom tommy',
  'timothy tim timmy',
  'victoria vicky tori',
  'william will bill billy willie liam',
  'guillermo memo',
  'jose pepe',
  'francisco paco pancho',
  'roberto beto',
  'alberto beto',
  'eduardo lalo',
];

const NICKNAMES: ReadonlyMap<string, ReadonlySet<number>> = (() => {
  const map = new Map<string, Set<number>>();
  NICKNAME_GROUPS.forEach((group, index) => {
    for (const name of group.split(' ')) {
      if (!map.has(name)) map.set(name, new Set());
      map.get(name)!.add(index);
    }
  });
  return map;
})();

/** True when two given names are variants of one another (Bob / Robert). */
export function isNickname(a: string, b: string): boolean {
  if (a === b) return false;
  const ga = NICKNAMES.get(a);
  const gb = NICKNAMES.get(b);
  if (!ga || !gb) return false;
  for (const g of ga) if (gb.has(g)) return true;
  return false;
}
