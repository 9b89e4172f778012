"""The record contract (DESIGN.md): what extract() returns and what the archive stores."""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Caption:
    """An image's caption with its credit (photographer, agency, rights line) kept apart; credit None when the
    page names none."""
    image_url: str
    caption: str
    credit: str | None = None

    def hashed(self) -> dict:
        """What the content hash covers. A caption without credit hashes as it did before credits existed, so
        archives made then do not see every article as changed."""
        material = {"image_url": self.image_url, "caption": self.caption}
        return material if self.credit is None else {**material, "credit": self.credit}


@dataclass(frozen=True)
class RelatedLink:
    url: str
    title: str


@dataclass(frozen=True)
class Article:
    """One page's record. `links` feeds the crawler, `print_links` (the page's own print versions, left out of
    `links`) become aliases of the article without a fetch; neither is part of the exported record."""

    url: str | None
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    author: str | None = None
    category: str | None = None
    language: str | None = None
    body: str = ""
    captions: tuple[Caption, ...] = ()
    related: tuple[RelatedLink, ...] = ()
    is_article: bool = True
    article_links: tuple[str, ...] = ()
    links: tuple[str, ...] = field(default=(), repr=False, compare=False)
    print_links: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def to_dict(self) -> dict:
        record = asdict(self)
        del record["links"], record["print_links"]
        record["captions"] = [asdict(c) for c in self.captions]
        record["related"] = [asdict(r) for r in self.related]
        if self.is_article:
            del record["article_links"]
        else:
            record["article_links"] = list(self.article_links)
        return record

    def to_json(self, pretty: bool = False) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1 if pretty else None)

    @property
    def content_hash(self) -> str:
        """Hash of the article itself. Related links stay out: sites refresh those boxes with every new story, and
        a version per refresh would bury the real edits."""
        material = json.dumps(
            [self.title, self.published, self.modified, self.author, self.body,
             [c.hashed() for c in self.captions]],
            ensure_ascii=False,
        )
        return hashlib.sha256(material.encode()).hexdigest()


@dataclass(frozen=True)
class Response:
    """A fetch as the archive keeps it: response metadata and raw bytes, or the error that ended it. Plain
    data, so that it crosses to the parsing processes without them importing the HTTP stack, and the one record
    that fetch, crawl, reparse and the archive's `pages` table share."""
    url: str
    final_url: str | None = None
    status: int | None = None
    content_type: str | None = None
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body: bytes | None = None
    redirects: tuple[str, ...] = ()
    error: str | None = None
    fetched_at: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    """The response's header lines as sent, in order: a WARC export writes them back, so a page round-trips."""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def where(self) -> str:
        """The URL the content came from: after redirects when there were any."""
        return self.final_url or self.url

    def with_body(self, body: bytes) -> Response:
        return dataclasses.replace(self, body=body)

    def failed(self, error: str) -> Response:
        """The same fetch recorded as failed, its bytes kept: a page that will not parse stays for reparse."""
        return dataclasses.replace(self, error=error)
