"""The row of headline figures: each tile a value and its change against the previous period."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.ui.dashboard import chart_style as style

TONE_COLORS = {"good": style.TOP.name(), "bad": style.BOTTOM.name(), "neutral": style.AXIS.name()}


@dataclass(frozen=True)
class Tile:
    """`tone` colours the change: good (green), bad (red) or neutral (grey)."""

    key: str
    title: str
    value: str
    change: str
    tone: str = "neutral"
    tooltip: str = ""


class TileFrame(QFrame):
    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"tile_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#tile_{key} {{ background: white; border: 1px solid #E4E7ED; border-radius: 6px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(2)
        self.title = QLabel(self)
        self.title.setStyleSheet(f"color: {style.AXIS.name()};")
        self.value = QLabel(self)
        self.value.setObjectName("value")
        value_font = style.chart_font(19, bold=True)
        self.value.setFont(value_font)
        self.value.setStyleSheet(f"color: {style.TEXT.name()};")
        self.change = QLabel(self)
        self.change.setObjectName("change")
        self._tone = ""
        for label in (self.title, self.value, self.change):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        for label in (self.title, self.change):  # a long title or change (English, a partial period) wraps
            label.setWordWrap(True)              # instead of widening the row of tiles past the screen

    def show_tile(self, tile: Tile) -> None:
        self.title.setText(tile.title)
        self.value.setText(tile.value)
        self.change.setText(tile.change)
        if tile.tone != self._tone:  # a style sheet change re-polishes the label: only when it changes
            self._tone = tile.tone
            self.change.setStyleSheet(f"color: {TONE_COLORS.get(tile.tone, TONE_COLORS['neutral'])};")
        self.setToolTip(tile.tooltip)


class TilesWidget(QWidget):
    """Tiles are created once per key and updated in place on every refresh."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dashboardTiles")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(10)
        self.frames: dict[str, TileFrame] = {}

    def set_tiles(self, tiles: list[Tile]) -> None:
        for tile in tiles:
            frame = self.frames.get(tile.key)
            if frame is None:
                frame = self.frames[tile.key] = TileFrame(tile.key, self)
                self._layout.addWidget(frame, 1)
            frame.show_tile(tile)

    def values(self) -> dict[str, str]:
        return {key: frame.value.text() for key, frame in self.frames.items()}

    def changes(self) -> dict[str, str]:
        return {key: frame.change.text() for key, frame in self.frames.items()}
