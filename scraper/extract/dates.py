"""Dates as news sites write them, Vietnamese and international, to aware datetimes.

Day-first is the default because the sites we serve write 11.5.2018 for 11 May; ISO and RFC 2822 are read first
since they are unambiguous.
"""
from __future__ import annotations

import email.utils
import functools
import re
import unicodedata
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scraper.similarity import fold

_MONTH_NAMES = [  # by month: English, Romance, Germanic and Nordic, Slavic, Baltic-Finnic, Greek, Turkish, Arabic...
    ("jan", "january", "janv", "janvier", "januar", "januari", "enero", "ene", "gennaio", "janeiro", "jänner",
     "stycznia", "ledna", "января", "січня", "януари", "siječnja", "ianuarie", "január", "tammikuuta",
     "ιανουαρίου", "ocak", "oca", "يناير"),
    ("feb", "february", "fev", "fevr", "fevrier", "februar", "februari", "febrero", "febbraio", "fevereiro",
     "lutego", "února", "февраля", "лютого", "февруари", "veljače", "februarie", "február", "helmikuuta",
     "φεβρουαρίου", "şubat", "şub", "فبراير"),
    ("mar", "march", "mars", "marz", "mrz", "maart", "maret", "marzo", "marco", "marca", "března", "марта",
     "березня", "март", "ožujka", "martie", "március", "maaliskuuta", "μαρτίου", "mart", "مارس"),
    ("apr", "april", "avr", "avril", "abril", "abr", "aprile", "kwietnia", "dubna", "апреля", "квітня", "април",
     "travnja", "aprilie", "április", "huhtikuuta", "απριλίου", "nisan", "nis", "أبريل", "ابريل", "إبريل"),
    ("may", "mai", "mei", "mayo", "maggio", "maio", "maj", "maja", "května", "мая", "травня", "май", "svibnja",
     "május", "toukokuuta", "μαΐου", "mayıs", "مايو"),
    ("jun", "june", "juin", "juni", "junio", "giugno", "junho", "czerwca", "června", "июня", "червня", "юни",
     "lipnja", "iunie", "június", "kesäkuuta", "ιουνίου", "haziran", "haz", "يونيو", "يونيه"),
    ("jul", "july", "juil", "juillet", "juli", "julio", "luglio", "julho", "lipca", "července", "июля", "липня",
     "юли", "srpnja", "iulie", "július", "heinäkuuta", "ιουλίου", "temmuz", "tem", "يوليو", "يوليه"),
    ("aug", "august", "aout", "augustus", "agustus", "agosto", "ago", "augusti", "sierpnia", "srpna", "августа",
     "серпня", "август", "kolovoza", "augusztus", "elokuuta", "αυγούστου", "ağustos", "ağu", "أغسطس", "اغسطس"),
    ("sep", "sept", "september", "septembre", "septiembre", "settembre", "setembro", "set", "września", "září",
     "сентября", "вересня", "септември", "rujna", "septembrie", "szeptember", "syyskuuta", "σεπτεμβρίου", "eylül",
     "eyl", "سبتمبر"),
    ("oct", "october", "octobre", "oktober", "okt", "octubre", "ottobre", "outubro", "out", "października",
     "října", "октября", "жовтня", "октомври", "octombrie", "október", "lokakuuta", "οκτωβρίου", "ekim", "eki",
     "أكتوبر", "اكتوبر"),  # Croatian's "listopada" (October) is left out: in Polish it is November
    ("nov", "november", "novembre", "noviembre", "novembro", "nopember", "listopada", "listopadu", "ноября",
     "листопада", "ноември", "studenoga", "noiembrie", "marraskuuta", "νοεμβρίου", "kasım", "kas", "نوفمبر"),
    ("dec", "december", "decembre", "dezember", "dez", "desember", "diciembre", "dic", "dicembre", "dezembro",
     "grudnia", "prosince", "декабря", "грудня", "декември", "prosinca", "decembrie", "joulukuuta",
     "δεκεμβρίου", "aralık", "ara", "ديسمبر"),
]


@functools.lru_cache(maxsize=4096)  # a page's words before a year repeat ("May", "Tháng"): looked up once
def _month_key(name: str) -> str:
    """Lowercase without accents: "Μαΐου", "Kasım", "Março" are looked up as "μαιου", "kasım", "marco"."""
    return fold("".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c)))


# abbreviations of the languages above that their lists leave out: Russian, Ukrainian ("груд."), Indonesian ("Des")
_MONTH_ABBREVIATIONS = {"янв": 1, "січ": 1, "фев": 2, "лют": 2, "мар": 3, "бер": 3, "апр": 4, "квіт": 4, "трав": 5,
                        "июн": 6, "черв": 6, "июл": 7, "лип": 7, "авг": 8, "серп": 8, "agt": 8, "ags": 8, "сен": 9,
                        "вер": 9, "окт": 10, "жовт": 10, "ноя": 11, "лист": 11, "дек": 12, "груд": 12, "des": 12}
