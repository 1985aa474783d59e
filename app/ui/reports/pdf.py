"""A report as an A4 PDF in the look of an official 通报, and its pages as images for the console's preview.

Qt only: the pages are laid out here (title block, sections, tables that break across pages with their
header row repeated, charts, findings, notes), then painted by one function into a QPdfWriter (the file)
or a QImage (the preview), so what the supervisor previews is what is sent. Charts are the dashboard's
pyqtgraph charts recorded as vector pictures (app/ui/reports/charts.py).

The text is in "Droid Sans Fallback" where installed: Qt's PDF engine writes each glyph's Unicode from the
font's character map, and Noto Sans CJK maps the CJK radicals (⺝ ⻚ …) to the glyphs of 月, 页 …, so a
PDF set in Noto reads "⽉报" when copied or searched. Page furniture (第 X 页 共 Y 页, 统计周期) is Chinese,
like the report itself.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPicture,
    QTextLayout,
    QTextOption,
)

from app.services import scores
from app.services.output_files import written_whole
from app.services.reports.document import (
    CHANGE,
    COUNT,
    DAY,
    NUMBER,
    RANK_CHANGE,
    RATE,
    RATIO,
    SCORE,
    TEXT,
    Chart,
    Column,
    Findings,
    Paragraph,
    Report,
    Table,
)
from app.services.reports.request import cn_day

RES = 150  # dots per inch of the layout (the PDF's and the measuring device's); the charts' hairlines are 1-2 dots
PDF_FAMILIES = ("Droid Sans Fallback", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC",
                "Microsoft YaHei")
RED = QColor("#C00000")
INK = QColor("#1F1F1F")
GREY = QColor("#606060")
RULE = QColor("#7F7F7F")
HEAD_FILL = QColor("#E8EDF4")


def mm(x: float) -> float:
    return x * RES / 25.4


def pt(x: float) -> float:
    return x * RES / 72


PAGE_W, PAGE_H = mm(210), mm(297)
LEFT, RIGHT = mm(25), mm(22)
BODY_TOP, BODY_BOTTOM = mm(24), mm(297 - 22)
CONTENT_W = PAGE_W - LEFT - RIGHT
CELL_PAD_X, CELL_PAD_Y = pt(3), pt(2.2)
KEEP_TOGETHER = 15  # a table of up to this many rows is not split when it fits on a page


def ensure_application() -> None:
    """A QApplication for the charts (widgets) and the fonts; from the command line always the offscreen
    platform: a report needs no display (and a missing one would abort the command)."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication(["hotline-report", "-platform", "offscreen"])


_device: QImage | None = None


def _measure_device() -> QImage:
    """A tiny image at RES dots per inch: text measured on it has the size it has in the PDF."""
    global _device
    if _device is None:
        image = QImage(8, 8, QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(RES / 0.0254))
        image.setDotsPerMeterY(round(RES / 0.0254))
        _device = image
    return _device


_family: str | None = None


def _pdf_family() -> str:
    global _family
    if _family is None:
        families = set(QFontDatabase.families())
        _family = next((f for f in PDF_FAMILIES if f in families), "")
    return _family


def font(size: float, bold: bool = False) -> QFont:
    f = QFont(_pdf_family()) if _pdf_family() else QFont()
    f.setPointSizeF(size)
    f.setBold(bold)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # the same advances in the PDF and here
    return f


def metrics(f: QFont) -> QFontMetricsF:
    return QFontMetricsF(f, _measure_device())


