"""Every field of our extractor next to the reference tools, on the three corpora of ../shared/eval/, in one run.

Run: .venv/bin/python bench/extract.py  (needs the bench extra: pip install -e '.[bench]')

Each corpus is reported in its tuning and its checking half (bench/corpora.py says how they are split). The
references run in the same process on the same bytes: trafilatura (default, favor_precision, fast) for every
field it gives, readability-lxml for bodies, htmldate (extensive search, original date) for the day.
Speed is pages per second of CPU time on one core, best of --repeat passes, each page run by ours and by
trafilatura's default `extract()` in turn (the text alone: the harder comparison for us, who read every field).

`--only scraper` skips the references (a quick look while tuning); `--speed-only` skips the tables and measures
speed alone (a quieter machine for the timing than after the references ran); `--failures FIELD` writes the tuning
half's misses of that field to a JSON file for reading; the checking half's are never printed.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import metrics  # noqa: E402
from corpora import HALVES, LOADERS, Case  # noqa: E402
from metrics import Prediction  # noqa: E402

from scraper import extract  # noqa: E402
from scraper.errors import ScraperError  # noqa: E402

ALL_FIELDS = frozenset({"body", "title", "published", "authors", "captions"})
TABLES = {  # corpus → (field, metric function) in the order printed
    "aeb": [("body", metrics.body_scores)],
    "fundus": [("body", metrics.body_scores), ("title", metrics.title_scores),
               ("published", metrics.published_scores), ("authors", metrics.author_scores),
               ("captions", metrics.caption_scores)],
    "trafilatura": [("body", metrics.snippet_scores), ("title", metrics.title_scores),
                    ("published", metrics.day_scores), ("authors", metrics.author_scores)],
}


def ours(case: Case) -> Prediction:
    try:
        article = extract(case.html, case.url)
    except ScraperError:
        return Prediction(fields=ALL_FIELDS)
    return Prediction(body=article.body, title=article.title, published=article.published,
                      authors=tuple(article.author.split("; ")) if article.author else (),
                      captions=tuple((c.caption, c.credit) for c in article.captions), fields=ALL_FIELDS)


def trafilatura_runner(**options):
    import trafilatura

    def run(case: Case) -> Prediction:
        document = trafilatura.bare_extraction(case.html, url=case.url, with_metadata=True, **options)
        if document is None:
            return Prediction(fields=ALL_FIELDS - {"captions"})
        return Prediction(body=document.text or "", title=document.title, published=document.date,
                          authors=tuple(document.author.split("; ")) if document.author else (),
                          fields=ALL_FIELDS - {"captions"})
    return run


def readability_run(case: Case) -> Prediction:
    import lxml.html
    from readability import Document
    try:
        summary = Document(case.html, url=case.url).summary(html_partial=True)
        text = "\n\n".join(" ".join(p.text_content().split()) for p in lxml.html.fromstring(summary).iter(
            "p", "h1", "h2", "h3", "h4", "li", "pre", "blockquote", "td"))
    except Exception:  # noqa: BLE001 - a reference that fails on a page scores an empty body there
        text = ""
    return Prediction(body=text)


def htmldate_run(case: Case) -> Prediction:
    from htmldate import find_date
    try:
        day = find_date(case.html, url=case.url, extensive_search=True, original_date=True)
    except Exception:  # noqa: BLE001
        day = None
    return Prediction(published=day, fields=frozenset({"published"}))


def references() -> dict:
    return {"trafilatura default": trafilatura_runner(),
            "trafilatura favor_precision": trafilatura_runner(favor_precision=True),
            "trafilatura fast": trafilatura_runner(fast=True),
            "readability-lxml": readability_run, "htmldate": htmldate_run}


def print_tables(corpus: str, cases: list[Case], results: dict[str, dict[str, Prediction]]) -> None:
    for field_name, scorer in TABLES[corpus]:
        names = [name for name, predictions in results.items()
                 if field_name in next(iter(predictions.values())).fields]
        print(f"\n{corpus}: {field_name}")
        for half in HALVES:
            half_cases = [c for c in cases if c.half == half]
            for name in names:
                figures = scorer(results[name], half_cases)
                shown = "  ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items())
                print(f"  {half:8} ({len(half_cases):3} pages) {name:28} {shown}")


def write_failures(field_name: str, cases: list[Case], predictions: dict[str, Prediction], path: Path) -> None:
    """The tuning half's misses of one field, for reading; checking pages never leave this function."""
    misses = []
    for case in (c for c in cases if c.half == "tuning"):
        scorer = next((s for f, s in TABLES[case.corpus] if f == field_name), None)
        if scorer is None:
            continue
        figures = scorer({case.id: predictions[case.id]}, [case])
        if figures.get("pages") == 0:
            continue  # the field is not marked on this page
        score = figures.get("F1", figures.get("exact", figures.get("minute+offset", figures.get("day",
                                                                                              figures.get("recall")))))
        if score < 1.0 and (field_name != "captions" or case.captions or predictions[case.id].captions):
            ours_value = getattr(predictions[case.id], field_name)
            truth = {"body": case.body or list(case.with_passages), "title": case.title,
                     "published": case.published, "authors": case.authors, "captions": case.captions}[field_name]
            misses.append({"corpus": case.corpus, "id": case.id, "url": case.url, "score": score,
                           "ours": ours_value if field_name != "body" else ours_value[:1500],
                           "truth": truth if field_name != "body" else str(truth)[:1500]})
    misses.sort(key=lambda m: m["score"])
    path.write_text(json.dumps(misses, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\n{len(misses)} tuning-half misses of {field_name} written to {path}")


def speed(cases: list[Case], repeat: int) -> tuple[float, float]:
    """Pages per second of CPU time on one core, ours and trafilatura's default, best of `repeat` passes. Each
    page is run by both in turn: a shared machine's speed drifts by several per cent within a minute, and whole
    passes one after the other let that drift into the ratio."""
    import trafilatura
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    runs = {"ours": ours, "trafilatura": lambda c: trafilatura.extract(c.html, url=c.url)}
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        spent = dict.fromkeys(runs, 0.0)
        for case in cases:
            for name, run in runs.items():
                started = time.process_time()
                run(case)
                spent[name] += time.process_time() - started
        best = {name: min(best[name], spent[name]) for name in runs}
    return len(cases) / best["ours"], len(cases) / best["trafilatura"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=sorted(LOADERS), action="append")
    parser.add_argument("--only", choices=["scraper"], help="skip the reference tools")
    parser.add_argument("--failures", choices=sorted(ALL_FIELDS))
    parser.add_argument("--failures-file", type=Path, default=Path("/tmp/scraper-failures.json"))
    parser.add_argument("--repeat", type=int, default=3, help="speed passes (0: no speed measure)")
    parser.add_argument("--speed-only", action="store_true", help="no tables: the speed measure alone")
    args = parser.parse_args()
    if args.speed_only:
        print_speed([case for corpus in args.corpus or sorted(LOADERS) for case in LOADERS[corpus]()], args.repeat)
        return
    runners = {"scraper": ours} | ({} if args.only else references())
    everything: list[Case] = []
    all_ours: dict[str, Prediction] = {}
    for corpus in args.corpus or sorted(LOADERS):
        cases = LOADERS[corpus]()
        everything += cases
        results = {name: {case.id: run(case) for case in cases} for name, run in runners.items()}
        all_ours |= results["scraper"]
        print_tables(corpus, cases, results)
    if args.failures:
        write_failures(args.failures, everything, all_ours, args.failures_file)
    if args.repeat and not args.only:
        print_speed(everything, args.repeat)


def print_speed(cases: list[Case], repeat: int) -> None:
    ours_speed, theirs = speed(cases, repeat)
    print(f"\nspeed on {len(cases)} pages, one core: scraper {ours_speed:.1f} pages/s, trafilatura default "
          f"{theirs:.1f} pages/s: {ours_speed / theirs:.2f}x")


if __name__ == "__main__":
    main()
