"""The callback queue as a Qt table model over the rows the service returns (one page, oldest reply first)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.messages import tr
from app.services.callback_queue import QueueRow
from app.services.directory import Directory

OVERDUE = QColor("#c62828")
LATER = QColor("#8a8a8a")



class CallbackQueueModel(QAbstractTableModel):
    CASE_NO, REPLIED, DUE, UNIT, CATEGORY, STREET, ATTEMPTS = range(7)

    def __init__(self, directory: Directory, parent=None):
        super().__init__(parent)
        self._rows: list[QueueRow] = []
        self.directory = directory
        self._headers = [tr("工单号"), tr("答复时间"), tr("回访时限"), tr("承办单位"), tr("分类"), tr("街道"),
                         tr("未接通")]

    @property
    def directory(self) -> Directory:
        return self._directory

    @directory.setter
    def directory(self, directory: Directory) -> None:
        self._directory = directory
        # every unit is the district's: the list leaves out its name ("丰台区水务局" -> "水务局"; the tooltip has
        # it all); taken again with the directory, so a renamed district is cut off under its new name
        self._district = next((u.name for u in directory.units.values() if u.kind == "district"), "")

    # ---- reading
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.later or row.claimed_by:
                return QBrush(LATER)
            if col == self.DUE and row.overdue:
                return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.claimed_by:
                return tr("{who}正在回访此工单").format(who=row.claimed_by)
            if row.later and row.last_attempt_at is not None:
                return tr("{n} 次未接通,最近一次 {at},稍后再拨").format(n=row.attempts, at=f"{row.last_attempt_at:%H:%M}")
            if row.no_number:
                return tr("来电无号码,无法回访:记为未接通即办结(不计入三率)")
            if row.overdue:
                return tr("已超过回访时限")
            return self._details(row)
        if role == Qt.ItemDataRole.UserRole:
            return row.case_id
        return None

    def _unit_name(self, row: QueueRow) -> str:
        unit = self.directory.units.get(row.unit_id) if row.unit_id else None
        return unit.name if unit else ""

    def _details(self, row: QueueRow) -> str:
        """The row in full, for the tooltip (columns may be hidden or cut on a narrow screen)."""
        street = self.directory.units.get(row.street_id) if row.street_id else None
        return " · ".join(x for x in (tr("答复于 {at}").format(at=f"{row.replied_at:%m-%d %H:%M}"),
                                      self._unit_name(row), street.name if street else "") if x)

    def _text(self, row: QueueRow, col: int) -> str:
        d = self.directory
        if col == self.CASE_NO:
            return row.case_no
        if col == self.REPLIED:
            return f"{row.replied_at:%m-%d %H:%M}"
        if col == self.DUE:
            if row.callback_due is None:
                return ""
            text = f"{row.callback_due:%m-%d %H:%M}"
            return text + tr("(超时)") if row.overdue else text
        if col == self.UNIT:
            name = self._unit_name(row)
            short = name.removeprefix(self._district) if self._district else name
            return short or name
        if col == self.CATEGORY:
            cat = d.categories.get(row.category_id) if row.category_id else None
            return cat.name if cat else ""
        if col == self.STREET:
            street = d.units.get(row.street_id) if row.street_id else None
            return street.name if street else ""
        if col == self.ATTEMPTS:
            if row.claimed_by:
                return tr("{who}回访中").format(who=row.claimed_by)
            if row.no_number:
                return tr("无号码")
            return str(row.attempts) if row.attempts else ""
        return ""

    # ---- lookups
    def case_id(self, row: int) -> int | None:
        return self._rows[row].case_id if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.case_id == case_id), None)

    def case_ids(self) -> list[int]:
        return [r.case_id for r in self._rows]

    def next_after(self, case_id: int | None, skip: set[int] = frozenset()) -> int | None:
        """The case after `case_id` in the queue (the first if it is not in it), not in `skip` nor another clerk's."""
        ids = [r.case_id for r in self._rows if not r.claimed_by]
        start = ids.index(case_id) + 1 if case_id in ids else 0
        for candidate in ids[start:] + ids[:start]:
            if candidate != case_id and candidate not in skip:
                return candidate
        return None

    # ---- changing
    def remove_case(self, case_id: int) -> None:
        row = self.row_of(case_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def set_rows(self, rows: list[QueueRow]) -> None:
        """Replace the page; when only rows left or arrived at the end, change just those (the view keeps its place)."""
        new_ids = [r.case_id for r in rows]
        wanted = set(new_ids)
        kept = [r.case_id for r in self._rows if r.case_id in wanted]
        if kept != new_ids[: len(kept)]:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
            return
        for i in range(len(self._rows) - 1, -1, -1):
            if self._rows[i].case_id not in wanted:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
        for i, row in enumerate(rows[: len(self._rows)]):
            self._rows[i] = row
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))
        if len(rows) > len(self._rows):
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, len(rows) - 1)
            self._rows.extend(rows[first:])
            self.endInsertRows()
