"""Per-user layout: column widths and order, splitter positions, kept in QSettings under the staff account
(several people share a workstation's computer account), and the main window fitted to the screen."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

from app.services.actors import Actor

SAVE_DELAY_MS = 400
# below this (1366×768, the common office screen, up to 1920×1080) the window opens maximised; above, this size
PREFERRED_SIZE = QSize(1800, 1100)


def settings_prefix(actor: Actor | None) -> str | None:
    """`layout/staff-<id>`; None without a staff account (nothing is remembered then)."""
    if actor is None or actor.staff_id is None:
        return None
    return f"layout/staff-{actor.staff_id}"


class LayoutMemory(QObject):
    """Restores remembered header and splitter states and saves them shortly after the user changes them."""

    def __init__(self, actor: Actor | None, area: str, parent: QObject | None = None):
        super().__init__(parent)
        prefix = settings_prefix(actor)
        self.prefix = f"{prefix}/{area}" if prefix else None
        self._items: dict[str, QHeaderView | QSplitter] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)

    def _saved(self, name: str) -> QByteArray | None:
        if self.prefix is None:
            return None
        value = QSettings().value(f"{self.prefix}/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def header(self, name: str, header: QHeaderView) -> bool:
        """Restores the header's remembered widths and order (True if there were any); remembers changes."""
        state = self._saved(name)
        sort_column, sort_order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        restored = False
        if state is not None:
            header.blockSignals(True)
            restored = header.restoreState(state)
            # the order of the rows is the model's, not the remembered one
            header.setSortIndicator(sort_column, sort_order)
            header.blockSignals(False)
        self._items[name] = header
        header.sectionResized.connect(self._changed)
        header.sectionMoved.connect(self._changed)
        return restored

    def splitter(self, name: str, splitter: QSplitter) -> bool:
        state = self._saved(name)
        restored = state is not None and splitter.restoreState(state)
        self._items[name] = splitter
        splitter.splitterMoved.connect(self._changed)
        return restored

    def _changed(self, *_args) -> None:
        if self.prefix is not None:
            self._timer.start()

    def save(self) -> None:
        self._timer.stop()
        if self.prefix is None:
            return
        settings = QSettings()
        for name, item in self._items.items():
            settings.setValue(f"{self.prefix}/{name}", item.saveState())


def fit_to_screen(window: QWidget, preferred: QSize = PREFERRED_SIZE) -> None:
    """Never taller or wider than the screen's available area: maximised on a small screen, else centred."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(preferred)
        return
    area = screen.availableGeometry()
    frame = 40  # title bar and borders, not known before the window is shown
    if area.width() < preferred.width() + frame or area.height() < preferred.height() + frame:
        window.resize(area.width() - 2 * 4, area.height() - frame)
        window.move(area.topLeft())
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.resize(preferred)
        window.move(area.center().x() - preferred.width() // 2, area.center().y() - (preferred.height() + frame) // 2)
