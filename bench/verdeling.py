"""One way to compute and print a latency distribution in the bench scripts."""
from __future__ import annotations

import math
import statistics


def percentiel(gesorteerd: list[float], p: float = 0.99) -> float:
    """The nearest-rank ``p``-th percentile of an ascending list: its ⌈p·n⌉-th value, so
    p99 of 1 000 durations is the 990th, of 100 the 99th, of 10 the slowest."""
    rang = math.ceil(round(p * len(gesorteerd), 9))  # round: 0.99 * n is not exact in binary
    return gesorteerd[min(len(gesorteerd), max(rang, 1)) - 1]


def verdeling(ms: list[float], p: float = 0.99) -> str:
    """``median | p-th percentile | slowest`` of ``ms`` (milliseconds) as markdown cells."""
    ms = sorted(ms)
    return f"{statistics.median(ms):.1f} | {percentiel(ms, p):.1f} | {ms[-1]:.1f}"
