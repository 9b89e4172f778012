"""Counts the reliability suite reports at the end of the run."""
from collections import Counter

TALLY: Counter = Counter()
