"""A read-only table model over rows already in memory (tens or hundreds), one column per (title, getter).

The admin pages show the dataclass rows a service returned; the dashboard's tables show tuples of
display values (`RowsModel.of_tuples`).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Column = tuple[str, Callable[[Any], Any]]


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None, right_aligned: frozenset[int] = frozenset()):
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []
        self.right_aligned = right_aligned  # columns of figures

    @classmethod
    def of_tuples(cls, headers: Sequence[str], right_aligned: frozenset[int] = frozenset(), parent=None) -> RowsModel:
        """Rows are tuples of display values, one per header."""
        return cls([(h, itemgetter(i)) for i, h in enumerate(headers)], parent, right_aligned)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> Any:
        return self._rows[index]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def find(self, predicate: Callable[[Any], bool]) -> int:
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value = self._columns[index.column()][1](self._rows[index.row()])
        return "" if value is None else str(value)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None
