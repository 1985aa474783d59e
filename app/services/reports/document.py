"""The shape of a report, between the builders (figures from app/services/metrics.py) and the writers
(XLSX with openpyxl, PDF with Qt). Plain frozen dataclasses: no Qt, no session, no file.

A report is a title block and a list of sections; a section holds blocks in order: tables, charts,
paragraphs and findings. Values in tables are raw: rates, scores and changes are fractions 0–1 (the
column's `kind` says how a writer shows them, by app/services/scores.py), counts are ints, days are
`date`s, texts are str; None is an empty cell. Every text a reader sees is already in the report's
language (the builders translate; writers add only page furniture such as "第 X 页 共 Y 页").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# how a column's values are written
TEXT = "text"  # str
COUNT = "count"  # int
RATE = "rate"  # fraction 0–1, shown as a percentage (XLSX: number with scores.RATE_FORMAT)
SCORE = "score"  # fraction 0–1, shown in points 98.24 (XLSX: scores.points_value, POINTS_FORMAT)
CHANGE = "change"  # signed fraction, shown in signed points +6.43 (XLSX: CHANGE_FORMAT)
RANK_CHANGE = "rank_change"  # signed int: places gained (+2) or lost (-1); None when not ranked before
RATIO = "ratio"  # float such as 2.13 (× the district), two decimals
NUMBER = "number"  # float, one decimal (cases per 10 000 residents, averages)
DAY = "day"  # date
KINDS = (TEXT, COUNT, RATE, SCORE, CHANGE, RANK_CHANGE, RATIO, NUMBER, DAY)


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = TEXT


@dataclass(frozen=True)
class Table:
    """One table; in XLSX one sheet named `sheet` (≤ 31 characters, unique within the report)."""

    sheet: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    note: str = ""  # a line under the table (e.g. "无人口数据的街道按受理量排列")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per chart label; rates as fractions
    kind: str = COUNT  # COUNT or RATE (a rate series is drawn on a 0–100 % axis)


@dataclass(frozen=True)
class Chart:
    """A line chart over `labels` (e.g. months "2021-08" … "2022-08"), drawn by the dashboard's pyqtgraph
    code in the PDF and as a native chart in the XLSX, whose data sheet is `sheet`."""

    sheet: str
    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Findings:
    """Sentences written from the numbers, in order of importance."""

    title: str
    sentences: tuple[str, ...]


Block = Table | Chart | Paragraph | Findings


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    kind: str  # "daily", "monthly", "street"
    title: str  # e.g. "丰台区接诉即办工作月报"
    period: str  # e.g. "2022年8月" / "2022年8月15日" / "2022年度"
    issued_by: str  # the issuing unit (setting report.issuer)
    issued_on: date
    sections: tuple[Section, ...]
    subtitle: str = ""  # e.g. the street's name, or "（丰台区供暖办）" for one unit's reminder
    notes: tuple[str, ...] = field(default_factory=tuple)  # lines at the end (data through, streets without population…)

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]