def wrap(text: str, f: QFont, width: float) -> list[str]:
    """The text's lines at `width` (Chinese breaks between characters, Latin at spaces)."""
    lines: list[str] = []
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    for part in (text or "").split("\n"):
        if not part:
            lines.append("")
            continue
        layout = QTextLayout(part, f, _measure_device())
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 1.0))
            lines.append(part[line.textStart(): line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
    return lines or [""]


def cell_text(value, kind: str) -> str:
    """A table value as the report writes it: rates as percentages, scores and changes in points."""
    if value is None or value == "":
        return ""
    if kind == RATE:
        return f"{float(value) * 100:.2f}%"
    if kind == SCORE:
        return scores.points(float(value))
    if kind == CHANGE:
        return scores.signed_points(float(value))
    if kind == RANK_CHANGE:
        return f"{int(value):+d}" if int(value) else "0"
    if kind == COUNT:
        return str(int(value))
    if kind == RATIO:
        return f"{float(value):.2f}"
    if kind == NUMBER:
        return f"{float(value):.1f}"
    if kind == DAY and isinstance(value, date):
        return value.isoformat()
    return str(value)


Op = Callable[[QPainter], None]


def _text_op(x: float, top: float, text: str, f: QFont, color: QColor = INK) -> Op:
    ascent = metrics(f).ascent()

    def draw(p: QPainter) -> None:
        p.setFont(f)
        p.setPen(color)
        p.drawText(QPointF(x, top + ascent), text)
    return draw


def _centered_op(top: float, text: str, f: QFont, color: QColor = INK, left: float = LEFT,
                 width: float = CONTENT_W) -> Op:
    return _text_op(left + (width - metrics(f).horizontalAdvance(text)) / 2, top, text, f, color)


def _line_op(x1: float, y1: float, x2: float, y2: float, color: QColor, width: float) -> Op:
    def draw(p: QPainter) -> None:
        p.setPen(QPen(color, width))
        p.drawLine(QPointF(x1, y1), QPointF(x2, y2))
    return draw


@dataclass
class Layout:
    """The report laid out: each page a list of drawing operations (page furniture is added when painted)."""

    report: Report
    pages: list[list[Op]]

    @property
    def page_count(self) -> int:
        return len(self.pages)


class _Composer:
    def __init__(self, report: Report, pictures: dict[Chart, QPicture]):
        self.report = report
        self.pictures = pictures
        self.pages: list[list[Op]] = [[]]
        self.y = BODY_TOP
        self.pending_title = ""

    # -- page flow
    def add(self, op: Op) -> None:
        self.pages[-1].append(op)

    def new_page(self) -> None:
        self.pages.append([])
        self.y = BODY_TOP

    def ensure(self, height: float) -> None:
        """A new page unless `height` still fits on this one (a block taller than a page starts at the top).
        A section's title waiting to be set goes with it: never alone at the foot of a page."""
        title, self.pending_title = self.pending_title, ""
        f = font(14, bold=True)
        title_lines = wrap(title, f, CONTENT_W) if title else []
        step = metrics(f).height() * 1.35
        title_h = mm(3) + len(title_lines) * step + mm(1.5) if title else 0.0
        if self.y + title_h + height > BODY_BOTTOM and self.y > BODY_TOP:
            self.new_page()
        if title:
            self.y += mm(3) if self.y > BODY_TOP else 0.0
            for line in title_lines:
                self.add(_text_op(LEFT, self.y, line, f))
                self.y += step
            self.y += mm(1.5)

    def lines(self, lines: list[str], f: QFont, x: float = LEFT, color: QColor = INK, spacing: float = 1.45,
              hang: float = 0.0) -> None:
        """Lines of text, each on this page if it fits, else on the next."""
        step = metrics(f).height() * spacing
        for i, line in enumerate(lines):
            self.ensure(step)
            self.add(_text_op(x + (hang if i else 0.0), self.y, line, f, color))
            self.y += step

    # -- the document
    def compose(self) -> list[list[Op]]:
        self.title_block()
        for section in self.report.sections:
            self.section_title(section.title)
            for block in section.blocks:
                if isinstance(block, Table):
                    self.table(block)
                elif isinstance(block, Chart):
                    self.chart(block)
                elif isinstance(block, Findings):
                    self.findings(block)
                elif isinstance(block, Paragraph):
                    self.paragraph(block.text)
        self.ensure(0)
        self.closing()
        return self.pages

    def title_block(self) -> None:
        r = self.report
        issuer = font(22, bold=True)
        self.y = BODY_TOP + mm(4)
        for line in wrap(r.issued_by, issuer, CONTENT_W):
            self.add(_centered_op(self.y, line, issuer, RED))
            self.y += metrics(issuer).height() * 1.2
        self.y += mm(2)
        self.add(_line_op(LEFT, self.y, LEFT + CONTENT_W, self.y, RED, pt(2.2)))
        self.add(_line_op(LEFT, self.y + pt(3.5), LEFT + CONTENT_W, self.y + pt(3.5), RED, pt(0.6)))
        self.y += mm(9)
        title = font(19, bold=True)
        for line in wrap(r.title, title, CONTENT_W):
            self.add(_centered_op(self.y, line, title))
            self.y += metrics(title).height() * 1.3
        if r.subtitle:
            sub = font(14)
            for line in wrap(r.subtitle, sub, CONTENT_W):
                self.add(_centered_op(self.y, line, sub))
                self.y += metrics(sub).height() * 1.3
        self.y += mm(2)
        meta = font(11)
        self.add(_centered_op(self.y, f"统计周期:{r.period}　　印发日期:{cn_day(r.issued_on)}", meta, GREY))
        self.y += metrics(meta).height() * 1.2 + mm(5)

    def section_title(self, text: str) -> None:
        """Set with the start of the section's first block (ensure)."""
        self.ensure(0)  # an earlier title whose section had nothing in it
        self.pending_title = text

    def paragraph(self, text: str) -> None:
        f = font(11.5)
        self.lines(wrap("　　" + text, f, CONTENT_W), f, spacing=1.6)
        self.y += mm(2)

    def findings(self, block: Findings) -> None:
        head = font(12, bold=True)
        body = font(11.5)
        self.ensure(metrics(head).height() * 1.5 + metrics(body).height() * 3.2)
        if block.title:
            self.lines(wrap(block.title, head, CONTENT_W), head, spacing=1.5)
        for i, sentence in enumerate(block.sentences, 1):
            mark = f"{i}. "
            hang = metrics(body).horizontalAdvance(mark)
            lines = wrap(sentence, body, CONTENT_W - hang)
            lines[0] = mark + lines[0]
            self.lines(lines, body, spacing=1.6, hang=hang)
        self.y += mm(2)

    def closing(self) -> None:
        notes = font(9.5)
        if self.report.notes:
            self.y += mm(3)
            self.ensure(metrics(notes).height() * 3)
            self.lines(["说明:"], font(9.5, bold=True), color=GREY)
            for i, note in enumerate(self.report.notes, 1):
                mark = f"{i}. "
                hang = metrics(notes).horizontalAdvance(mark)
                lines = wrap(note, notes, CONTENT_W - hang)
                lines[0] = mark + lines[0]
                self.lines(lines, notes, color=GREY, spacing=1.45, hang=hang)
        sign = font(12)
        step = metrics(sign).height() * 1.5
        self.y += mm(8)
        self.ensure(step * 2)
        for text in (self.report.issued_by, cn_day(self.report.issued_on)):
            width = metrics(sign).horizontalAdvance(text)
            self.add(_text_op(LEFT + CONTENT_W - width - mm(8), self.y, text, sign))
            self.y += step

    def chart(self, chart: Chart) -> None:
        picture = self.pictures.get(chart)
        if picture is None:  # no chart could be drawn (no display for widgets): its figures as a table
            self.table(chart_table(chart))
            return
        source = picture.boundingRect()
        width = CONTENT_W
        height = width * source.height() / max(source.width(), 1)
        self.ensure(height + mm(4))
        top = self.y + mm(1)

        def draw(p: QPainter, picture=picture, source=source, top=top) -> None:
            p.save()
            p.translate(LEFT, top)
            # drawPicture scales the recorded (screen) pixels to the device's resolution itself
            scale = width / (source.width() * p.device().logicalDpiX() / picture.logicalDpiX())
            p.scale(scale, scale)
            p.drawPicture(QPointF(-source.left(), -source.top()), picture)
            p.restore()
        self.add(draw)
        self.y = top + height + mm(4)

    def table(self, table: Table) -> None:
        columns = table.columns or (Column(""),)
        size, widths = _column_widths(table, columns)
        body, head = font(size), font(size, bold=True)
        line_h = metrics(body).height() * 1.15
        title_f = font(11.5, bold=True)
        title_lines = wrap(table.title, title_f, CONTENT_W) if table.title else []
        title_h = len(title_lines) * metrics(title_f).height() * 1.4
        header_lines = [wrap(c.title, head, w - 2 * CELL_PAD_X) for c, w in zip(columns, widths, strict=True)]
        header_h = max(len(ls) for ls in header_lines) * line_h + 2 * CELL_PAD_Y
        rows = [tuple(row) for row in table.rows] or [None]
        x_left = LEFT + (CONTENT_W - sum(widths)) / 2

        def row_cells(row) -> list[list[str]] | None:
            if row is None:
                return None
            return [wrap(cell_text(v, c.kind), body, w - 2 * CELL_PAD_X)
                    for v, c, w in zip(row, columns, widths, strict=False)]

        def draw_row(cells: list[list[str]], top: float, height: float, f: QFont, fill: QColor | None,
                     header: bool) -> None:
            if cells is None:  # a table without rows: one cell across, "无"
                self.add(_cell_op(QRectF(x_left, top, sum(widths), height), ["无"], f, line_h, "center", None))
                return
            x = x_left
            for i, (column, width) in enumerate(zip(columns, widths, strict=True)):
                lines = cells[i] if i < len(cells) else [""]
                align = "left" if column.kind == TEXT and not header else "center"
                self.add(_cell_op(QRectF(x, top, width, height), lines, f, line_h, align, fill))
                x += width

        def heading(continued: bool) -> None:
            if title_lines:
                lines = list(title_lines)
                if continued:
                    lines[-1] += "(续)"
                for line in lines:
                    self.add(_text_op(x_left, self.y, line, title_f))
                    self.y += metrics(title_f).height() * 1.4
            draw_row(header_lines, self.y, header_h, head, HEAD_FILL, True)
            self.y += header_h

        cells = [row_cells(row) for row in rows]
        heights = [max(len(c) for c in row or [["无"]]) * line_h + 2 * CELL_PAD_Y for row in cells]
        whole = title_h + header_h + sum(heights) + mm(2)
        # a short table stays on one page; a long one starts with at least two rows
        keep = whole if len(rows) <= KEEP_TOGETHER and whole <= BODY_BOTTOM - BODY_TOP else \
            title_h + header_h + sum(heights[:2]) + mm(2)
        self.ensure(keep)
        self.y += mm(1)
        heading(False)
        for i, (row, height) in enumerate(zip(cells, heights, strict=True)):
            alone = i == len(rows) - 2 and self.y + height + heights[-1] > BODY_BOTTOM
            if self.y + height > BODY_BOTTOM or (alone and i > 1):  # never one row alone under a "(续)"
                self.new_page()
                heading(True)
            draw_row(row, self.y, height, body, None, False)
            self.y += height
        if table.note:
            note = font(9)
            self.y += mm(1)
            self.lines(wrap(table.note, note, CONTENT_W), note, x=x_left, color=GREY, spacing=1.4)
        self.y += mm(4)


def _cell_op(rect: QRectF, lines: list[str], f: QFont, line_h: float, align: str, fill: QColor | None) -> Op:
    m = metrics(f)
    top = rect.top() + (rect.height() - len(lines) * line_h) / 2

    def draw(p: QPainter) -> None:
        if fill is not None:
            p.fillRect(rect, fill)
        p.setPen(QPen(RULE, pt(0.5)))
        p.drawRect(rect)
        p.setFont(f)
        p.setPen(INK)
        for i, line in enumerate(lines):
            if align == "left":
                x = rect.left() + CELL_PAD_X
            else:
                x = rect.left() + (rect.width() - m.horizontalAdvance(line)) / 2
            p.drawText(QPointF(x, top + i * line_h + (line_h - m.height()) / 2 + m.ascent()), line)
    return draw


_UNBROKEN = re.compile(r"[!-~]+")  # a run of ASCII without spaces


def _column_widths(table: Table, columns: tuple[Column, ...]) -> tuple[float, list[float]]:
    """The font size and the columns' widths: figures keep their width, text columns share what is left
    and wrap; a table too wide is first set smaller (down to 8.5 pt), then its text wraps."""
    for size in (9.5, 9, 8.5, 8, 7.5, 7):
        f = metrics(font(size))
        head = metrics(font(size, bold=True))
        natural, floor = [], []
        for i, column in enumerate(columns):
            texts = [cell_text(row[i] if i < len(row) else None, column.kind) for row in table.rows[:400]]
            cells = [f.horizontalAdvance(text) for text in texts]
            # a case number, a time, a figure is never broken: the widest of them is the column's least width
            words = {w for text in texts for w in _UNBROKEN.findall(text)} if column.kind == TEXT else set()
            floor.append(max((f.horizontalAdvance(w) for w in words), default=0.0) + 2 * CELL_PAD_X + pt(1))
            title = head.horizontalAdvance(column.title)
            widest_cell = max(cells, default=0.0)
            # a header of four characters or more may wrap onto two lines over narrow figures
            chars = len(column.title)
            half = head.horizontalAdvance(column.title[: (chars + 1) // 2])
            header = title if column.kind == TEXT or chars < 4 or title <= widest_cell * 1.6 else half
            natural.append(max(widest_cell, header, f.horizontalAdvance("0000")) + 2 * CELL_PAD_X + pt(1))
        fixed = sum(w for w, c in zip(natural, columns, strict=True) if c.kind != TEXT)
        text_natural = sum(w for w, c in zip(natural, columns, strict=True) if c.kind == TEXT)
        if fixed + text_natural <= CONTENT_W:
            spare = (CONTENT_W - fixed - text_natural) / len(columns)
            return size, [w + spare for w in natural]
        text_room = CONTENT_W - fixed
        least = f.horizontalAdvance("中" * 4) + 2 * CELL_PAD_X
        texts = [i for i, c in enumerate(columns) if c.kind == TEXT]
        if (text_room >= least * len(texts) and size <= 8.5) or size == 7:  # smaller type before wrapping
            widths = list(natural)
            room, left = max(text_room, least * len(texts)), sorted(texts, key=lambda i: natural[i])
            while left:  # the narrow text columns keep their width; the wide ones share the rest and wrap
                even = room / len(left)
                settled = [i for i in left if natural[i] <= even or floor[i] >= even]
                if not settled:
                    for i in left:
                        widths[i] = even
                    break
                for i in settled:
                    widths[i] = natural[i] if natural[i] <= even else floor[i]
                    room -= widths[i]
                    left.remove(i)
            if sum(widths) > CONTENT_W:  # the smallest type still overflows: squeeze every column alike
                widths = [w * CONTENT_W / sum(widths) for w in widths]
            return size, widths
    raise AssertionError("unreachable")


def chart_table(chart: Chart) -> Table:
    """A chart's figures as a table (when the chart itself cannot be drawn)."""
    columns = (Column("", TEXT), *(Column(s.name, s.kind) for s in chart.series))
    rows = tuple((label, *(s.values[i] for s in chart.series)) for i, label in enumerate(chart.labels))
    return Table(chart.sheet, chart.title, columns, rows)


def lay_out(report: Report, pictures: dict[Chart, QPicture] | None = None) -> Layout:
    """Pages of the report; `pictures`: its charts recorded on the GUI thread (charts.chart_pictures); without
    them, on the GUI thread they are drawn now, elsewhere their figures are written as tables."""
    if pictures is None:
        pictures = _pictures_now(report)
    return Layout(report, _Composer(report, pictures).compose())


def _pictures_now(report: Report) -> dict[Chart, QPicture]:
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not report.charts() or app is None or QThread.currentThread() is not app.thread():
        return {}
    from app.ui.reports.charts import chart_pictures

    return chart_pictures(report)


def paint_page(painter: QPainter, layout: Layout, index: int) -> None:
    """Page `index` (0-based) with its furniture: the running head from page 2, "第 X 页 共 Y 页" on every page."""
    r = layout.report
    if index:
        head = font(9)
        left = r.title + (f"({r.subtitle})" if r.subtitle and not r.subtitle.startswith("(") else r.subtitle)
        _text_op(LEFT, mm(12), left, head, GREY)(painter)
        width = metrics(head).horizontalAdvance(r.period)
        _text_op(LEFT + CONTENT_W - width, mm(12), r.period, head, GREY)(painter)
        _line_op(LEFT, mm(12) + metrics(head).height() + pt(2), LEFT + CONTENT_W,
                 mm(12) + metrics(head).height() + pt(2), RULE, pt(0.5))(painter)
    for op in layout.pages[index]:
        op(painter)
    foot = font(9.5)
    _centered_op(PAGE_H - mm(14), f"第 {index + 1} 页 共 {layout.page_count} 页", foot, GREY)(painter)


def write_pdf(report: Report, path: str | os.PathLike, force: bool = False, protected: Iterable[Path] = (),
              pictures: dict[Chart, QPicture] | None = None) -> Path:
    """Writes the report as a PDF at `path` through output_files (a temporary file renamed when complete;
    an existing file only with `force`; never the database in `protected`). Returns the path written."""
    ensure_application()
    layout = lay_out(report, pictures)
    private = report.kind == "daily"  # the reminder lists carry case numbers; the others only figures
    with written_whole(path, force=force, protected=protected, private=private, suffix=".pdf.part") as temp:
        writer = QPdfWriter(str(temp))
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0)))
        writer.setResolution(RES)
        writer.setTitle(f"{report.title}{report.subtitle}({report.period})")
        writer.setCreator(report.issued_by)
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(0, "the PDF could not be started", str(path))
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for index in range(layout.page_count):
                if index:
                    writer.newPage()
                paint_page(painter, layout, index)
        finally:
            painter.end()
    return Path(path)


def page_images(layout: Layout, dpi: float = 96) -> list[QImage]:
    """Every page drawn as an image at `dpi`, for the preview (any thread)."""
    images = []
    for index in range(layout.page_count):
        image = QImage(round(PAGE_W * dpi / RES), round(PAGE_H * dpi / RES), QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(RES / 0.0254))  # point sizes as in the PDF; the painter scales down
        image.setDotsPerMeterY(round(RES / 0.0254))
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        painter.scale(dpi / RES, dpi / RES)
        paint_page(painter, layout, index)
        painter.end()
        images.append(image)
    return images

