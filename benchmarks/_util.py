"""Timing helpers shared by the benchmarks (plain Python, no pytest)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def measure(fn: Callable[[], object], repeat: int = 50, warmup: int = 3) -> list[float]:
    """Seconds per call of `fn`, `repeat` times after `warmup` untimed calls."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def report(name: str, seconds: list[float], unit: str = "ms", target: float | None = None) -> bool:
    """Print the median (and p95) in `unit`; returns whether the median meets `target` (in `unit`)."""
    scale = {"ms": 1e3, "us": 1e6, "s": 1.0}[unit]
    med = statistics.median(seconds) * scale
    p95 = sorted(seconds)[int(0.95 * (len(seconds) - 1))] * scale
    ok = target is None or med <= target
    goal = f"  target < {target:g} {unit}: {'met' if ok else 'MISSED'}" if target is not None else ""
    print(f"{name:<52} median {med:9.3f} {unit}  p95 {p95:9.3f} {unit}{goal}")
    return ok
