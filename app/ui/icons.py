"""Icons shipped in resources/icons (SVG drawn for this project): no emoji, whose glyph depends on the fonts."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QIcon

from app.ui.i18n import I18N_DIR

ICON_DIR = I18N_DIR.parent / "icons"  # resources/icons, found the way the translations are

OVERDUE = "overdue"  # the reply deadline has passed
NEARLY_OVERDUE = "nearly_overdue"  # it passes within the configured hours
CONTACT_MISSED = "contact_missed"  # the contact deadline passed and the citizen was not contacted


def icon_path(name: str) -> Path:
    return ICON_DIR / f"{name}.svg"


@cache
def icon(name: str) -> QIcon:
    return QIcon(str(icon_path(name)))


def icon_img(name: str, size: int = 14) -> str:
    """An <img> for rich text (QTextBrowser, QLabel)."""
    url = QUrl.fromLocalFile(str(icon_path(name))).toString()
    return f"<img src='{url}' width='{size}' height='{size}' style='vertical-align:middle'>"
