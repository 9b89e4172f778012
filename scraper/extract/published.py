"""Published and modified times of a page: stated sources first, then the byline text.

The header's "today is ..." line is never a candidate, and neither is anything later than the fetch.
"""
from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone, tzinfo

from scraper.extract.dates import is_plausible, localize, parse_date, to_iso
from scraper.extract.dom import class_and_id, in_comments, in_site_chrome, spaced_text_of, tag_of, text_of
from scraper.extract.page import Page
from scraper.extract.profiles import Profile
from scraper.extract.relative import moment_ago
from scraper.extract.scripted import scripted_dates

PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                  "publish-date", "published_time", "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date",
                  "sailthru.date", "parsely-pub-date", "article.published", "date", "pub_date")
# the names other publishers' systems give it (OpenGraph variants, Dublin Core, Google Scholar, cXense, rNews),
# read after what the page shows (measured: beside the stamps above, or before the byline, they added disagreeing
# days), then the time it was written
OTHER_PUBLISHED_META = (
    "og:article:published_time", "og:article:published", "og:datepublished", "og:pubdate", "og:publish_date",
    "article:published", "article:published_date", "article:post_date", "article:publicationdate",
    "article_date_original", "originalpublicationdate", "publish_date", "publish_time", "published-date",
    "published_date", "publisheddate", "publication_date", "publication-date", "date_published", "dateposted",
    "displaydate", "dc.date.publication", "dc.date.published", "dcterms.issued", "dc:date",
    "dcsext.articlefirstpublished", "citation_publication_date", "citation_date", "cxenseparse:recs:publishtime",
    "cxenseparse:publishtime", "rnews:datepublished", "bt:pubdate", "vr:published_time", "twt-published-at",
    "shareaholic:article_published_time", "mediator_published_time", "date.available", "release_date",
    "video:release_date", "datecreated", "dc.date.created", "dc.created", "article.created", "date_created", "created")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified",
                 "article.updated", "lastmod")
LINES_ABOVE_TITLE = 6  # a byline over the headline sits within these few text runs
LINES_AROUND_BODY = 6  # short text runs looked at just before the article's text and at its start
MAX_BYLINE_CHARS = 120  # a date-classed element longer than this is a teaser or a paragraph, not a byline
SHORT_LINE = 80  # a date line is short; longer runs are prose, whose dates are what the story is about
_TODAY = re.compile(r"hôm nay|today|current-?date|datetoday|date-?now|clock", re.IGNORECASE)
_DATE_CLASS = re.compile(r"date|time|publish|posted|ngay|thoi-?gian|dateline|byline|meta|info|tools")
_DIGIT = re.compile(r"\d")
# an update's stamp, in the languages of news: "Aktualisiert:", "Mis à jour le", "Stand:" (German for "as of")
_NOT_PUBLISHED = re.compile(r"cập nhật|updated|modified|sửa|aktualisiert|stand:|mise? à jour|actualizado|aggiornato|"
                            r"atualizado|bijgewerkt|zaktualizowano|aktualizacja|opdateret|oppdatert|uppdaterad|"
                            r"päivitetty|güncellen|обновлено|更新|수정", re.IGNORECASE)
_CLOCK = re.compile(r"\d{1,2}\s*[:h.]\s*\d{2}(?!\d)")
MAX_SHOWN_TIMES = 40  # texts looked at for a shown time: the byline is near the top
MAX_OFFSET = timedelta(hours=14)
# zones whose offset is not whole hours (India, Nepal, Iran, Afghanistan, Myanmar, central Australia,
# Newfoundland); any other fraction between a shown time and the stated one is some other moment (an update)
FRACTIONAL_OFFSETS = frozenset(timedelta(minutes=m) for m in (330, 345, 210, 270, 390, 570, 630, -210, -150))
_URL_DAY = re.compile(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/-]|\.html?$|$)")
_URL_DAY_LAST_YEAR = re.compile(r"[/-](\d{2})[-.](\d{2})[-.]((?:19|20)\d{2})(?=[/-]|\.html?$|$)")
"""A date written day (or month) first in the path, /meldungen/29-10-2021: the page's own order decides."""


def _plausible(texts: Iterator[str], tz: tzinfo | None, now: datetime, day_first: bool) -> Iterator[str]:
    """The plausible dates among the texts, in their order, as ISO strings."""
    for text in texts:
        if not text or _TODAY.search(text):
            continue
        value = parse_date(text, day_first)
        if value is not None and is_plausible(localize(value, tz), now):
            yield to_iso(localize(value, tz))


