"""SQLite's full-text ranking, rebuilt on PostgreSQL: the same words and the same bm25, so that a query gives
the same results in the same order on both engines.

Why not ts_rank: it scores differently from FTS5's bm25 (no document frequency, other length normalization),
so articles whose scores are close came out in another order than on SQLite. And PostgreSQL's parser reads
`4/5` or `covid-19` as one word where SQLite's unicode61 tokenizer reads two, which changes both the matches
and every document's length. So the text is cut into words here exactly where unicode61 cuts it (any run of
letters and digits is a word, anything else separates), and bm25 is computed as fts5_aux.c computes it:
per phrase, hits weighed by column (title 10, body 1, captions 2), idf from the share of articles holding the
phrase, and the document's length in words against the average.
"""
from __future__ import annotations

import math

BM25_K1 = 1.2  # FTS5's constants (fts5_aux.c)
BM25_B = 0.75
MIN_IDF = 1e-6  # FTS5 floors the idf of a phrase that half the rows or more hold
WORD_CHARACTER_PROBE = "ệ"  # a letter the word splitter must keep: the database's locale must know it
ICU_COLLATION = "und-x-icu"  # where the database's locale is plain C, whose character classes are ASCII only

WORDS_FUNCTION = """
CREATE OR REPLACE FUNCTION scraper_words(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT btrim(regexp_replace($1{collate}, '[^[:alnum:]]+', ' ', 'g')) $$;
CREATE OR REPLACE FUNCTION scraper_word_count(text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT CASE WHEN $1 = '' THEN 0 ELSE length($1) - length(replace($1, ' ', '')) + 1 END $$;
"""
"""The words of (folded) text, one space apart, as unicode61 splits them; and how many there are."""

PHRASE_HITS_FUNCTION = """
CREATE OR REPLACE FUNCTION scraper_phrase_hits(doc tsvector, words text[], prefix boolean) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(sum(CASE hit.weight WHEN 'A' THEN 10.0::float8 WHEN 'B' THEN 2.0::float8
                      ELSE 1.0::float8 END), 0::float8)
  FROM unnest(doc) first, unnest(first.positions, first.weights) hit(pos, weight)
  WHERE CASE WHEN prefix AND cardinality(words) = 1 THEN starts_with(first.lexeme, words[1])
             ELSE first.lexeme = words[1] END
    AND CASE WHEN cardinality(words) = 1 THEN true ELSE NOT EXISTS (
          SELECT 1 FROM generate_series(2, cardinality(words)) k
          WHERE NOT EXISTS (
            SELECT 1 FROM unnest(doc) later
            WHERE CASE WHEN prefix AND k = cardinality(words) THEN starts_with(later.lexeme, words[k])
                       ELSE later.lexeme = words[k] END
              AND hit.pos + k - 1 = ANY(later.positions))) END
$$;
"""
"""A phrase's hits in one article, each weighed by the column it is in (title A 10, captions B 2, body C 1, as
SQLite's `bm25(10, 1, 2)` over title, body, captions); the last word of a prefix phrase matches any word it
starts."""

BM25_FUNCTION = f"""
CREATE OR REPLACE FUNCTION scraper_bm25(doc tsvector, doc_words integer, phrases text[], prefixes boolean[],
                                        guards text[], idf float8[], average_words float8) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT -coalesce(sum(idf[i] * ((hits * ({BM25_K1}::float8 + 1.0::float8)) / (hits + {BM25_K1}::float8 *
         (1.0::float8 - {BM25_B}::float8 + {BM25_B}::float8 * doc_words / average_words)))), 0::float8)
  FROM generate_subscripts(phrases, 1) i,
       LATERAL (SELECT CASE WHEN guards[i] IS NULL OR doc @@ to_tsquery('simple', guards[i])
                            THEN scraper_phrase_hits(doc, string_to_array(phrases[i], ' '), prefixes[i])
                            ELSE 0::float8 END) AS counted(hits)
$$;
"""
"""FTS5's bm25, negated as FTS5's rank is (best first in ascending order), in its order of operations; a
phrase's hits count where its guard (the OR branch holding it: search.py) matches, as in FTS5."""


def idf(rows: int, holding: int) -> float:
    """FTS5's inverse document frequency of a phrase that `holding` of `rows` articles contain."""
    value = math.log((rows - holding + 0.5) / (holding + 0.5))
    return value if value > 0.0 else MIN_IDF


def install(conn) -> None:
    """The functions, with the word splitter bound to a collation whose character classes know every script."""
    knows_letters = conn.execute("SELECT %s ~ '[[:alnum:]]'", [WORD_CHARACTER_PROBE]).fetchone()[0]
    has_icu = conn.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [ICU_COLLATION]).fetchone()
    collate = "" if knows_letters or not has_icu else f' COLLATE "{ICU_COLLATION}"'
    conn.execute(WORDS_FUNCTION.format(collate=collate))
    conn.execute(PHRASE_HITS_FUNCTION)
    conn.execute(BM25_FUNCTION)
