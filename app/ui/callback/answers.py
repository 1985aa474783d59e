"""The three callback questions, their answers, and the single key that chooses each answer.

Keys sit under the left hand in three rows, one row per question, so that they never collide:
1 2 for contacted, Q W E for solved, A S D for satisfaction; F2 records "not reached";
R goes to the remark, F5 refreshes the queue, F6 goes to the queue.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from app.messages import tr


@dataclass(frozen=True)
class Choice:
    value: object  # stored value: True/False, "yes"/"partly"/"no", "satisfied"/"basic"/"unsatisfied"
    key: Qt.Key
    key_text: str


CONTACTED = (Choice(True, Qt.Key.Key_1, "1"), Choice(False, Qt.Key.Key_2, "2"))
RESOLVED = (Choice("yes", Qt.Key.Key_Q, "Q"), Choice("partly", Qt.Key.Key_W, "W"), Choice("no", Qt.Key.Key_E, "E"))
SATISFACTION = (Choice("satisfied", Qt.Key.Key_A, "A"), Choice("basic", Qt.Key.Key_S, "S"),
                Choice("unsatisfied", Qt.Key.Key_D, "D"))
NOT_REACHED_KEY = Qt.Key.Key_F2
REMARK_KEY = Qt.Key.Key_R
REFRESH_KEY = Qt.Key.Key_F5
QUEUE_KEY = Qt.Key.Key_F6  # to the queue: the arrow keys then open the case under the cursor


def listed(words) -> str:
    """Words one after the other as the language lists them: 未联系、未解决 / Not contacted, Not solved."""
    return tr("、").join(w for w in words if w)


def needs_reopen_offer(resolved: str, satisfaction: str) -> bool:
    """An unsolved (not or partly) or unsatisfied answer may send the case back to its unit."""
    return resolved in ("no", "partly") or satisfaction == "unsatisfied"


def reopen_by_default(resolved: str, satisfaction: str) -> bool:
    """Reopen is the default when the problem is not solved at all or the citizen is unsatisfied;
    for "partly solved" with a satisfied citizen, saving without reopening is."""
    return resolved == "no" or satisfaction == "unsatisfied"
