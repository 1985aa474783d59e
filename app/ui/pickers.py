"""Search pickers shared by the intake and cases tabs: places and units by Chinese or pinyin, the category tree."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QTreeView, QVBoxLayout, QWidget

from app.services.directory import Directory
from app.services.places import NameEntry, PlaceIndex, matches, name_entry

_INDEXES: dict[int, tuple[Directory, PlaceIndex]] = {}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
LEAF_ROLE = Qt.ItemDataRole.UserRole + 2
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 3  # the NameEntry (pinyin) a filter matches against


def refill_combo(combo: QComboBox, items: list[tuple[int, str]]) -> None:
    """A filter's items after its first ("all") given again, (id, text) each; what was chosen stays chosen
    (by id), and the combo says nothing about it (no currentIndexChanged)."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for id_, text in items:
        combo.addItem(text, id_)
    combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
    combo.blockSignals(False)


def place_index(directory: Directory) -> PlaceIndex:
    """One pinyin index per loaded Directory (building it costs a few tens of milliseconds)."""
    cached = _INDEXES.get(id(directory))
    if cached is None or cached[0] is not directory:
        cached = (directory, PlaceIndex(directory))
        _INDEXES[id(directory)] = cached
    return cached[1]


class NamePicker(QLineEdit):
    """A line edit that finds a named thing as the user types Chinese or pinyin; Enter takes the best match.

    `chosen(id or None)` is emitted whenever the picked id changes. The match list always belongs to the
    text in the field: `set_value` drops it, and a list found for another text than the one now in the
    field (after `clear()` or `setText`) is never used, so leaving an empty field picks nothing.
    """

    chosen = Signal(object)

    def __init__(self, finder: Callable[[str], list[NameEntry]], placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._finder = finder
        self._entries: list[NameEntry] = []
        self._query = ""  # the text self._entries were found for
        self._id: int | None = None
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        self._completer.activated[str].connect(self._take_name)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.textEdited.connect(self._refresh)
        self.returnPressed.connect(self._take_best)
        self.editingFinished.connect(self._settle)

    @property
    def value(self) -> int | None:
        return self._id

    def set_value(self, item_id: int | None, name: str = "") -> None:
        self._drop_matches()
        self.setText(name if item_id is not None else "")
        self._set_id(item_id)

    def suggestions(self) -> list[str]:
        return [e.name for e in self._current_entries()]

    def forget_matches(self) -> None:
        """The finder's answers changed (another street chosen): matches are looked up again when needed."""
        self._entries = []
        self._query = ""

    def _drop_matches(self) -> None:
        self.forget_matches()
        self._model.clear()
        self._completer.popup().hide()

    def _current_entries(self) -> list[NameEntry]:
        """The matches of the text now in the field (never those of an earlier text)."""
        text = self.text()
        if text != self._query:
            return self._finder(text) if text.strip() else []
        return self._entries

    def _set_id(self, item_id: int | None) -> None:
        if item_id != self._id:
            self._id = item_id
            self.chosen.emit(item_id)

    def _refresh(self, text: str) -> None:
        self._entries = self._finder(text) if text.strip() else []
        self._query = text
        self._model.clear()
        for e in self._entries:
            self._model.appendRow(QStandardItem(e.name))
        exact = next((e for e in self._entries if e.name == text), None)
        self._set_id(exact.id if exact else None)

    def _take_name(self, name: str) -> None:
        entry = next((e for e in self._current_entries() if e.name == name), None)
        if entry is None:  # the completer's popup shows the names of the current matches
            entry = next((e for e in self._entries if e.name == name), None)
        if entry is not None:
            self.setText(entry.name)
            self._set_id(entry.id)

    def keyPressEvent(self, event):  # noqa: N802 (Qt override)
        """Enter that picks a match is used up here; Enter on a field already picked goes on (to a dialog's OK)."""
        picking = (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._id is None
                   and bool(self._current_entries()))
        super().keyPressEvent(event)
        if picking:
            event.accept()

    def focusOutEvent(self, event):  # noqa: N802 (Qt override)
        """Leaving the field settles it, whether or not the completer's popup is still up (editingFinished is
        not emitted while it is); the popup opening takes the focus too (PopupFocusReason): that is no leaving."""
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self._completer.popup().hide()
            self._settle()
        super().focusOutEvent(event)

    def _take_best(self) -> None:
        entries = self._current_entries()
        if self._id is None and entries:
            self._take_name(entries[0].name)
        self._completer.popup().hide()

    def _settle(self) -> None:
        """Leaving the field: an unambiguous match of the text in it is taken; an empty field or text that
        names nothing picks nothing."""
        if self._id is not None or not self.text().strip():
            return
        entries = self._current_entries()
        if len(entries) == 1:
            self._take_name(entries[0].name)


class _CategoryFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.query = ""
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self.query = text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row, parent):  # noqa: N802 (Qt override)
        if not self.query:
            return True
        entry = self.sourceModel().index(row, 0, parent).data(ENTRY_ROLE)
        return entry is not None and matches(entry, self.query)


