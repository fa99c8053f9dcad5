"""One way to print a latency distribution in the bench scripts' markdown tables."""
from __future__ import annotations

import statistics


def verdeling(ms: list[float], p: float = 0.99) -> str:
    """``median | p-th percentile | slowest`` of ``ms`` (milliseconds) as markdown cells."""
    ms = sorted(ms)
    return f"{statistics.median(ms):.1f} | {ms[min(len(ms) - 1, int(len(ms) * p))]:.1f} | {ms[-1]:.1f}"
