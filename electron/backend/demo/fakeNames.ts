import type { Random } from './random';

/**
 * Synthetic names built from syllables (e.g. "Ravito Quendell"): plausible to read, tied to no real
 * person, and recognisably made up. Street names are common nicknames with no surname.
 */
const GIVEN_START = [
  'ka',
  'lo',
  'mi',
  're',
  'to',
  'za',
  'vi',
  'e',
  'no',
  'ra',
  'su',
  'te',
  'bo',
  'li',
  'da',
  'fe',
  'ri',
  'mo',
  'sa',
  'ta',
  'ne',
  'jo',
  'va',
  'ke',
  'ma',
  'di',
  'xa',
  'ye',
  'qui',
  'ori',
];
const GIVEN_END = [
  'n',
  'ra',
  'lo',
  'vin',
  'ta',
  'mi',
  'sha',
  'del',
  'ko',
  'ren',
  'na',
  'vo',
  'lia',
  'to',
  'ric',
  'sa',
  'nel',
  'da',
  'zo',
  'bel',
];
const FAMILY_START = [
  'vor',
  'tal',
  'ben',
  'mar',
  'quen',
  'dell',
  'oro',
  'fen',
  'wick',
  'zar',
  'lund',
  'pell',
  'rov',
  'tess',
  'hal',
  'brin',
  'cor',
  'dax',
  'mir',
  'nor',
  'sel',
  'tam',
  'vey',
  'yor',
  'gal',
  'kes',
  'lom',
  'pra',
  'ris',
  'tha',
];
const FAMILY_END = [
  'dell',
  'ton',
  'ick',
  'ara',
  'sby',
  'wen',
  'ley',
  'more',
  'rud',
  'ent',
  'ova',
  'ham',
  'ski',
  'ano',
  'ford',
  'lin',
  'qua',
  'ros',
  'eth',
  'ville',
];
const STREET_NAMES = [
  'Tex',
  'Shorty',
  'Red',
  'Slim',
  'Bird',
  'Junebug',
  'Smoke',
  'Lady',
  'Pops',
  'Chico',
  'Nene',
  'Tiny',
  'Boo',
  'Sunny',
  'Ace',
  'Dee',
  'Cuz',
  'Peanut',
  'Ghost',
  'Mama T',
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function givenName(r: Random): string {
  const middle = r.chance(0.25) ? r.pick(GIVEN_END) : '';
  return cap(r.pick(GIVEN_START) + middle + r.pick(GIVEN_END));
}

export function familyName(r: Random): string {
  return cap(r.pick(FAMILY_START) + r.pick(FAMILY_END));
}

export function streetName(r: Random): string {
  return r.pick(STREET_NAMES);
}

/** A plausible typing mistake: two neighbouring letters swapped, a letter dropped, or one changed. */
export function misspell(r: Random, name: string): string {
  if (name.length < 4) return name;
  const i = r.int(1, name.length - 3);
  const kind = r.int(0, 2);
  if (kind === 0) return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
  if (kind === 1) return name.slice(0, i) + name.slice(i + 1);
  const letters = 'aeiourlnst';
  return name.slice(0, i) + letters[r.int(0, letters.length - 1)] + name.slice(i + 1);
}
