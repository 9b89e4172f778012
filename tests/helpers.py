"""Helpers shared by the test modules (kept out of conftest.py so modules can import them by name)."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_pages() -> list[Path]:
    return sorted(FIXTURES.glob("*.html"))


def fixture_case(page: Path) -> tuple[bytes, dict, dict]:
    """(bytes, expected record, served-with meta: url and content_type)."""
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    meta_file = page.with_suffix(".meta.json")
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    meta.setdefault("url", expected["url"])
    return page.read_bytes(), expected, meta


class FakeSleep:
    """Records the delays it was asked for instead of sleeping."""

    def __init__(self):
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def article_html(title: str, paragraphs: list[str], extra: str = "", head: str = "") -> bytes:
    """A plain article page for tests that need many distinct articles."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='vi'><head><meta charset='utf-8'><title>{title} | Báo Thử</title>{head}</head><body>"
            f"<h1>{title}</h1><div class='date'>11.5.2018 - 14:53</div><div class='content'>{body}</div>"
            f"{extra}</body></html>").encode()


def cp1258_bytes(text: str) -> bytes:
    """Encode as Vietnamese Windows pages do: precomposed base letters (ơ, â, đ) plus combining tone marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            ch.encode("cp1258")
            out.append(ch)
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            out.append(base + "".join(c for c in decomposed if c in tones))
    return "".join(out).encode("cp1258")
