"""The article-extraction-benchmark's metric (see ../shared/eval/README.md), shared by bench scripts."""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "aeb"
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Case:
    id: str
    url: str
    html: bytes
    truth: str


def load_cases(directory: Path = EVAL_DIR) -> list[Case]:
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    return [Case(key, value.get("url", ""), gzip.decompress((directory / "html" / f"{key}.html.gz").read_bytes()),
                 value.get("articleBody", "")) for key, value in sorted(truth.items())]


def shingles(text: str, size: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + size]) for i in range(max(0, len(tokens) - size + 1)))


def score(predictions: dict[str, str], cases: list[Case]) -> tuple[float, float, float]:
    """Mean precision, mean recall (pages where defined), and F1 of the two means."""
    precisions, recalls = [], []
    for case in cases:
        predicted, true = shingles(predictions.get(case.id, "")), shingles(case.truth)
        tp = sum((predicted & true).values())
        fp = sum(predicted.values()) - tp
        fn = sum(true.values()) - tp
        if tp + fp:
            precisions.append(tp / (tp + fp))
        elif tp + fn:
            pass
        if tp + fn:
            recalls.append(tp / (tp + fn))
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
