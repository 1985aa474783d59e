"""How far an export or import has come, reported to a callback (the CLI's progress line, a UI bar)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ExchangeProgress:
    phase: str  # export (rows) | load (bytes of the file checked; rows = cases written) | summary (the counts)
    done: int
    total: int
    rows: int = 0

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


ProgressFn = Callable[[ExchangeProgress], None]
