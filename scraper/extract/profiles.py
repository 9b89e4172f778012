"""Site knowledge as data: CSS selectors for known CMS families, loaded from profiles/*.toml.

Selectors are hints. When they miss, the generic path runs, so a redesign degrades instead of breaking.
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import cssselect
from lxml import etree

from scraper.errors import ProfileError

PROFILE_DIR = Path(__file__).parent / "profiles"
SELECTOR_FIELDS = frozenset({"title", "published", "author", "category", "body", "related", "drop"})
_TOP_KEYS = frozenset({"name", "description", "match_any", "generator", "timezone", "selectors"})
_TRANSLATOR = cssselect.HTMLTranslator()
_HINT = re.compile(r"[.#]([\w-]+)|=\s*['\"]([\w-]+)['\"]")



def _compile(selector: str, where: str) -> etree.XPath:
    try:
        return etree.XPath(_TRANSLATOR.css_to_xpath(selector))
    except (cssselect.SelectorError, etree.XPathSyntaxError) as e:
        raise ProfileError(f"{where}: invalid selector {selector!r}: {e}") from None


@dataclass(frozen=True)
class Profile:
    name: str
    match_any: etree.XPath | None = None
    generator: re.Pattern | None = None
    timezone: str | None = None
    selectors: dict[str, etree.XPath] = field(default_factory=dict)
    hints: tuple[str, ...] = ()  # class/id words of match_any; a page containing none of them cannot match
    selector_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the same, per selector field

    def matches(self, tree, generator: str, html: str = "") -> bool:
        if self.generator is not None and self.generator.search(generator or ""):
            return True
        if html and self.hints and not any(hint in html for hint in self.hints):
            return False
        return self.match_any is not None and bool(self.match_any(tree))

    def select(self, page, field_name: str) -> list:
        """The field's elements in page order. Skipped without evaluating the XPath when none of its
        selectors' class or id words occurs in the page's source: most selectors of a profile miss on a page,
        and testing their class words element by element costs more than a substring search."""
        xpath = self.selectors.get(field_name)
        if xpath is None:
            return []
        words = self.selector_words.get(field_name)
        if words and not any(word in page.source for word in words):
            return []
        return list(xpath(page.tree))


def profile_from_dict(data: dict, where: str = "profile") -> Profile:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ProfileError(f"{where}: unknown keys {sorted(unknown)}")
    selectors = data.get("selectors", {})
    unknown = set(selectors) - SELECTOR_FIELDS
    if unknown:
        raise ProfileError(f"{where}: unknown selector fields {sorted(unknown)}")
    compiled, words = {}, {}
    for key, value in selectors.items():
        css = ", ".join(value) if isinstance(value, list) else str(value)
        compiled[key] = _compile(css, where)
        if (field_words := _required_words(css)) is not None:
            words[key] = field_words
    return Profile(
        name=str(data.get("name") or where),
        match_any=_compile(", ".join(data["match_any"]), where) if data.get("match_any") else None,
        hints=tuple(sorted({word for css in data.get("match_any", []) for word in _words(css)})),
        selector_words=words,
        generator=re.compile(data["generator"], re.IGNORECASE) if data.get("generator") else None,
        timezone=data.get("timezone"),
        selectors=compiled,
    )


def _words(css: str) -> set[str]:
    return {word for pair in _HINT.findall(css) for word in pair if word}


def _required_words(css: str) -> tuple[str, ...] | None:
    """Words of which a page must contain at least one for the selector list to match anything, or None when
    some alternative names none (a bare tag) or may match by absence (`:not(…)`)."""
    alternatives = [_words(part) for part in css.split(",")]
    if ":not(" in css or not all(alternatives):
        return None
    return tuple(sorted(set().union(*alternatives)))


def load_profile(path: Path) -> Profile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ProfileError(f"{path}: {e}") from None
    return profile_from_dict(data, str(path.name))


@functools.cache
def bundled_profiles() -> tuple[Profile, ...]:
    """Immutable and read once per process; the files ship with the package."""
    return tuple(load_profile(path) for path in sorted(PROFILE_DIR.glob("*.toml")))


def profile_for(tree, generator: str, profiles: tuple[Profile, ...], html: str = "") -> Profile | None:
    return next((p for p in profiles if p.matches(tree, generator, html)), None)
