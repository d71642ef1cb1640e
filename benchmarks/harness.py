"""Timing helpers for the benchmark suite: medians, same-run limits, child processes."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Figure:
    """One measured figure beside the fastest this machine does the same job in this run."""

    name: str
    unit: str  # "ms", "s" or "MB"
    value: float
    limit: float | None
    target: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.limit in (None, 0):
            return None
        return self.value / self.limit

    @property
    def meets_target(self) -> bool | None:
        return None if self.target is None else self.value <= self.target

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["meets_target"] = self.meets_target
        return data


def median_time(func: Callable[[], Any], runs: int = 7, warmup: int = 1) -> float:
    """Median wall time of `func` in seconds over `runs` calls after `warmup` calls."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_child(code: str, env: dict[str, str] | None = None, timeout: float = 300) -> dict:
    """Run Python `code` in a fresh interpreter; it prints one JSON object as its last line."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    full_env.update(env or {})
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def median_child(code: str, runs: int, env: dict[str, str] | None = None) -> dict[str, float]:
    """Median of each numeric field over `runs` child runs."""
    results = [run_child(code, env) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def format_table(figures: list[Figure]) -> str:
    """A Markdown table: figure, limit, ratio, target."""
    lines = ["| figure | value | limit (same run) | ratio | target | meets |",
             "|---|---:|---:|---:|---:|:---:|"]
    for f in figures:
        limit = "—" if f.limit is None else f"{f.limit:.2f} {f.unit}"
        ratio = "—" if f.ratio is None else f"{f.ratio:.2f}"
        target = "—" if f.target is None else f"≤ {f.target:g} {f.unit}"
        meets = {True: "yes", False: "**no**", None: "—"}[f.meets_target]
        name = f.name + (f" ({f.note})" if f.note else "")
        lines.append(f"| {name} | {f.value:.2f} {f.unit} | {limit} | {ratio} | {target} | {meets} |")
    return "\n".join(lines)
