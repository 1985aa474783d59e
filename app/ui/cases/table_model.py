"""The cases table over the whole database: pages of 200 rows fetched in a worker as the view scrolls,
sorted and filtered by the database; each page continues after the last row held (keyset paging)."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.messages import code_label, error_text, status_name, tr
from app.services import case_queries, clock
from app.services.case_queries import CaseFilter, CaseRow
from app.ui.context import AppContext
from app.ui.icons import CONTACT_MISSED, NEARLY_OVERDUE, OVERDUE, icon
from app.ui.workers import JobRunner

ROOT = QModelIndex()
OVERDUE_BG = QBrush(QColor("#fbe3e1"))
NEARLY_BG = QBrush(QColor("#fff1d0"))
OVERDUE_FG = QBrush(QColor("#a1160a"))
NEARLY_FG = QBrush(QColor("#8a4b00"))


def when_text(moment, now) -> str:
    """'08-12 10:00' this year; '2024-08-12 10:00' for another year."""
    return f"{moment:%m-%d %H:%M}" if moment.year == now.year else f"{moment:%Y-%m-%d %H:%M}"


def mark_label(mark: str | None) -> str:
    """The word before a deadline with a mark (deadline_mark); none without one."""
    return {OVERDUE: tr("超期"), CONTACT_MISSED: tr("联系超时"), NEARLY_OVERDUE: tr("将超期")}.get(mark, "")


def deadline_text_sample() -> list[str]:
    """The widest texts of the deadline column, for its default width."""
    return [f"{mark_label(mark)} 2022-09-07 14:43" for mark in (OVERDUE, CONTACT_MISSED, NEARLY_OVERDUE)]


def deadline_mark(r: CaseRow) -> str | None:
    """The icon of a row's deadline cell: overdue, then a missed contact, then nearly overdue."""
    return OVERDUE if r.overdue else CONTACT_MISSED if r.contact_missed else NEARLY_OVERDUE if r.nearly_overdue else None


# (header, sort key in the database or None)
COLUMNS = (
    (QT_TRANSLATE_NOOP("cases", "工单号"), "case_no"), (QT_TRANSLATE_NOOP("cases", "受理时间"), "received_at"),
    (QT_TRANSLATE_NOOP("cases", "状态"), "status"), (QT_TRANSLATE_NOOP("cases", "答复时限"), "reply_deadline"),
    (QT_TRANSLATE_NOOP("cases", "紧急"), None), (QT_TRANSLATE_NOOP("cases", "类型"), None),
    (QT_TRANSLATE_NOOP("cases", "分类"), None), (QT_TRANSLATE_NOOP("cases", "街道"), None),
    (QT_TRANSLATE_NOOP("cases", "社区"), None), (QT_TRANSLATE_NOOP("cases", "承办单位"), None),
    (QT_TRANSLATE_NOOP("cases", "来电号码"), None), (QT_TRANSLATE_NOOP("cases", "诉求内容"), None),
)


