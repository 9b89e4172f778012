"""The three evaluation corpora of ../shared/eval/, each split into a tuning and a checking half by site.

The split is the one ../shared/eval/README.md suggests and never changes: the parity of the first byte of
sha1(host), `www.` dropped, even = tuning. Rules are written from the tuning half's failures only; the checking
half says whether they generalize.
"""
from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
HALVES = ("tuning", "checking")


@dataclass(frozen=True)
class Case:
    """One page and what people marked on it; fields a corpus does not mark are None."""
    corpus: str
    id: str
    url: str
    html: bytes
    body: str | None = None                      # AEB, Fundus: the body text
    with_passages: tuple[str, ...] = ()           # trafilatura: passages that must be in the body
    without_passages: tuple[str, ...] = ()        # trafilatura: passages that must not
    title: str | None = None
    published: str | None = None                  # Fundus: to the second with offset; trafilatura: the day
    authors: tuple[str, ...] | None = None
    captions: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())  # Fundus: (caption, credits)

    @property
    def half(self) -> str:
        return half_of(self.url)


def half_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return HALVES[hashlib.sha1(host.encode()).digest()[0] % 2]


def _page(directory: Path, key: str) -> bytes:
    return gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes())


def load_aeb(root: Path = EVAL_DIR) -> list[Case]:
    directory = root / "aeb"
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    return [Case("aeb", key, value.get("url", ""), _page(directory, key), body=value.get("articleBody", ""))
            for key, value in sorted(truth.items())]


def load_trafilatura(root: Path = EVAL_DIR) -> list[Case]:
    directory = root / "trafilatura"
    truth = json.loads((directory / "truth.json").read_text(encoding="utf-8"))
    return [Case("trafilatura", key, value.get("url", ""), _page(directory, key),
                 with_passages=tuple(value.get("with") or ()), without_passages=tuple(value.get("without") or ()),
                 title=value.get("title"), published=value.get("date"),
                 authors=_names(value.get("author")))
            for key, value in sorted(truth.items())]


def _names(author: str | list | None) -> tuple[str, ...] | None:
    """The set writes several authors either joined by '; ' or as a list."""
    if not author:
        return None
    return tuple(author) if isinstance(author, list) else tuple(author.split("; "))


def _fundus_body(body: dict) -> str:
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
    return "\n\n".join(parts)


def load_fundus(root: Path = EVAL_DIR) -> list[Case]:
    directory = root / "fundus"
    truth = json.loads((directory / "truth.json").read_text(encoding="utf-8"))
    return [Case("fundus", key, value["url"], _page(directory, key), body=_fundus_body(value["body"]),
                 title=value.get("title"), published=value.get("published"),
                 authors=tuple(value.get("authors") or ()),
                 captions=tuple((image["caption"], tuple(image.get("credit") or ()))
                                for image in value.get("images") or [] if image.get("caption")))
            for key, value in sorted(truth.items())]


LOADERS = {"aeb": load_aeb, "fundus": load_fundus, "trafilatura": load_trafilatura}
