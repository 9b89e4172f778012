"""The archive's schema as ordered migrations: an old database opens with a newer release and keeps its data."""
from __future__ import annotations

import functools
import sqlite3

from sqlite_utils import Database

from scraper.similarity import DOTTED_D, PLAIN_D
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("scraper")
FTS_TRIGGERS = ("articles_fts_insert", "articles_fts_update", "articles_fts_delete", "captions_fts_insert",
                "captions_fts_delete")
FOLD_SQL = "replace(replace(replace(replace({0}, 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D')"
"""unicode61 removes tone marks but 'đ' is a letter of its own, and so is its look-alike eth 'Ð' that legacy
converters put for it; folding both lets `dang` find `Đảng` and `Ðảng`."""
_FOLDED_LETTERS = str.maketrans(DOTTED_D, PLAIN_D)


def fold_letters(text: str) -> str:
    """The Python twin of FOLD_SQL, applied to queries so they meet the indexed text."""
    return text.translate(_FOLDED_LETTERS)


def _fts_row(source: str) -> str:
    return (f"INSERT INTO articles_fts(rowid, title, body, captions) SELECT a.id, {FOLD_SQL.format('a.title')}, "
            f"{FOLD_SQL.format('a.body')}, {FOLD_SQL.format('coalesce(group_concat(c.caption, char(10)), char(32))')} "
            f"FROM articles a LEFT JOIN captions c ON c.article_id = a.id WHERE a.id = {source} GROUP BY a.id;")


# The first schema, as migration 1 creates it (later migrations alter it)
INITIAL_TABLES = """
    CREATE TABLE pages (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL,              -- URL requested (canonical form)
        final_url TEXT,                 -- after redirects
        status INTEGER,                 -- HTTP status; NULL when no response came
        fetched_at TEXT NOT NULL,       -- ISO 8601 UTC, last time this content was fetched
        etag TEXT,
        last_modified TEXT,
        content_type TEXT,
        encoding TEXT,
        size INTEGER,                   -- bytes of the raw body
        sha256 TEXT,
        body BLOB,                      -- raw body, zlib-compressed
        error TEXT                      -- why the fetch failed, when it did
    );
    CREATE INDEX pages_url ON pages(url, fetched_at);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,       -- canonical URL
        site TEXT NOT NULL,             -- host without www.
        title TEXT,
        published TEXT,                 -- ISO 8601 with offset, as the page states it
        modified TEXT,
        author TEXT,
        category TEXT,
        language TEXT,
        body TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        last_changed TEXT,              -- when the content last changed (NULL: never)
        deleted_at TEXT,                -- set when a revisit answered 404/410; the row is kept
        page_id INTEGER REFERENCES pages(id)
    );
    CREATE INDEX articles_site_published ON articles(site, published);
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_site_title ON articles(site, title);
    CREATE TABLE captions (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        image_url TEXT NOT NULL,
        caption TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    );
    CREATE TABLE related_links (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        target_article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,  -- when the target is archived
        PRIMARY KEY (article_id, position)
    );
    CREATE INDEX related_links_url ON related_links(url);
    CREATE INDEX related_links_target ON related_links(target_article_id);
    CREATE TABLE article_versions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        seen_at TEXT NOT NULL,          -- when this state was first archived
        replaced_at TEXT NOT NULL,      -- when a newer state replaced it
        title TEXT, published TEXT, modified TEXT, author TEXT, category TEXT, language TEXT,
        body TEXT, captions TEXT, related TEXT,   -- captions and related as JSON
        content_hash TEXT NOT NULL,
        UNIQUE (article_id, version)
    );
    CREATE TABLE url_aliases (
        url TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        reason TEXT NOT NULL            -- redirect, requested, duplicate-content
    );
    CREATE INDEX url_aliases_article ON url_aliases(article_id);
    CREATE TABLE frontier (
        url TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'page',   -- article, listing, feed, sitemap, page
        depth INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'pending', -- pending, done, failed, gone, skipped
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_fetched_at TEXT,
        last_run_id INTEGER,
        last_error TEXT,
        found_on TEXT
    );
    CREATE INDEX frontier_due ON frontier(state, next_attempt_at);
    CREATE TABLE crawl_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        arguments TEXT,
        pid INTEGER,
        fetched INTEGER DEFAULT 0, new INTEGER DEFAULT 0, changed INTEGER DEFAULT 0,
        unchanged INTEGER DEFAULT 0, failed INTEGER DEFAULT 0,
        exit_status INTEGER
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, captions, tokenize='unicode61 remove_diacritics 2');
"""
INITIAL_FTS_TRIGGERS = f"""
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN {_fts_row('new.id')} END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id; {_fts_row('new.id')} END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id; END;
    CREATE TRIGGER captions_fts_insert AFTER INSERT ON captions BEGIN
        DELETE FROM articles_fts WHERE rowid = new.article_id; {_fts_row('new.article_id')} END;
    CREATE TRIGGER captions_fts_delete AFTER DELETE ON captions BEGIN
        DELETE FROM articles_fts WHERE rowid = old.article_id; {_fts_row('old.article_id')} END;
"""


