"""Plain-text renderings for the CLI: diffs between article versions, the stats table, export writers."""
from __future__ import annotations

import csv
import difflib
import json
from collections.abc import Iterable
from typing import TextIO

CSV_FIELDS = ("url", "site", "title", "published", "modified", "author", "category", "language", "body",
              "captions", "related", "is_article", "version", "first_seen", "last_seen", "last_changed",
              "deleted_at", "content_hash")


def version_diff(older: dict, newer: dict) -> str:
    """Unified diff of title and body (one paragraph per line) between two states of an article."""
    def lines(state: dict) -> list[str]:
        return [f"title: {state['title'] or ''}", ""] + (state["body"] or "").split("\n\n")
    return "\n".join(difflib.unified_diff(lines(older), lines(newer), f"version {older['version']}",
                                          f"version {newer['version']}", lineterm=""))


def render_history(states: list[dict]) -> str:
    out = []
    for index, state in enumerate(states):
        out.append(f"version {state['version']}  seen {state['seen_at']}  {state['title'] or ''}")
        if index:
            out.append(version_diff(states[index - 1], state) or "(no change in title or body)")
    return "\n".join(out)


def render_stats(stats: dict) -> str:
    out = [f"articles: {stats['articles']}   versions kept: {stats['versions']}   aliases: {stats['aliases']}   "
           f"schema version: {stats['schema_version']}", ""]
    out.append(f"{'site':40} {'articles':>8} {'edits':>6} {'deleted':>7}  published range")
    for row in stats["sites"]:
        out.append(f"{row['site'][:40]:40} {row['articles']:>8} {row['edits'] or 0:>6} {row['deleted'] or 0:>7}  "
                   f"{(row['oldest'] or '?')[:10]} … {(row['newest'] or '?')[:10]}")
    out.append("")
    out.append("pages by status: " + ", ".join(f"{r['status']}: {r['pages']}" for r in stats["pages_by_status"]))
    if stats["frontier"]:
        out.append("frontier: " + ", ".join(f"{r['state']}: {r['urls']}" for r in stats["frontier"]))
    for run in stats["last_runs"]:
        out.append(f"run {run['id']}: {run['started_at']} → {run['finished_at'] or 'running/killed'}  "
                   f"fetched {run['fetched']}, new {run['new']}, changed {run['changed']}, "
                   f"unchanged {run['unchanged']}, failed {run['failed']}, exit {run['exit_status']}")
    return "\n".join(out)


def write_jsonl(rows: Iterable[dict], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
