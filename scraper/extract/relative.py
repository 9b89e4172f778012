"""Relative times ("2 hours ago", "vor 3 Stunden", "3 giờ trước") as the moment before the fetch they name.

A fresh story's byline often says only how long ago it went out; a scheduled crawl fetches such pages within the
hour, so the fetch time and the phrase give the moment. Read only where the page states no date at all.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

_UNITS = {
    "minutes": ("minute", "minutes", "min", "mins", "minuten", "minuto", "minutos", "minuti", "minuut", "minut",
                "minuty", "phút", "dakika", "минут", "минуты", "минуту", "perc", "minuuttia"),
    "hours": ("hour", "hours", "hr", "hrs", "stunde", "stunden", "heure", "heures", "hora", "horas", "ora", "ore",
              "uur", "godzin", "godziny", "godzinę", "giờ", "tiếng", "saat", "час", "часа", "часов", "óra", "tuntia"),
    "days": ("day", "days", "tag", "tagen", "jour", "jours", "día", "días", "dia", "dias", "giorno", "giorni",
             "dag", "dagen", "dni", "dzień", "ngày", "gün", "день", "дня", "дней", "nap", "päivää"),
}
_UNIT_OF = {word: unit for unit, words in _UNITS.items() for word in words}
_UNIT = "|".join(sorted(_UNIT_OF, key=len, reverse=True))
# the number before its unit, with the language's "ago" before or after it
_AGO = re.compile(rf"(?:\b(?:vor|il y a|hace|há|ha)\s+(?P<n1>\d{{1,3}})\s+(?P<u1>{_UNIT})\b)|"
                  rf"(?:\b(?P<n2>\d{{1,3}})\s+(?P<u2>{_UNIT})\s+(?:ago|fa|geleden|temu|trước|önce|назад|"
                  rf"ezelőtt|sitten)\b)", re.IGNORECASE)
MAX_AGO = timedelta(days=7)  # older than a week, sites write the date


def moment_ago(text: str, now: datetime) -> datetime | None:
    """The moment a relative phrase names, counted back from `now` (the fetch), to the minute."""
    match = _AGO.search(text)
    if match is None:
        return None
    number = int(match.group("n1") or match.group("n2"))
    unit = _UNIT_OF[(match.group("u1") or match.group("u2")).lower()]
    ago = timedelta(**{unit: number})
    return (now - ago).replace(second=0, microsecond=0) if ago <= MAX_AGO else None
