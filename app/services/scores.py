"""How rates, scores and score changes are written in every output: one rule (docs/DECISIONS.md, "Scores").

- Files for programs (CSV: `rank --format csv`, the dashboard's CSV exports) carry rates, scores and
  changes as fractions 0–1 to four decimals: `fraction(0.51666) == "0.5167"`, `fraction(-0.48333) == "-0.4833"`.
- People read scores and changes in points (×100, two decimals), as the monthly ranking announces them:
  `points(0.9824) == "98.24"`, `signed_points(0.0643) == "+6.43"`, a zero change `"0.00"`; rates as
  percentages. In XLSX the cells are numbers: rates the fraction with `RATE_FORMAT`, scores in points
  with `POINTS_FORMAT`, changes in points with `CHANGE_FORMAT` (never as a percentage, which would read
  as a relative change).
Empty values (no counted callback, no previous score) are "" here; the screen shows its dash itself.
"""
from __future__ import annotations

RATE_FORMAT = "0.00%"
POINTS_FORMAT = "0.00"
CHANGE_FORMAT = "+0.00;-0.00;0.00"


def _no_negative_zero(text: str) -> str:
    return text[1:] if text.startswith(("-", "+")) and not text.strip("+-0.") else text


def fraction(value: float | None) -> str:
    return "" if value is None else _no_negative_zero(f"{value:.4f}")


def points_value(value: float | None) -> float | None:
    """A score or a change as a number of points (what an XLSX cell holds)."""
    return None if value is None else round(value * 100, 2)


def points(value: float | None) -> str:
    return "" if value is None else _no_negative_zero(f"{value * 100:.2f}")


def signed_points(value: float | None) -> str:
    return "" if value is None else _no_negative_zero(f"{value * 100:+.2f}")
