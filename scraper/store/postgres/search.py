"""Full-text search on PostgreSQL: the articles' weighted `tsvector` (title, captions, body, as SQLite's index
weighs them) with accents and both look-alikes of 'đ' folded, queried in the syntax `scraper search` documents.

The query language is SQLite FTS5's (phrases in quotes, AND, OR, NOT); it is translated to PostgreSQL's web
search syntax, which reads quotes and OR alike, and `-word` for NOT. NEAR has no counterpart and is an error.
"""
from __future__ import annotations

import re

from scraper.errors import QueryError
from scraper.store.queries import Filters, Hits, matching_captions, snippet

# the rank weights for D, C, B, A: body (C) 1, captions (B) 2, title (A) 10, as SQLite's bm25(10, 1, 2)
RANK_WEIGHTS = "{0, 0.1, 0.2, 1.0}"
RANK_FUNCTION = "ts_rank_cd"  # cover density: terms near each other weigh more, as a phrase reader expects
RANK_NORMALIZATION = 1  # divide by 1 + log(length): a long body's many mentions do not drown a short title's
_NAMED = re.compile(r":(\w+)")
_OPERATOR = re.compile(r'"[^"]*"|\S+')


def web_query(query: str) -> str:
    """FTS5 syntax as websearch_to_tsquery reads it: AND is the default, NOT x becomes -x."""
    words, negate = [], False
    for token in _OPERATOR.findall(query):
        if token == "NEAR" or token.startswith("NEAR("):
            raise QueryError(f"cannot search for {query!r}: NEAR is not available on PostgreSQL")
        if token == "AND":
            continue
        if token == "NOT":
            negate = True
            continue
        words.append(("-" if negate else "") + (token if token == "OR" else token.rstrip("*")))
        negate = False
    return " ".join(words)


def search(archive, query: str, filters: Filters = Filters(), limit: int = 20) -> Hits:
    """Ranked matches, best first, as `store.queries.search` gives them on SQLite (no rank cut: the GIN index
    finds matches and ranking reads only their vectors)."""
    from psycopg.rows import dict_row
    where, params = filters.where()
    where = _NAMED.sub(r"%(\1)s", where)  # :name (SQLite's style) as psycopg's %(name)s
    sql = ("SELECT a.id, a.url, a.site, a.title, a.published, a.body, "
           f"{RANK_FUNCTION}('{RANK_WEIGHTS}', a.search, q, {RANK_NORMALIZATION}) AS rank "
           "FROM articles a, websearch_to_tsquery('simple', scraper_fold(%(query)s)) q "
           f"WHERE a.search @@ q{where} ORDER BY rank DESC, a.id LIMIT %(limit)s")
    with archive.conn.cursor(row_factory=dict_row) as cursor:
        hits = Hits(cursor.execute(sql, {**params, "query": web_query(query), "limit": limit}).fetchall())
    for row in hits:
        row["snippet"] = snippet(row.pop("body"), query)
        row["captions"] = matching_captions(archive, row["id"], query)
    return hits
