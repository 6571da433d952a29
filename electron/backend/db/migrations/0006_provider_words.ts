/**
 * Spelling tolerance for the provider search, like the person search's: the words of the directory's
 * text index (through fts5vocab), a trigram index over them (a typed fragment finds the words holding
 * it) and their one-deletion keys (a typed word finds words one or two edits away: counseling finds
 * counselling, center finds centre). Filled here for an existing directory; rebuilt with the text index.
 */
export const sql = /* sql */ `
CREATE VIRTUAL TABLE provider_fts_vocab USING fts5vocab(provider_fts, 'row');

CREATE VIRTUAL TABLE provider_words USING fts5(word, tokenize = 'trigram');

CREATE TABLE provider_word_keys (
  key  TEXT NOT NULL,
  word TEXT NOT NULL,
  PRIMARY KEY (key, word)
) STRICT, WITHOUT ROWID;

INSERT INTO provider_words (word) SELECT term FROM provider_fts_vocab WHERE length(term) >= 3;

WITH RECURSIVE pos(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM pos WHERE i < 24)
INSERT OR IGNORE INTO provider_word_keys (key, word)
  SELECT CASE WHEN i = 0 THEN term ELSE substr(term, 1, i - 1) || substr(term, i + 1) END, term
    FROM provider_fts_vocab JOIN pos ON i <= length(term)
   WHERE length(term) >= 4;
`;