def _first_plausible(texts: Iterator[str], tz: tzinfo | None, now: datetime, day_first: bool) -> str | None:
    return next(_plausible(texts, tz, now, day_first), None)


def _stated_published(page: Page, tz: tzinfo | None, now: datetime, day_first: bool, heading) -> str | None:
    """The first stated published time; when the stated sources disagree on the day (a JSON-LD block left from
    a draft, a template's stamp beside the article's own tag), the stated moment the page shows its readers
    wins. A bare day never displaces a moment: a print paper's edition day is the day after the story went
    online."""
    stated = list(_plausible(_structured(page, "datePublished", PUBLISHED_META), tz, now, day_first=False))
    if len({value[:10] for value in stated}) > 1:
        shown_texts = itertools.islice(_shown_texts(page, heading), MAX_SHOWN_TIMES)
        shown = {value[:10] for value in _plausible(shown_texts, tz, now, day_first)}
        moments = (value for value in stated if not _is_bare_day(value))
        return next((value for value in moments if value[:10] in shown), stated[0])
    return stated[0] if stated else None


def _shown_moment_of(day: str, page: Page, tz: tzinfo | None, now: datetime, day_first: bool,
                     heading) -> str | None:
    """The moment of a day stated without its time, as a `<time>` element or the byline shows it."""
    clocked = (text for text in itertools.islice(_shown_texts(page, heading), MAX_SHOWN_TIMES)
               if text and _CLOCK.search(text))
    moments = _plausible(clocked, tz, now, day_first)
    return next((value for value in moments if value[:10] == day[:10] and not _is_bare_day(value)), None)


def _shown_texts(page: Page, heading) -> Iterator[str]:
    """What the page shows its readers of its date, nearest the story first: `<time>` values, the byline, the
    lines by the headline."""
    return itertools.chain(_time_values(page), _byline_texts(page), _text_near_title(page, heading))


def _is_bare_day(value: str) -> bool:
    """An ISO value that names a day and no time of it (read as its midnight)."""
    return value[11:19] in ("", "00:00:00")


def _structured(page: Page, ld_key: str, meta_keys: tuple[str, ...]) -> Iterator[str]:
    value = page.article_ld.get(ld_key)
    if isinstance(value, str):
        yield value
    for item in page.json_ld:
        if isinstance(item.get(ld_key), str):
            yield item[ld_key]
    for key in meta_keys:
        if key in page.meta:
            yield page.meta[key]
    for element in page.itemprops.get(ld_key, ()):
        yield element.get("content") or element.get("datetime") or text_of(element)


def _time_elements(page: Page) -> Iterator:
    """<time> elements outside site chrome and comments that are not 'updated' stamps."""
    for element in page.tree.iter("time"):
        if not in_site_chrome(element) and not _NOT_PUBLISHED.search(class_and_id(element)) \
                and not in_comments(element):
            yield element


def _time_values(page: Page) -> Iterator[str]:
    return (element.get("datetime") or text_of(element) for element in _time_elements(page))


def _date_classed(page: Page) -> list:
    """Date-classed elements outside the site's chrome, except the 'today' widget."""
    return [element for element, marker in page.classed
            if _DATE_CLASS.search(marker) and not _TODAY.search(marker) and not in_site_chrome(element)]


def _byline_texts(page: Page) -> Iterator[str]:
    """Short date-classed elements in page order with a digit in them, skipping the 'today' widget, 'updated'
    stamps and the readers' comments; an element with children is also read with its pieces spaced apart (a
    widget's day, month and year spans)."""
    for element in page.remembered("date-classed", lambda: _date_classed(page)):
        text = _published_part(text_of(element))
        if 0 < len(text) <= MAX_BYLINE_CHARS and not _opens_with_update(text) and _DIGIT.search(text) \
                and not in_comments(element):  # a date has digits; the comments test walks the ancestors
            yield text
            if len(element):
                yield spaced_text_of(element)


_LAST = re.compile(r"^(last|zuletzt|dernière)\s+", re.IGNORECASE)  # "Last updated", "Zuletzt aktualisiert"
_PUBLISHED_WORD = re.compile(r"\b(published|posted|veröffentlicht|publié|publicado|pubblicato|đăng)\b", re.IGNORECASE)


def _opens_with_update(text: str) -> bool:
    return _NOT_PUBLISHED.match(_LAST.sub("", text)) is not None


def _published_part(text: str) -> str:
    """From a line that opens with the update ("Updated May 3 · Published May 1, 10:00"), the published part."""
    if not _opens_with_update(text):
        return text
    match = _PUBLISHED_WORD.search(text)
    return text[match.start():] if match else text


