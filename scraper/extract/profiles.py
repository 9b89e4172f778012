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
from cssselect.parser import Attrib, Class, CombinedSelector, Hash, Negation
from lxml import etree

from scraper.errors import ProfileError

PROFILE_DIR = Path(__file__).parent / "profiles"
SELECTOR_FIELDS = frozenset({"title", "published", "author", "category", "body", "related", "drop"})
_TOP_KEYS = frozenset({"name", "description", "match_any", "generator", "timezone", "selectors"})


class _Translator(cssselect.HTMLTranslator):
    """cssselect tests a class (`.foo`, `[class~=foo]`) by normalizing and padding every class attribute it
    meets; a plain substring test put first lets libxml pass over the elements whose attribute cannot hold the
    word (most of them) with a search alone. Same matches: the word is in the attribute whenever it is one of
    its tokens."""

    def xpath_attrib_includes(self, xpath, name: str, value: str | None):
        if value and value.strip():
            xpath.add_condition(f"contains({name}, {self.xpath_literal(value)})")
        return super().xpath_attrib_includes(xpath, name, value)


_TRANSLATOR = _Translator()
Alternatives = tuple[tuple[tuple[bool, str], ...], ...]  # per alternative of a selector list, the words it needs


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
    hints: Alternatives | None = None  # the words of match_any's alternatives (see _alternatives)
    selector_words: dict[str, Alternatives] = field(default_factory=dict)  # the same, per selector field

    def matches(self, page) -> bool:
        if self.generator is not None and self.generator.search(page.meta.get("generator", "")):
            return True
        return may_match(page, self.hints) and self.match_any is not None and bool(self.match_any(page.tree))

    def select(self, page, field_name: str) -> list:
        """The field's elements in page order. Skipped without evaluating the XPath when no alternative of
        its selectors has all its words on the page: most selectors of a profile miss on a page, and testing
        their class words element by element costs more than a substring search."""
        xpath = self.selectors.get(field_name)
        if xpath is None or not may_match(page, self.selector_words.get(field_name)):
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
        if (alternatives := _alternatives(css)) is not None:
            words[key] = alternatives
    return Profile(
        name=str(data.get("name") or where),
        match_any=_compile(", ".join(data["match_any"]), where) if data.get("match_any") else None,
        hints=_alternatives(", ".join(data["match_any"])) if data.get("match_any") else None,
        selector_words=words,
        generator=re.compile(data["generator"], re.IGNORECASE) if data.get("generator") else None,
        timezone=data.get("timezone"),
        selectors=compiled,
    )


def _alternatives(css: str) -> Alternatives | None:
    """For each alternative of a selector list, the words it names, every one of which a page must hold for
    that alternative to match anything: its classes and ids (and values of [class…], [id…]) among the page's
    lowercased class and id markers, other attributes' values in its source. None when some alternative names
    none (a bare tag) or may match by absence (`:not(…)`), so that no page can be ruled out by its words."""
    try:
        parsed = cssselect.parse(css)
    except cssselect.SelectorError:
        return None
    alternatives = [_needed_words(selector.parsed_tree) for selector in parsed]
    return tuple(tuple(sorted(words)) for words in alternatives) if all(alternatives) else None


_MARKER_ATTRIBUTES = ("class", "id")


def _needed_words(node) -> set[tuple[bool, str]] | None:
    """(is a class or id word, word) for each class, id and attribute value the parsed selector requires; None
    when it holds a `:not(…)`, which may match by the words' absence."""
    if isinstance(node, Negation):
        return None
    if isinstance(node, CombinedSelector):
        parts = [_needed_words(node.selector), _needed_words(node.subselector)]
    else:  # a class, id, attribute, pseudo-class or function on its base selector; an element ends the chain
        base = getattr(node, "selector", None)
        parts = [_own_words(node), _needed_words(base) if base is not None else set()]
    return None if any(part is None for part in parts) else set().union(*parts)


def _own_words(node) -> set[tuple[bool, str]]:
    if isinstance(node, Class):
        return {(True, node.class_name.lower())}
    if isinstance(node, Hash):
        return {(True, node.id.lower())}
    if isinstance(node, Attrib) and node.operator != "exists" and node.value is not None and node.value.value:
        marker = node.attrib in _MARKER_ATTRIBUTES
        return {(marker, node.value.value.lower() if marker else node.value.value)}
    return set()


def may_match(page, alternatives: Alternatives | None) -> bool:
    """Whether some alternative's words are all on the page: a substring search of its class and id markers
    (a few kilobytes) or its source costs far less than evaluating the selector's XPath over the tree, and
    most selectors miss on most pages."""
    if alternatives is None:
        return True
    return any(all(word in (page.markers if marker else page.source) for marker, word in words)
               for words in alternatives)


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


def profile_for(page, profiles: tuple[Profile, ...]) -> Profile | None:
    return next((p for p in profiles if p.matches(page)), None)
