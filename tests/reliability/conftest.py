"""The reliability suite's tally: hostile inputs tried, kill -9 trials, rows lost, duplicates; printed at the end."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tally import TALLY  # noqa: E402


def pytest_terminal_summary(terminalreporter) -> None:
    if not TALLY:
        return
    terminalreporter.write_sep("-", "reliability")
    terminalreporter.write_line(
        f"hostile inputs tried: {TALLY['hostile']}; kill -9 trials survived: {TALLY['kill_trials']}; "
        f"rows lost: {TALLY['rows_lost']}; duplicates: {TALLY['duplicates']}")