def _text_near_title(page: Page, heading) -> Iterator[str]:
    """Short text lines after the title's element, where bylines put the date; then the few just above it
    ("By Jane Doe, published on 25 September 2018" over the headline), nearest first."""
    above: deque[str] = deque(maxlen=LINES_ABOVE_TITLE)
    started = heading is None
    seen = 0
    for element in page.tree.iter():  # every element up to the title: each test inlined, each run stripped once
        if element is heading:
            started = True
            continue
        if element.tag == "script" or element.tag == "style":
            continue
        for text in (element.text, element.tail):
            if not text or not (text := text.strip()):
                continue
            if not started:
                above.append(text)
                continue
            seen += 1
            if len(text) <= SHORT_LINE:
                yield text
        if seen > 40:
            break
    yield from (text for text in reversed(above) if len(text) <= SHORT_LINE)


def _url_date(url: str | None, day_first: bool) -> Iterator[str]:
    """The day in the URL's path (/2019/03/05/slug, /2019-03-05-slug, /29-10-2021): when the page states no
    date at all, news sites' URLs still carry the day they published it."""
    path = (url or "").split("?", 1)[0]
    if match := _URL_DAY.search(path):
        yield "-".join(match.groups())
    elif match := _URL_DAY_LAST_YEAR.search(path):
        first, second, year = match.groups()
        day, month = (first, second) if day_first else (second, first)
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            yield f"{year}-{month}-{day}"


def _shown_offset(instant: datetime, texts: Iterator[str], day_first: bool) -> timezone | None:
    """The offset at which a time shown on the page is the stated instant: "May 1, 2020 10:54 PM" beside
    metadata's 2020-05-02T02:54Z says the page shows its readers UTC-4. Only texts with a clock time count (a
    bare day would read as midnight)."""
    for text in itertools.islice(texts, MAX_SHOWN_TIMES):
        if not text or not _CLOCK.search(text) or (value := parse_date(text, day_first)) is None:
            continue
        if value.tzinfo is not None:
            if value == instant and value.utcoffset():
                return value.tzinfo
            continue
        delta = value.replace(second=0) - instant.replace(tzinfo=None, second=0, microsecond=0)
        if timedelta(0) < abs(delta) <= MAX_OFFSET and (delta % timedelta(hours=1) == timedelta(0)
                                                        or delta in FRACTIONAL_OFFSETS):
            return timezone(delta)
    return None


def _in_page_offset(stated: str, page: Page, tz: tzinfo | None, day_first: bool, heading) -> str:
    """A published time stated in UTC, given in the offset the page shows its readers: analysts group by the
    page's day, and UTC moves evening stories to the next one. The evidence, in order: another stated time of
    the same instant with an offset, a time shown in the byline or in the short lines by the headline (an
    unmarked `<span>5/1/2020 22:54</span>`), the site's own zone. None: UTC stays. A time stated without a zone
    takes the zone the page shows beside the same clock time ("10:00 CEST")."""
    instant = parse_date(stated, day_first=False)
    if instant is None or instant.tzinfo is not None and instant.utcoffset() != timedelta(0):
        return stated
    shown = itertools.chain(map(text_of, _time_elements(page)), _byline_texts(page), _text_near_title(page, heading))
    if instant.tzinfo is None:
        zone = _zone_of_naive(stated, instant, page, shown, day_first)
        return to_iso(instant.replace(tzinfo=zone)) if zone is not None else stated
    offset = _shown_offset(instant, _structured(page, "datePublished", PUBLISHED_META), day_first=False) or \
        _shown_offset(instant, shown, day_first) or tz
    return to_iso(instant.astimezone(offset)) if offset is not None else stated


def _zone_of_naive(stated: str, clock: datetime, page: Page, shown: Iterator[str], day_first: bool) -> tzinfo | None:
    """The zone of a published time stated without one: another stated time or a `<time>` element at the same
    clock time with an offset, a shown time with a zone at that clock time, or a stated UTC time a whole number
    of hours away (`2024-05-01 10:00:00` beside `2024-05-01T08:00:00Z` is UTC+2)."""
    stated_times = list(_structured(page, "datePublished", PUBLISHED_META))
    zone = _shown_zone(clock, itertools.chain(stated_times, _time_values(page), shown), day_first)
    if zone is not None:
        return zone
    utc_times = (value for text in stated_times if (value := parse_date(text, day_first=False)) is not None
                 and value.tzinfo is not None and value.utcoffset() == timedelta(0))
    return next(filter(None, (_shown_offset(value, iter([stated]), day_first=False) for value in utc_times)), None)