def street_and_community(directory: Callable[[], Directory], street_placeholder: str,
                         community_placeholder: str, parent: QWidget) -> tuple[NamePicker, NamePicker]:
    """A street picker and a community picker that searches the chosen street's communities.

    Choosing another street clears a community of a different street. `directory` gives the one in use
    (`lambda: ctx.directory`): they search the units in use at the time of each search (an
    administrator's edit included).
    """
    street = NamePicker(lambda q: place_index(directory()).find_streets(q), street_placeholder, parent)
    community = NamePicker(lambda q: place_index(directory()).find_communities(q, street.value),
                           community_placeholder, parent)

    def street_chosen(street_id) -> None:
        community.forget_matches()  # they were found among another street's communities
        chosen = directory().units.get(community.value) if community.value else None
        if chosen is not None and street_id is not None and chosen.parent_id != street_id:
            community.set_value(None)

    street.chosen.connect(street_chosen)
    return street, community


class CategoryPicker(QWidget):
    """A filter line over the category tree (key topics marked ★ with their year); only leaves can be chosen."""

    chosen = Signal(object)

    def __init__(self, directory: Directory, key_topic_year: int | None, leaves_only: bool = True,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.directory = directory
        self._id: int | None = None
        self.leaves_only = leaves_only
        self.filter = QLineEdit(self)
        self.filter.setObjectName("categoryFilter")
        self.filter.setPlaceholderText(self.tr("输入分类名称或拼音首字母筛选,↓ 进入列表"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeView(self)
        self.tree.setObjectName("categoryTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.model = QStandardItemModel(self)
        self.key_topic_year = key_topic_year
        self._fill(directory)
        self.proxy = _CategoryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree.setModel(self.proxy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.filter.textEdited.connect(self._filter)
        self.filter.returnPressed.connect(self._take_first_leaf)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.filter.installEventFilter(self)
        self.setFocusProxy(self.filter)

    def set_directory(self, directory: Directory) -> None:
        """The categories changed (an administrator's edit): the tree is built again, the choice kept."""
        chosen = self._id
        self.directory = directory
        self.model.clear()
        self._fill(directory)
        self.proxy.set_query(self.filter.text())
        if chosen is not None and chosen in directory.categories and directory.categories[chosen].active:
            self.set_value(chosen)
        elif chosen is not None:
            self._set_id(None)

    def _fill(self, directory: Directory) -> None:
        key_topic_year = self.key_topic_year
        topics = directory.key_topics.get(key_topic_year, {}) if key_topic_year else {}
        items: dict[int, QStandardItem] = {}
        for c in sorted(directory.categories.values(), key=lambda c: c.code):
            if not c.active:
                continue
            label = c.name + (self.tr(" ★{year}重点").format(year=key_topic_year) if c.id in topics else "")
            item = QStandardItem(label)
            item.setEditable(False)
            item.setData(c.id, ID_ROLE)
            item.setData(name_entry(c.id, c.name), ENTRY_ROLE)
            if c.id in topics:
                item.setToolTip(self.tr("{year} 年重点题目(每月一题)").format(year=key_topic_year))
            items[c.id] = item
            parent_item = items.get(c.parent_id) if c.parent_id else None
            (parent_item or self.model.invisibleRootItem()).appendRow(item)
        leaves = {c.id for c in directory.leaf_categories()}
        for cid, item in items.items():
            item.setData(cid in leaves, LEAF_ROLE)

    @property
    def value(self) -> int | None:
        return self._id

    def set_value(self, category_id: int | None) -> None:
        if category_id is None:
            self.filter.clear()
            self.proxy.set_query("")
            self.tree.collapseAll()
            self.tree.clearSelection()
            self.tree.setCurrentIndex(self.proxy.index(-1, -1))
            self._set_id(None)
            return
        for item in self._all_items():
            if item.data(ID_ROLE) == category_id:
                index = self.proxy.mapFromSource(item.index())
                if index.isValid():
                    self.tree.setCurrentIndex(index)
                self._set_id(category_id)
                return

    def _all_items(self):
        stack = [self.model.invisibleRootItem()]
        while stack:
            parent = stack.pop()
            for row in range(parent.rowCount()):
                child = parent.child(row)
                yield child
                stack.append(child)

    def _set_id(self, category_id: int | None) -> None:
        if category_id != self._id:
            self._id = category_id
            self.chosen.emit(category_id)

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        if text.strip():
            self.tree.expandAll()

    def _take_first_leaf(self) -> None:
        def first(parent):
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                if not self.leaves_only or index.data(LEAF_ROLE):
                    return index
                found = first(index)
                if found is not None:
                    return found
            return None
        index = first(self.tree.rootIndex())
        if index is not None:
            self.tree.setCurrentIndex(index)
            self.tree.setFocus()

    def _current_changed(self, current, _previous) -> None:
        if current.isValid() and (current.data(LEAF_ROLE) or not self.leaves_only):
            self._set_id(current.data(ID_ROLE))
        else:
            self._set_id(None)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if obj is self.filter and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            if not self.tree.currentIndex().isValid():
                self.tree.setCurrentIndex(self.proxy.index(0, 0))
            self.tree.setFocus()
            return True
        return super().eventFilter(obj, event)
