"""How far an export or import has come, reported to a callback (the CLI's progress line, a UI bar)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ExchangeProgress:
    phase: str  # export (rows) | check (bytes of the file) | write (rows) | summary (rebuilding the counts)
    done: int
    total: int

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


ProgressFn = Callable[[ExchangeProgress], None]