_ZONE_HINT = re.compile(r"\d[+-]\d|\dZ|[A-Z]{3}")  # an offset after a time, "Z", a zone's name: read only those


def _shown_zone(clock: datetime, texts: Iterator[str], day_first: bool) -> tzinfo | None:
    """The zone of a time shown on the page at the stated clock time, to the minute."""
    wanted, minute = clock.replace(second=0, microsecond=0), f"{clock.minute:02d}"
    for text in itertools.islice(texts, MAX_SHOWN_TIMES):
        if text and minute in text and _ZONE_HINT.search(text) and (value := parse_date(text, day_first)) is not None \
                and value.tzinfo is not None and value.replace(tzinfo=None, second=0) == wanted:
            return value.tzinfo
    return None


def published(page: Page, profile: Profile | None, tz: tzinfo | None, now: datetime, day_first: bool,
              heading=None, shown_zone: tzinfo | None = None) -> str | None:
    """`tz` reads naive times and places UTC ones; `shown_zone` places UTC ones where no `tz` is known (the
    page's language can tell where its readers are, though not how to read a naive time). `heading`: the element
    showing the article's title (titles.title_element), where the byline is near. Whatever the source, a UTC
    value is given in the offset the page shows (a `<time>`'s value is as often UTC as a meta's); a naive one
    found in the page's text takes a zone only from the site's."""
    structured = _stated_published(page, tz, now, day_first, heading)
    if structured and _is_bare_day(structured):
        structured = _shown_moment_of(structured, page, tz, now, day_first, heading) or structured
    if structured:
        return _in_page_offset(structured, page, tz or shown_zone, day_first, heading)
    sources = [_time_values(page)]
    if profile:
        sources.insert(0, (text_of(e) for e in profile.select(page, "published")))
    sources += [_byline_texts(page), _text_near_title(page, heading),
                _structured(page, "dateCreated", OTHER_PUBLISHED_META), _structured(page, "uploadDate", ()),
                _url_date(page.url, day_first),
                scripted_dates(page)]
    for source in sources:
        if found := _first_plausible(source, tz, now, day_first):
            return _in_page_offset(found, page, tz or shown_zone, day_first, heading) if found.endswith(_UTC) \
                else found
    return _said_ago(page, now, heading, tz or shown_zone)


_UTC = "+00:00"  # how to_iso writes a UTC value


def _said_ago(page: Page, now: datetime, heading, zone: tzinfo | None) -> str | None:
    """A byline that says only how long ago the story went out ("2 hours ago"): the moment before the fetch, in
    the site's zone where it is known."""
    texts = itertools.chain(_byline_texts(page), _text_near_title(page, heading))
    moments = (moment_ago(text, now) for text in itertools.islice(texts, MAX_SHOWN_TIMES) if text)
    moment = next(filter(None, moments), None)
    return to_iso(moment.astimezone(zone) if zone is not None else moment) if moment is not None else None


def _text_around_body(tree, container) -> Iterator[str]:
    """Short text runs just before the article's text (nearest first), then its first ones."""
    before: deque[str] = deque(maxlen=LINES_AROUND_BODY)
    ancestors = set(container.iterancestors())
    for element in tree.iter():
        if element is container:
            break
        if tag_of(element) in ("script", "style"):
            continue
        runs = (element.text,) if element in ancestors else (element.text, element.tail)
        before.extend(text.strip() for text in runs if text and text.strip())
    yield from (text for text in reversed(before) if len(text) <= SHORT_LINE)
    inside = (text.strip() for element in container.iter() for text in (element.text, element.tail)
              if text and text.strip())
    yield from (text for text in itertools.islice(inside, LINES_AROUND_BODY) if len(text) <= SHORT_LINE)


def published_near_body(tree, container, tz: tzinfo | None, now: datetime, day_first: bool) -> str | None:
    """The last resort for a page whose headline could not be placed: the date line next to its text."""
    if container is None:
        return None
    return _first_plausible(_text_around_body(tree, container), tz, now, day_first)


def modified(page: Page, tz: tzinfo | None, now: datetime, published_at: str | None = None) -> str | None:
    """The stated change, in the offset the published time is given in when it is stated in UTC: the same
    instant, told on the clock the page's readers see (and an analyst compares the two)."""
    changed = _first_plausible(_structured(page, "dateModified", MODIFIED_META), tz, now, day_first=False)
    if changed and published_at and changed.endswith(_UTC) and not published_at.endswith(_UTC) \
            and (shown := datetime.fromisoformat(published_at).tzinfo) is not None:
        return to_iso(datetime.fromisoformat(changed).astimezone(shown))
    return changed
