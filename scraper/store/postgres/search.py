"""Full-text search on PostgreSQL: the articles' weighted `tsvector` (title, captions, body) with accents and both
look-alikes of 'đ' folded, queried in the syntax `scraper search` documents and ranked by SQLite's bm25.

The query language is SQLite FTS5's: phrases in quotes, `word*` prefixes, AND (or nothing), OR, NOT and
parentheses, with FTS5's precedence (NOT, then AND, then OR), which is also tsquery's. Each phrase is cut into
words by the server, as the articles were (ranking.py), and becomes a tsquery phrase; NEAR has no counterpart
and is an error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from scraper.errors import QueryError
from scraper.store.postgres.ranking import idf
from scraper.store.queries import Filters, Hits, matching_captions, snippet

_NAMED = re.compile(r":(\w+)")
_QUERY_PART = re.compile(r'"[^"]*"\*?|[()]|[^\s()"]+')
OPERATORS = {"AND": "&", "OR": "|", "NOT": "& !"}
# bm25 reads every position of an article in SQL (about 50 µs an article and phrase), PostgreSQL's own ranking
# reads them in C: so the matches are first ranked by ts_rank_cd, and the best RESCORE_WINDOW (or the limit, if
# more) ranked again by bm25, as search engines rescore a window. Exact whenever no more articles match.
RESCORE_WINDOW = 200
FIRST_RANK = "ts_rank_cd('{0, 0.1, 0.2, 1.0}', a.search, q, 1)"  # body 0.1, captions 0.2, title 1; length-damped


@dataclass(frozen=True)
class Phrase:
    text: str
    prefix: bool


def parse(query: str) -> list[str | Phrase]:
    """The query's phrases and operators, in order (tsquery's spelling of the operators, and the parentheses)."""
    parts: list[str | Phrase] = []
    for token in _QUERY_PART.findall(query):
        if token == "NEAR" or token.startswith("NEAR("):
            raise QueryError(f"cannot search for {query!r}: NEAR is not available on PostgreSQL")
        if token in OPERATORS:
            parts.append(OPERATORS[token])
        elif token in "()":
            parts.append(token)
        else:
            parts.append(Phrase(token.rstrip("*").strip('"'), token.endswith("*")))
    return parts


def phrase_query(words: list[str], prefix: bool) -> str:
    """A phrase as tsquery text: its words in a row, the last one a prefix when the query said `word*`."""
    return " <-> ".join(words) + (":*" if prefix else "")


class TsQuery:
    """The query as tsquery text, and for each phrase its guard: the branch of the nearest OR above it, whose
    match the phrase's hits need in order to count. FTS5 reports a phrase's hits in a row only when the part of
    the query holding it matched there (in `a b OR c d`, a row matched by `a b` counts none of its `c`), and
    bm25 sums what it reports; without an OR above, the whole query matched, so no guard."""

    def __init__(self, parts: list[str | Phrase], words: list[list[str]]):
        self._parts, self._words, self._at, self._phrase = parts, words, 0, 0
        self.guards: list[str | None] = [None] * len(words)
        self.text = self._any()
        if self._at < len(parts):
            raise QueryError("unbalanced parentheses")

    def _any(self) -> str:
        """Branches joined by OR; each phrase inside a branch is guarded by it (unless a nearer OR is)."""
        branches = []
        while True:
            first = self._phrase
            text = self._all()
            branches.append((first, self._phrase, text))
            if self._peek() != "|":
                break
            self._at += 1
        if len(branches) > 1:
            for first, last, text in branches:
                for i in range(first, last):
                    self.guards[i] = self.guards[i] or text
        return " | ".join(text for _, _, text in branches)

    def _all(self) -> str:
        """Operands joined by AND, NOT or nothing (FTS5's implicit AND)."""
        text = self._operand()
        while (operator := self._peek()) not in ("|", ")", None):
            if operator in ("&", "& !"):
                self._at += 1
            text = f"{text} {'& !' if operator == '& !' else '&'} {self._operand()}"
        return f"( {text} )"

    def _operand(self) -> str:
        part = self._peek()
        self._at += 1
        if part == "(":
            text = self._any()
            if self._peek() != ")":
                raise QueryError("unbalanced parentheses")
            self._at += 1
            return f"( {text} )"
        if not isinstance(part, Phrase):
            raise QueryError("an operator needs a word or a phrase on each side")
        words, self._phrase = self._words[self._phrase], self._phrase + 1
        return f"( {phrase_query(words, part.prefix)} )"

    def _peek(self) -> str | Phrase | None:
        return self._parts[self._at] if self._at < len(self._parts) else None


def search(archive, query: str, filters: Filters = Filters(), limit: int = 20) -> Hits:
    """Ranked matches, best first, as `store.queries.search` gives them on SQLite: the same bm25 on the same
    words, over the RESCORE_WINDOW best matches by PostgreSQL's own ranking (the GIN index finds the matches)."""
    from psycopg.rows import dict_row
    parts = parse(query)
    phrases = [part for part in parts if isinstance(part, Phrase)]
    words = _words(archive, query, phrases)
    where, params = filters.where()
    where = _NAMED.sub(r"%(\1)s", where)  # :name (SQLite's style) as psycopg's %(name)s
    try:
        tsquery = TsQuery(parts, words)
    except QueryError as e:
        raise QueryError(f"cannot search for {query!r}: {e}") from None
    params.update(_bm25_arguments(archive, phrases, words), query=tsquery.text, guards=tsquery.guards, limit=limit,
                  window=max(limit, RESCORE_WINDOW))
    sql = ("WITH window_ AS (SELECT a.id FROM articles a, to_tsquery('simple', %(query)s) q "
           f"WHERE a.search @@ q{where} ORDER BY {FIRST_RANK} DESC, a.id LIMIT %(window)s) "
           "SELECT a.id, a.url, a.site, a.title, a.published, a.body, scraper_bm25(a.search, a.search_words, "
           "%(phrases)s, %(prefixes)s, %(guards)s, %(idf)s, %(average)s) AS rank "
           "FROM window_ JOIN articles a ON a.id = window_.id ORDER BY rank, a.id LIMIT %(limit)s")
    with archive.conn.cursor(row_factory=dict_row) as cursor:
        hits = Hits(_run(cursor, sql, params, query))
    for row in hits:
        row["snippet"] = snippet(row.pop("body"), query)
        row["captions"] = matching_captions(archive, row["id"], query)
    return hits


def _words(archive, query: str, phrases: list[Phrase]) -> list[list[str]]:
    """Each phrase's words, folded and cut by the server as the articles' text was."""
    found = archive.conn.execute("SELECT scraper_words(scraper_fold(p)) FROM unnest(%s::text[]) WITH ORDINALITY "
                                 "AS t(p, n) ORDER BY n", [[p.text for p in phrases]]).fetchall()
    words = [row[0].split() for row in found]
    if not words or not all(words):
        raise QueryError(f"cannot search for {query!r}: every phrase needs a letter or a digit")
    return words


def _bm25_arguments(archive, phrases: list[Phrase], words: list[list[str]]) -> dict:
    """What scraper_bm25 needs of the archive and the query: the phrases, their idf, the average length."""
    rows, total_words = archive.conn.execute("SELECT count(*), coalesce(sum(search_words), 0) FROM articles"
                                             ).fetchone()
    return {"phrases": [" ".join(w) for w in words], "prefixes": [p.prefix for p in phrases],
            "average": total_words / rows if rows else 1.0,
            "idf": [idf(rows, holding) for holding in _holding(archive, words, phrases)]}


def _holding(archive, words: list[list[str]], phrases: list[Phrase]) -> list[int]:
    """How many articles hold each phrase (FTS5's document frequency, over the whole archive), in one pass."""
    queries = [phrase_query(w, p.prefix) for w, p in zip(words, phrases)]
    counts = ", ".join(f"count(*) FILTER (WHERE search @@ to_tsquery('simple', %(p{i})s))"
                       for i in range(len(queries)))
    return list(archive.conn.execute(f"SELECT {counts} FROM articles WHERE search @@ to_tsquery('simple', %(any)s)",
                                     {"any": " | ".join(f"( {q} )" for q in queries),
                                      **{f"p{i}": q for i, q in enumerate(queries)}}).fetchone())


def _run(cursor, sql: str, params: dict, query: str) -> list[dict]:
    import psycopg
    try:
        return cursor.execute(sql, params).fetchall()
    except psycopg.errors.SyntaxError:  # operators in a place FTS5 would refuse too ("NOT x", "a OR")
        raise QueryError(f"cannot search for {query!r}: operators are AND, OR, NOT between words or "
                         "\"phrases\"") from None
