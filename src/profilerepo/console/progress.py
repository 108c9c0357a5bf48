"""A progress line for long jobs: count, rate and time left, redrawn in place."""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr  # (looked up now: tests capture it)
        self.started = time.monotonic()
        self.done = 0
        self._last_draw = 0.0
        self._interactive = self.stream.isatty()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self._last_draw >= (0.2 if self._interactive else 5.0) or self.done >= self.total:
            self._last_draw = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        width = 30
        filled = int(width * self.done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        line = (f"{self.label} [{bar}] {self.done}/{self.total} "
                f"{100 * self.done / self.total:3.0f}%  {rate:,.0f}/s  {left:,.0f}s left")
        end = "\r" if self._interactive and self.done < self.total else "\n"
        self.stream.write(line + end)
        self.stream.flush()