MONTHS = {_month_key(name): number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names} | \
    {_month_key(name): number for name, number in _MONTH_ABBREVIATIONS.items()}
_MONTH = r"(?P<mon>[^\W\d_]{3,12})\.?"
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*"
                  r"(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?\s*$", re.IGNORECASE)
# "11.5.2018", "29-10-21", and the "26 | 01 | 2022" of templates that set the parts apart with bars; in the US
# order (month first) where the page's language says so, unless written with dots. A time's minutes are no day,
# and two digits before a date's next part no year: "10:05 | 07/12/2026" is 7 December 2026
_NUMERIC_DAY_MONTH = re.compile(r"(?<![\d./|:-])(?P<d>\d{1,2})\s?[./|-]\s?(?P<m>\d{1,2})\s?[./|-]\s?"
                                r"(?P<y>\d{4}|\d{2})(?!\d|[./-]\d)")
_EAST_ASIAN = re.compile(r"(?<!\d)(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]")
_PATTERNS = [
    re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*,?\s*năm\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,|năm)?\s*(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?<![\d.])(?P<y>\d{4})[./-](?P<m>\d{1,2})[./-](?P<d>\d{1,2})(?![\d])"),
    _NUMERIC_DAY_MONTH,
    # "25th of September, 2018", "25. September 2018", "25 de setembro de 2018", "25 février 2018"
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:(?:of|de)\s+)?" + _MONTH
               + r",?\s+(?:de\s+)?(?P<y>\d{4})", re.IGNORECASE),
    re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<y>\d{4})\.\s+" + _MONTH + r"\s+(?P<d>\d{1,2})\.", re.IGNORECASE),  # Hungarian
]
_TIME = re.compile(r"(?P<half>[午오][前後전후]|[上下]午)?\s*"
                   r"(?<![\d.:/])(?P<h>\d{1,2})(?:[:hH]|[時时시]\s?|\s?giờ\s?|\.(?=\d{2}(?:\s|$|[^\d.])))"
                   r"(?P<mi>\d{2})(?::(?P<s>\d{2}))?"
                   r"(?![\d/])\s*(?P<ampm>[ap]\.?m\.?|sa|ch|sáng|trưa|chiều|tối|đêm|khuya|مساءً?|صباحًا?|م|ص)?",
                   re.IGNORECASE)
# Vietnamese parts of the day after a 12-hour time: "04:00 chiều" is 16:00, "11:05 tối" 23:05, "1:30 trưa" 13:30;
# night ("đêm", "khuya") is evening for 6 to 11 o'clock and small hours below. Arabic: "10:00 م" (evening) is 22:00.
_AFTERNOON = frozenset({"pm", "ch", "chiều", "tối", "م", "مساء", "مساءً"})
_MORNING = frozenset({"am", "sa", "ص", "صباح", "صباحًا"})
_HALF_OF_DAY = {"午前": "am", "오전": "am", "上午": "am", "午後": "pm", "오후": "pm", "下午": "pm"}  # before the time
_EVENING_FROM = 6
_OFFSET = re.compile(r"(?:GMT|UTC)\s*(?:(?P<sign>[+-])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)?|"
                     r"(?<=\d)\s*(?P<sign2>[+-])(?P<oh2>\d{2}):?(?P<om2>\d{2})\b", re.IGNORECASE)
# Zone abbreviations news sites print after a time. Fixed ones carry their offset; the generic US ones (ET, PT)
# take the zone's offset on that date. Ambiguous ones (IST: India or Ireland; CST: also China) are left out, and
# so are lowercase spellings ("et" is French for "and").
_FIXED_ZONES = {"EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9,
                "AKDT": -8, "HST": -10, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "WET": 0, "WEST": 1,
                "ICT": 7, "WIB": 7, "WITA": 8, "SGT": 8, "HKT": 8, "PHT": 8, "JST": 9, "KST": 9, "AWST": 8,
                "ACST": 9.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "MEZ": 1, "MESZ": 2, "MSK": 3,
                "SAST": 2, "PKT": 5, "BRT": -3}
_GENERIC_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
                  "PT": "America/Los_Angeles"}
_ZONE_NAME = re.compile(r"(?<![\w-])(" + "|".join(sorted([*_FIXED_ZONES, *_GENERIC_ZONES], key=len, reverse=True))
                        + r")(?![\w-])")
_TIME_RANGE = re.compile(r"(?<![\d:])(\d{1,2}[:h.]\d{2})\s*[-–]\s*\d{1,2}[:h.]\d{2}(?![\d:])")
"""An event's hours, "10:00-11:30 Uhr": read as its start, never as a time and a zone offset of -11:30."""
_RFC2822 = re.compile(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}")