class CaseTableModel(QAbstractTableModel):
    """Rows of the current filter and order; `loading(bool)` while a page is read, `failed(text)` on error."""

    loading = Signal(bool)
    failed = Signal(str)
    page_loaded = Signal(int)  # rows now held

    def __init__(self, ctx: AppContext, parent=None, page_size: int = case_queries.PAGE_SIZE):
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = page_size
        self.rows: list[CaseRow] = []
        self.filter = CaseFilter()
        self.sort_key = "received_at"
        self.descending = True
        self.exhausted = True
        self.after: tuple | None = None
        self.busy = False
        self.jobs = JobRunner(self)
        self.row_jobs = JobRunner(self)

    # ------------------------------------------------------------ queries

    def set_query(self, flt: CaseFilter | None = None, sort_key: str | None = None,
                  descending: bool | None = None) -> None:
        """Start over with a new filter and/or order; the first page is read in a worker."""
        self.filter = flt if flt is not None else self.filter
        self.sort_key = sort_key or self.sort_key
        self.descending = self.descending if descending is None else descending
        self.beginResetModel()
        self.rows = []
        self.after = None  # the sort key of the last row read: the next page continues after it
        self.exhausted = False
        self.endResetModel()
        self._read_page()

    def refresh(self) -> None:
        self.set_query()

    def canFetchMore(self, parent=ROOT) -> bool:  # noqa: N802 (Qt override)
        return not parent.isValid() and not self.exhausted and not self.busy

    def fetchMore(self, parent=ROOT) -> None:  # noqa: N802 (Qt override)
        if self.canFetchMore(parent):
            self._read_page()

    def _read_page(self) -> None:
        self.busy = True
        self.loading.emit(True)
        self.jobs.start(case_queries.fetch_page, self.ctx.read_sf, self.filter, self.sort_key, self.descending,
                        self.after, self.page_size, self.ctx.actor, latest_only=True,
                        on_done=self._page_read, on_error=self._page_failed)

    def _page_read(self, page) -> None:
        self.busy = False
        if page.after == self.after and page.rows:
            # a held case that an action moved further down the order (refreshed: another state or deadline)
            # comes again in a later page: it stays where it is shown, once
            held = {r.id for r in self.rows}
            rows = [r for r in page.rows if r.id not in held]
            if rows:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
                self.rows.extend(rows)
                self.endInsertRows()
            # the last row as read (refresh_case may change a held row's state or deadline later)
            self.after = case_queries.page_key(page.rows[-1], self.sort_key)
            if not rows and not page.exhausted:  # nothing new to show: the view would not ask again
                self._read_page()
                return
        self.exhausted = page.exhausted
        self.loading.emit(False)
        self.page_loaded.emit(len(self.rows))

    def _page_failed(self, exc: Exception) -> None:
        self.busy = False
        self.exhausted = True
        self.loading.emit(False)
        self.failed.emit(error_text(exc))

    def refresh_case(self, case_id: int) -> None:
        """Re-read one row (after an action) without losing the rows already fetched."""
        self.row_jobs.start(case_queries.case_row, self.ctx.read_sf, case_id, self.ctx.actor,
                            on_done=self._row_read)

    def _row_read(self, row: CaseRow | None) -> None:
        if row is None:
            return
        for i, r in enumerate(self.rows):
            if r.id == row.id:
                self.rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
                return

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        if key is not None:
            self.set_query(sort_key=key, descending=order == Qt.SortOrder.DescendingOrder)

    def sort_column(self) -> int:
        return next(i for i, (_h, k) in enumerate(COLUMNS) if k == self.sort_key)

    # ------------------------------------------------------------ the table

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt override)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("cases", COLUMNS[section][0])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return tr("点击表头按此列排序(在数据库中排序)") if COLUMNS[section][1] else tr("此列不能排序")
        return None

    def row_at(self, row: int) -> CaseRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            return OVERDUE_BG if r.overdue else NEARLY_BG if r.nearly_overdue or r.contact_missed else None
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return OVERDUE_FG if r.overdue else NEARLY_FG if r.nearly_overdue or r.contact_missed else None
        if role == Qt.ItemDataRole.DecorationRole and col == 3:
            mark = deadline_mark(r)
            return icon(mark) if mark else None
        if role == Qt.ItemDataRole.ToolTipRole and col in (3, 11):
            return r.summary if col == 11 else self._deadline_tip(r)
        if role == Qt.ItemDataRole.ToolTipRole and col in (2, 6, 7, 8, 9):  # names a narrow column may cut
            return self._text(r, col) or None
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def _text(self, r: CaseRow, col: int) -> str:
        units = self.ctx.directory.units
        if col == 0:
            return r.case_no
        if col == 1:
            return f"{r.received_at:%Y-%m-%d %H:%M}"
        if col == 2:
            return status_name(r.status) + (f"·{code_label('pending', r.pending_request)}" if r.pending_request else "")
        if col == 3:
            if r.reply_deadline is None:
                return ""
            mark = mark_label(deadline_mark(r))
            return (mark + " " if mark else "") + when_text(r.reply_deadline, clock.now())
        if col == 4:
            return code_label("urgency", r.urgency)
        if col == 5:
            return code_label("request_type", r.request_type)
        if col == 6:
            c = self.ctx.directory.categories.get(r.category_id)
            return c.name if c else ""
        if col in (7, 8, 9):
            u = units.get((r.street_id, r.community_id, r.unit_id)[col - 7])
            return u.name if u else ""
        if col == 10:
            return r.caller_phone or ""
        return r.summary

    def _deadline_tip(self, r: CaseRow) -> str:
        if r.reply_deadline is None:
            return ""
        lines = [tr("答复时限 {t}").format(t=f"{r.reply_deadline:%Y-%m-%d %H:%M}")]
        if r.overdue:
            lines.append(tr("已超过答复时限"))
        elif r.nearly_overdue:
            lines.append(tr("即将超过答复时限"))
        if r.contact_missed:
            lines.append(tr("联系时限已过,尚未联系诉求人"))
        return "\n".join(lines)
