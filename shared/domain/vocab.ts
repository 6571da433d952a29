/** A controlled vocabulary: stable codes (stored, exported) with labels (shown; may change). */
export interface VocabItem<C extends string = string> {
  readonly code: C;
  readonly label: string;
}

export type CodesOf<V extends readonly VocabItem[]> = V[number]['code'];

/** The codes of a vocabulary as a non-empty tuple, for `z.enum`. */
export function codes<const V extends readonly [VocabItem, ...VocabItem[]]>(vocab: V): [CodesOf<V>, ...CodesOf<V>[]] {
  return vocab.map((item) => item.code) as [CodesOf<V>, ...CodesOf<V>[]];
}

/** The label for a code, or the code itself when it is not (or no longer) in the vocabulary. */
export function labelOf(vocab: readonly VocabItem[], code: string | null | undefined): string {
  if (code == null) return '';
  return vocab.find((item) => item.code === code)?.label ?? code;
}