def _offset(text: str) -> tzinfo | None:
    match = _OFFSET.search(text)
    if not match:
        return None
    sign = match.group("sign") or match.group("sign2")
    hours = match.group("oh") or match.group("oh2")
    if not sign:
        return timezone.utc
    minutes = int(match.group("om") or match.group("om2") or 0)
    delta = timedelta(hours=int(hours), minutes=minutes)
    if delta > timedelta(hours=14):
        return None
    return timezone(delta if sign == "+" else -delta)


def _named_zone(text: str) -> tzinfo | None:
    match = _ZONE_NAME.search(text)
    if not match:
        return None
    name = match.group(1)
    if name in _GENERIC_ZONES:
        return ZoneInfo(_GENERIC_ZONES[name])
    return timezone(timedelta(hours=_FIXED_ZONES[name]))


def _from_iso(text: str) -> datetime | None:
    match = _ISO.match(text)
    if not match:
        return None
    y, mo, d, h, mi, s, tz = match.groups()
    try:
        value = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return None
    if tz:
        if tz.upper() == "Z":
            return value.replace(tzinfo=timezone.utc)
        sign, digits = tz[0], tz[1:].replace(":", "").ljust(4, "0")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return value.replace(tzinfo=timezone(delta if sign == "+" else -delta))
    return value


def _time_of(text: str) -> tuple[int, int, int] | None:
    for match in _TIME.finditer(text):
        hour, minute = int(match.group("h")), int(match.group("mi"))
        ampm = (match.group("ampm") or _HALF_OF_DAY.get(match.group("half"), "")).lower().replace(".", "")
        if (ampm in _AFTERNOON and hour < 12) or (ampm == "trưa" and hour < 6) or \
                (ampm in ("đêm", "khuya") and _EVENING_FROM <= hour < 12):
            hour += 12
        elif ampm in _MORNING and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            return hour, minute, int(match.group("s") or 0)
    return None


BUDDHIST_ERA_OFFSET = 543  # Thai pages count years from the Buddha's death: 2567 is 2024
BUDDHIST_ERA_YEARS = (2500, 2700)


def _common_era(written: int) -> int:
    """The year as the Common Era counts it: "21" is 2021, a Thai page's 2564 is 2021."""
    if written < 100:
        return written + 2000
    in_buddhist_era = BUDDHIST_ERA_YEARS[0] <= written <= BUDDHIST_ERA_YEARS[1]
    return written - BUDDHIST_ERA_OFFSET if in_buddhist_era else written


def _date_match(text: str, day_first: bool) -> tuple[re.Match, int, int, int] | None:
    patterns = (_EAST_ASIAN, *_PATTERNS) if "年" in text or "년" in text else _PATTERNS  # looked for where it can be
    for pattern in patterns:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            year = _common_era(int(parts["y"]))
            if parts.get("mon") is not None:
                month = MONTHS.get(_month_key(parts["mon"]))
                if month is None:
                    continue
            else:
                month = int(parts["m"])
            day = int(parts["d"])
            if not day_first and "m" in parts and pattern is _NUMERIC_DAY_MONTH and day <= 12 \
                    and "." not in match.group(0):  # dotted dates put the day first even on US-English pages
                day, month = month, day
            if 1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100:
                return match, year, month, day
    return None


def parse_date(text: str | None, day_first: bool = True) -> datetime | None:
    """First date (with its time and offset, when written) in the text; naive when the text states no zone."""
    if not text:
        return None
    text = text.strip()[:300]
    if (value := _from_iso(text)) is not None:
        return value
    if _RFC2822.match(text):
        try:
            return email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
    found = _date_match(text, day_first)
    if found is None:
        return None
    match, year, month, day = found
    rest = _TIME_RANGE.sub(r"\1", text[:match.start()] + " " + text[match.end():])
    time_of_day = _time_of(rest)
    hour, minute, second = time_of_day or (0, 0, 0)
    try:
        value = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    tz = _offset(rest) or (_named_zone(rest) if time_of_day else None)  # a zone means nothing without a time
    return value.replace(tzinfo=tz) if tz else value


def zone(name: str | None) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def localize(value: datetime, tz: tzinfo | None) -> datetime:
    """Naive page times are in the site's zone; aware ones are kept as the page states them."""
    if value.tzinfo is None and tz is not None:
        return value.replace(tzinfo=tz)
    return value


def is_plausible(value: datetime, now: datetime) -> bool:
    """Never in the future of the fetch (a day of slack for zones), never before the web had news."""
    aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime(1990, 1, 1, tzinfo=timezone.utc) <= aware <= now + timedelta(days=1)


def to_iso(value: datetime) -> str:
    return value.replace(microsecond=0).isoformat()
