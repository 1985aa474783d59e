"""Writes a table of plain rows to CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX (openpyxl).

The file appears whole or not at all: rows go to a temporary file beside the target, renamed at the end
(app/services/output_files.py).
Texts never become formulas (unit names and citizens' words may begin with = + - @): XLSX cells
holding text are text cells, and a CSV cell beginning with such a character gets a `'` in front.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from app.services import scores
from app.services.output_files import written_whole

FORMATS = ("csv", "xlsx")
# what a spreadsheet reads as the start of a formula (OWASP "CSV injection"), and the neutralising
# mark itself (so that a text already beginning with it stays distinguishable)
FORMULA_STARTS = frozenset("=+-@\t\r'")


def neutralised(text: str) -> str:
    """`'` in front of a text a spreadsheet would take for a formula; its exact reverse is `restored`."""
    return "'" + text if text[:1] in FORMULA_STARTS else text


def restored(text: str) -> str:
    """The text `neutralised` was given (a text it did not make is returned unchanged)."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text


@dataclass(frozen=True)
class Table:
    """Columns by index holding fractions 0–1 (app/services/scores.py says how each is written):
    `percent_columns` rates (XLSX: the fraction as a percentage), `points_columns` scores and
    `change_columns` score changes (XLSX: points, 98.24 and +6.43). In CSV all three are fractions to
    four decimals, as `rank --format csv` writes them."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]
    percent_columns: frozenset[int] = field(default_factory=frozenset)
    points_columns: frozenset[int] = field(default_factory=frozenset)
    change_columns: frozenset[int] = field(default_factory=frozenset)

    @property
    def fraction_columns(self) -> frozenset[int]:
        return self.percent_columns | self.points_columns | self.change_columns


def table_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"unsupported table format {suffix!r}; expected .csv or .xlsx")
    return suffix


@contextmanager
def replaced_whole(path: str | Path, suffix: str, protected: tuple[Path, ...] = ()) -> Iterator[Path]:
    """Yields a temporary file beside `path` to write; it replaces `path` only when the block ends
    without error, so a failed export never leaves a partial file. The user already agreed to replace
    an existing file (the save dialog asks), but never a database file, a folder or a link
    (output_files.OutputRefused). Rankings and charts hold no personal data: the file gets the
    permissions of the user's umask, so colleagues can read it in a shared folder."""
    with written_whole(path, force=True, protected=protected, private=False, suffix=suffix) as temp:
        yield temp


def write_table(path: str | Path, table: Table, protected: tuple[Path, ...] = ()) -> Path:
    """Writes `table` to `path` (.csv or .xlsx); raises OSError when the place cannot be written,
    OutputRefused when it must not be (a database file, a folder, a link)."""
    target = Path(path)
    kind = table_format(target)
    with replaced_whole(target, f".{kind}", protected) as temp:
        if kind == "csv":
            _write_csv(temp, table)
        else:
            _write_xlsx(temp, table)
    return target


def _write_csv(path: Path, table: Table) -> None:
    fractions = table.fraction_columns
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(table.headers)
        writer.writerows(["" if v is None else scores.fraction(v) if i in fractions
                          else neutralised(v) if isinstance(v, str) else v for i, v in enumerate(row)]
                         for row in table.rows)


def _xlsx_value(table: Table, index: int, value):
    if value is None:
        return None
    if index in table.percent_columns:
        return round(value, 4)
    if index in table.points_columns or index in table.change_columns:
        return scores.points_value(value)
    return value


def _write_xlsx(path: Path, table: Table) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(table.title)
    sheet.append(list(table.headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_value(table, i, v) for i, v in enumerate(row)])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                text_cell(cell, cell.value)
    for columns, number_format in ((table.percent_columns, scores.RATE_FORMAT),
                                   (table.points_columns, scores.POINTS_FORMAT),
                                   (table.change_columns, scores.CHANGE_FORMAT)):
        for index in columns:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
                cell.number_format = number_format
    for i, header in enumerate(table.headers):
        longest = max([len(str(header))] + [len(str(r[i])) for r in table.rows if r[i] is not None])
        sheet.column_dimensions[sheet.cell(row=1, column=i + 1).column_letter].width = min(40, 2 * longest + 2)
    sheet.freeze_panes = "A2"
    book.save(path)


def text_cell(cell, value: str) -> None:
    """An XLSX cell holding `value` as a text, never a formula (openpyxl takes a text beginning with = for one)."""
    cell.value = value
    cell.data_type = "s"


def sheet_title(title: str) -> str:
    """`title` as a worksheet may be named: without the characters Excel forbids, at most 31 characters."""
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return (cleaned or "Sheet")[:31]
