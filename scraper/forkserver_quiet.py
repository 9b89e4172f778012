"""Imported in the parsing workers' fork server only (parse_pool preloads it there): a worker whose crawl was
killed outright while handing it its start-up data, or while it waited for a page, dies reading an empty pipe.
That EOFError is the kill's consequence, not a fault; printed, it would reach the terminal or cron's mail as a
traceback from a process the user never started. Any other error still prints."""
from __future__ import annotations

import sys

_DEFAULT_HOOK = sys.excepthook


def _quiet_when_the_crawl_is_gone(kind, value, traceback) -> None:
    if issubclass(kind, EOFError):
        return
    _DEFAULT_HOOK(kind, value, traceback)


sys.excepthook = _quiet_when_the_crawl_is_gone