@MIGRATIONS()
def m001_initial(db: Database) -> None:
    run_script(db, INITIAL_TABLES)
    run_script(db, INITIAL_FTS_TRIGGERS)


@MIGRATIONS()
def m002_frontier_priority(db: Database) -> None:
    """Article-looking URLs are fetched before listings; the scheduler asks per site in this order."""
    db.execute("ALTER TABLE frontier ADD COLUMN priority INTEGER NOT NULL DEFAULT 3")
    db.execute("CREATE INDEX frontier_site_next ON frontier(site, state, priority, depth)")


CAPTION_TEXT_SQL = "caption || coalesce(char(32) || credit, '')"
"""What the index holds of a caption: its words and its credit, so a photographer's name finds their photos."""


def fts_row_sql(ids: str, caption_text: str = CAPTION_TEXT_SQL) -> str:
    """Index articles whose id is in `ids` (an SQL expression); captions come from a correlated subquery."""
    captions = f"(SELECT coalesce(group_concat({caption_text}, char(10)), '') FROM captions WHERE article_id = a.id)"
    return (f"INSERT INTO articles_fts(rowid, title, body, captions) SELECT a.id, {FOLD_SQL.format('a.title')}, "
            f"{FOLD_SQL.format('a.body')}, {FOLD_SQL.format(captions)} FROM articles a WHERE a.id IN ({ids});")


@MIGRATIONS()
def m003_deferrable_fts(db: Database) -> None:
    """FTS triggers skip their work while `fts_deferred` has a row, so a bulk import indexes each batch once
    at its end (in the same transaction); the per-row SQL is also cheaper than m001's join."""
    db.execute("CREATE TABLE fts_deferred (since TEXT)  -- non-empty only inside a bulk-import transaction")
    for name in FTS_TRIGGERS:
        db.execute(f"DROP TRIGGER {name}")
    _create_fts_triggers(db, "caption")


def _create_fts_triggers(db: Database, caption_text: str) -> None:
    active = "WHEN NOT EXISTS (SELECT 1 FROM fts_deferred)"
    row = functools.partial(fts_row_sql, caption_text=caption_text)
    run_script(db, f"""
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles {active} BEGIN {row('new.id')} END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles {active} BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id; {row('new.id')} END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id; END;
    CREATE TRIGGER captions_fts_insert AFTER INSERT ON captions {active} BEGIN
        DELETE FROM articles_fts WHERE rowid = new.article_id; {row('new.article_id')} END;
    CREATE TRIGGER captions_fts_delete AFTER DELETE ON captions {active} BEGIN
        DELETE FROM articles_fts WHERE rowid = old.article_id; {row('old.article_id')} END;
    """)


@MIGRATIONS()
def m004_fts_rank(db: Database) -> None:
    """Title matches weigh most, then captions, then body; stored as FTS5's own rank so ORDER BY rank is
    computed inside the index (about twice as fast as calling bm25() per row)."""
    db.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 2.0)')")


@MIGRATIONS()
def m005_caption_credits(db: Database) -> None:
    """A caption's credit (photographer, agency) is kept apart from its words; the index holds both. The
    triggers are made anew with the credit; nothing is reindexed, as no caption so far has one."""
    db.execute("ALTER TABLE captions ADD COLUMN credit TEXT")  # photographer, agency or rights line; NULL: none
    for name in FTS_TRIGGERS:
        db.execute(f"DROP TRIGGER {name}")
    _create_fts_triggers(db, CAPTION_TEXT_SQL)


@MIGRATIONS()
def m006_response_headers(db: Database) -> None:
    """Every response header line is kept (a JSON list of [name, value] pairs), so a WARC export writes the
    response back as it came; pages fetched before this have NULL and are exported with the headers we had."""
    db.execute("ALTER TABLE pages ADD COLUMN headers TEXT")


@MIGRATIONS()
def m007_month_and_eth(db: Database) -> None:
    """`published_month` (the page's own month, computed, stored nowhere) for facets and GROUP BY; the index
    folds the eth 'Ð' like 'Đ' from now on, so it is rebuilt once (about a minute per 100,000 articles)."""
    db.execute("ALTER TABLE articles ADD COLUMN published_month TEXT "
               "GENERATED ALWAYS AS (substr(published, 1, 7)) VIRTUAL")
    for name in FTS_TRIGGERS:
        db.execute(f"DROP TRIGGER {name}")
    _create_fts_triggers(db, CAPTION_TEXT_SQL)
    db.execute("DELETE FROM articles_fts")
    db.execute(fts_row_sql("SELECT id FROM articles"))


@MIGRATIONS()
def m008_articles_by_page(db: Database) -> None:
    """A 304 refreshes the articles of the stored page, and a WARC export looks up the article of each page:
    without this index, each was a scan of every article."""
    db.execute("CREATE INDEX IF NOT EXISTS articles_page ON articles(page_id)")


def run_script(db: Database, script: str) -> None:
    """Statement by statement: sqlite3's executescript() would COMMIT and break the migration's transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending)
            pending = ""


def migrate(db: Database) -> None:
    MIGRATIONS.apply(db)


def schema_version(db: Database) -> int:
    return len(MIGRATIONS.applied(db))
