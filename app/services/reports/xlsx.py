"""A report as an XLSX workbook (openpyxl): `write_xlsx(report, path, force=False, protected=())`.

The first sheet `报告` holds the title block, the paragraphs, the findings and the notes; then one sheet per
table (named by `Table.sheet`; the header in row 1, frozen and repeated on every printed page, the
table's note two rows under the last one) and one per chart (its data, and a native line chart beside it).
Numbers are numbers (app/services/scores.py: rates fractions shown as percentages, scores and changes in
points); every text cell is a text, never a formula. A4, fitted to the page width. The file appears
whole or not at all (app/services/output_files.py: temporary file and rename, never the database).
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from app.services import output_files, scores
from app.services.reports import document as doc
from app.services.reports.document import Chart, Findings, Paragraph, Report, Table
from app.services.reports.request import cn_day
from app.services.table_files import sheet_title, text_cell

NUMBER_FORMATS = {
    doc.RATE: scores.RATE_FORMAT, doc.SCORE: scores.POINTS_FORMAT, doc.CHANGE: scores.CHANGE_FORMAT,
    doc.RANK_CHANGE: "+0;-0;0", doc.RATIO: "0.00", doc.NUMBER: "0.0", doc.DAY: "yyyy-mm-dd", doc.COUNT: "#,##0",
}
MAX_WIDTH = 60
REPORT_SHEET = "报告"


def cell_value(kind: str, value):
    """What a cell holds for a value of the column's kind (scores in points, as the ranking announces them)."""
    if value is None:
        return None
    if kind in (doc.SCORE, doc.CHANGE):
        return scores.points_value(value)
    if kind == doc.RATE:
        return round(value, 4)
    if kind in (doc.RATIO, doc.NUMBER):
        return round(float(value), 2 if kind == doc.RATIO else 1)
    if kind in (doc.COUNT, doc.RANK_CHANGE):
        return int(value)
    if kind == doc.DAY:
        return value
    return str(value)


def text_width(text: str) -> int:
    """Columns a text takes: wide characters (Chinese) count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _shown(kind: str, value) -> str:
    if value is None:
        return ""
    if kind == doc.RATE:
        return f"{value * 100:.2f}%"
    if kind in (doc.SCORE, doc.CHANGE):
        return f"{value * 100:+.2f}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _print_setup(sheet, title: str, columns: int, header_rows: bool = True) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if columns > 6 else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = title.replace("&", "&&")
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"


def _table_sheet(book, table: Table) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(sheet_title(table.sheet))
    for i, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=i)
        text_cell(cell, column.title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [text_width(c.title) for c in table.columns]
    for r, row in enumerate(table.rows, start=2):
        for i, (column, value) in enumerate(zip(table.columns, row, strict=True)):
            cell = sheet.cell(row=r, column=i + 1)
            v = cell_value(column.kind, value)
            if isinstance(v, str):
                text_cell(cell, v)
            else:
                cell.value = v
                if column.kind in NUMBER_FORMATS and v is not None:
                    cell.number_format = NUMBER_FORMATS[column.kind]
            widths[i] = max(widths[i], text_width(_shown(column.kind, value)))
    if table.note:
        text_cell(sheet.cell(row=len(table.rows) + 3, column=1), table.note)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    _print_setup(sheet, table.title, len(table.columns))


def _chart_sheet(book, chart: Chart) -> None:
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Font

    sheet = book.create_sheet(sheet_title(chart.sheet))
    text_cell(sheet.cell(row=1, column=1), "月份")
    sheet.cell(row=1, column=1).font = Font(bold=True)
    for j, series in enumerate(chart.series, start=2):
        text_cell(sheet.cell(row=1, column=j), series.name)
        sheet.cell(row=1, column=j).font = Font(bold=True)
    for i, label in enumerate(chart.labels, start=2):
        text_cell(sheet.cell(row=i, column=1), label)
        for j, series in enumerate(chart.series, start=2):
            cell = sheet.cell(row=i, column=j, value=cell_value(series.kind, series.values[i - 2]))
            cell.number_format = NUMBER_FORMATS[series.kind]
    sheet.column_dimensions["A"].width = 10
    for j, series in enumerate(chart.series, start=2):
        sheet.column_dimensions[sheet.cell(row=1, column=j).column_letter].width = max(10, text_width(series.name) + 2)
    line = LineChart()
    line.title = chart.title
    line.height, line.width = 9, 18
    rates = all(s.kind == doc.RATE for s in chart.series)
    line.y_axis.number_format = "0%" if rates else "#,##0"
    line.y_axis.title = "比率" if rates else "件数"
    line.x_axis.title = "月份"
    line.x_axis.delete = False
    line.y_axis.delete = False
    last = len(chart.labels) + 1
    line.add_data(Reference(sheet, min_col=2, max_col=len(chart.series) + 1, min_row=1, max_row=last),
                  titles_from_data=True)
    line.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=last))
    sheet.add_chart(line, f"{sheet.cell(row=1, column=len(chart.series) + 3).column_letter}2")
    sheet.freeze_panes = "A2"
    _print_setup(sheet, chart.title, 12)


def _report_sheet(book, report: Report) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.active
    sheet.title = REPORT_SHEET
    lines: list[tuple[str, bool]] = [(report.title, True)]
    if report.subtitle:
        lines.append((report.subtitle, False))
    lines += [(f"报告期:{report.period}", False), (f"发布单位:{report.issued_by}", False),
              (f"发布日期:{cn_day(report.issued_on)}", False), ("", False)]
    for section in report.sections:
        texts = [b for b in section.blocks if isinstance(b, (Paragraph, Findings))]
        others = [b for b in section.blocks if isinstance(b, (Table, Chart))]
        lines.append((section.title, True))
        for block in texts:
            if isinstance(block, Paragraph):
                lines.append((block.text, False))
            else:
                lines.append((block.title, True))
                lines += [(f"{i}. {s}", False) for i, s in enumerate(block.sentences, 1)]
        for block in others:
            lines.append((f"见工作表“{sheet_title(block.sheet)}”:{block.title}", False))
    if report.notes:
        lines.append(("", False))
        lines += [(f"注:{n}", False) for n in report.notes]
    for r, (text, bold) in enumerate(lines, start=1):
        cell = sheet.cell(row=r, column=1)
        text_cell(cell, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = Font(bold=True, size=14 if r == 1 else 11)
    sheet.column_dimensions["A"].width = 100
    _print_setup(sheet, report.title, 1, header_rows=False)


def workbook(report: Report):
    from openpyxl import Workbook

    book = Workbook()
    _report_sheet(book, report)
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                _table_sheet(book, block)
            elif isinstance(block, Chart):
                _chart_sheet(book, block)
    book.properties.title = f"{report.title} {report.period}"
    book.properties.creator = report.issued_by
    return book


def write_xlsx(report: Report, path: str | Path, force: bool = False, protected: tuple[Path, ...] = ()) -> Path:
    """Writes the report to `path`; OutputRefused when the target must not be written (exists without
    `force`, the database, a folder, a link). The daily report's reminder lists carry case numbers: that
    file is owner-only, like the PDF's; the others hold only figures and get the user's umask."""
    book = workbook(report)
    private = report.kind == "daily"
    with output_files.written_whole(path, force=force, protected=protected, private=private, suffix=".xlsx") as temp:
        book.save(temp)
    return Path(path)


__all__ = ["cell_value", "workbook", "write_xlsx"]
