"""What the intake and cases tab tests share: a console context on a real SQLite file."""
from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.services.actors import Actor
from app.ui.application import make_application, open_context
from app.ui.context import AppContext
from tests.conftest import make_actor


def console(url: str, role: str = "admin", unit_id: int | None = None, actor: Actor | None = None) -> AppContext:
    make_application()
    return open_context(url, actor or make_actor(role, unit_id))


def wait_idle(qtbot, *workers, timeout: int = 5000) -> None:
    """Until the given tabs (or JobRunners) have no background work left: each one's is_busy() is false."""
    qtbot.waitUntil(lambda: not any(w.is_busy() for w in workers), timeout=timeout)


def type_text(qtbot, widget, text: str) -> None:
    """Types as a user does: keys for ASCII, an input-method commit (as a Chinese IME sends) for the rest."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
