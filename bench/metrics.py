"""The metrics of ../shared/eval/README.md, per field, over a list of cases and one extractor's predictions.

Each function takes `{case id: Prediction}` and the cases, and returns named figures; a field the extractor
does not produce (None) is left out of its table rather than scored as zero.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import datetime, timezone
from dataclasses import dataclass, field

from corpora import Case

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE_SIZE = 4


@dataclass(frozen=True)
class Prediction:
    body: str = ""
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] | None = None
    captions: tuple[tuple[str, str | None], ...] | None = None  # (caption, credit); None: not produced
    fields: frozenset = field(default=frozenset({"body"}))      # which fields this extractor produces


# Characters no reader sees: a soft hyphen (a break allowed inside "Werk\xadzeug"), a zero-width space, a word
# joiner, a byte-order mark. The truth of some corpora keeps them and a tool may drop them; AEB's tokenizer
# would cut a word at each, so they leave both sides before any comparison, for every tool alike.
_INVISIBLE = str.maketrans("", "", "\xad\u200b\u2060\ufeff")


def _readable(text: str | None) -> str:
    """The text as a reader sees it: NFC (a page written in decomposed letters, u + ¨, and a tool that gives them
    composed, ü, say the same text) and without invisible characters."""
    return unicodedata.normalize("NFC", text or "").translate(_INVISIBLE)


def normalized(text: str | None) -> str:
    return " ".join(_readable(text).split())


def shingles(text: str) -> Counter:
    """Over the text as a reader sees it, as titles are compared: otherwise AEB's tokenizer would cut words
    that differ only in invisible marks or composition."""
    tokens = _TOKEN.findall(_readable(text))
    return Counter(tuple(tokens[i:i + SHINGLE_SIZE]) for i in range(max(0, len(tokens) - SHINGLE_SIZE + 1)))


def body_scores(predictions: dict[str, Prediction], cases: list[Case]) -> dict[str, float]:
    """AEB's metric: shingle precision and recall averaged over the pages where each is defined, F1 of the means."""
    precisions, recalls, empty = [], [], 0
    for case in cases:
        text = predictions[case.id].body
        empty += bool(case.body) and not text.strip()
        predicted, true = shingles(text), shingles(case.body or "")
        tp = sum((predicted & true).values())
        fp, fn = sum(predicted.values()) - tp, sum(true.values()) - tp
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "F1": f1, "empty": empty}


def snippet_scores(predictions: dict[str, Prediction], cases: list[Case]) -> dict[str, float]:
    """trafilatura's evaluate.py: passages that must / must not be in the whitespace-normalized body (and, as
    everywhere here, NFC-normalized)."""
    tp = fn = fp = tn = empty = 0
    for case in cases:
        text = normalized(predictions[case.id].body)
        empty += bool(case.with_passages) and not text
        for passage in case.with_passages:
            found = normalized(passage) in text
            tp, fn = tp + found, fn + (not found)
        for passage in case.without_passages:
            found = normalized(passage) in text
            fp, tn = fp + found, tn + (not found)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "F1": f1, "accuracy": (tp + tn) / max(1, tp + tn + fp + fn),
            "empty": empty}


def title_scores(predictions: dict[str, Prediction], cases: list[Case]) -> dict[str, float]:
    marked = [case for case in cases if case.title]
    exact = sum(normalized(predictions[c.id].title) == normalized(c.title) for c in marked)
    return {"exact": exact / max(1, len(marked)), "pages": len(marked)}


def _moment(value: str | None) -> tuple[str, bool] | None:
    """The minute a time names and whether it states an offset: aware times as their UTC minute (the same moment
    in two offsets is the same answer), naive ones as written."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace(" ", "T", 1).replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc)
    return parsed.strftime("%Y-%m-%d %H:%M"), parsed.tzinfo is not None


def published_scores(predictions: dict[str, Prediction], cases: list[Case]) -> dict[str, float]:
    """Fundus, as its README measures: the moment to the minute with the same offset state (both with or both
    without); also the day alone, as each side writes it."""
    marked = [case for case in cases if case.published]
    minute = day = 0
    for case in marked:
        ours = predictions[case.id].published
        minute += _moment(ours) == _moment(case.published)
        day += (ours or "")[:10] == case.published[:10]
    return {"minute+offset": minute / max(1, len(marked)), "day": day / max(1, len(marked)), "pages": len(marked)}


def day_scores(predictions: dict[str, Prediction], cases: list[Case]) -> dict[str, float]:
    """trafilatura set: the day of publication."""
    marked = [case for case in cases if case.published]
    right = sum((predictions[c.id].published or "")[:10] == c.published[:10] for c in marked)
    return {"day": right / max(1, len(marked)), "pages": len(marked)}


def author_scores(predictions: dict[str, Prediction], cases: list[Case]) -> dict[str, float]:
    marked = [case for case in cases if case.authors]
    exact = sum({normalized(a) for a in predictions[c.id].authors or ()} == {normalized(a) for a in c.authors}
                for c in marked)
    return {"exact": exact / max(1, len(marked)), "pages": len(marked)}


def _caption_key(text: str | None) -> str:
    """Whitespace-normalized, without a final full stop: the truth keeps it on some publishers' captions and
    drops it on others' (where the credit followed it), and it says nothing either way."""
    return normalized(text).rstrip(" .")


def caption_scores(predictions: dict[str, Prediction], cases: list[Case]) -> dict[str, float]:
    """Fundus: a caption is exact when its text, credit removed, equals the marked one. Precision counts every
    caption we give (page furniture and captions with their credit still attached are misses); a credit is found
    when every marked name is in the credit we gave that caption."""
    truth_total = ours_total = recalled = precise = credits_marked = credits_found = 0
    for case in cases:
        ours = {_caption_key(caption): normalized(credit) for caption, credit in predictions[case.id].captions or ()}
        truth = {_caption_key(caption): credits for caption, credits in case.captions}
        truth_total, ours_total = truth_total + len(truth), ours_total + len(ours)
        recalled += sum(caption in ours for caption in truth)
        precise += sum(caption in truth for caption in ours)
        for caption, credits in truth.items():
            if credits and caption in ours:
                credits_marked += 1
                credits_found += all(normalized(name) in ours[caption] for name in credits)
    return {"recall": recalled / max(1, truth_total), "precision": precise / max(1, ours_total),
            "credits": credits_found / max(1, credits_marked), "captions": truth_total}
