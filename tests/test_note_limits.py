"""Notes of link-repeat, contact, dispatch and the other actions have a limit (2000 characters), in the service
(both backends) and in the action dialog, so that no 5 MB note reaches the append-only timeline."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.models import CaseEvent
from app.services import lifecycle as L
from app.services.errors import ValidationFailed
from app.services.validation import MAX_LENGTH
from tests.conftest import make_actor
from tests.factories import case_in_state, directory
from tests.test_cases_tab import make_tab, open_case, settle, status_of
from tests.ui_helpers import console, type_text

LIMIT = MAX_LENGTH["note"]
HUGE = "长" * 5_000_000


def events(sf) -> list[str | None]:
    with sf() as s:
        return list(s.scalars(select(CaseEvent.note).order_by(CaseEvent.id)))


@pytest.mark.parametrize("action, state", [
    ("link_repeat", "dispatched"), ("contact", "accepted"), ("dispatch", "new"), ("approve_return", "returned"),
    ("merge", "new"), ("close", "new"), ("request_return", "accepted"),
])
def test_a_note_beyond_the_limit_is_refused_and_nothing_is_written(sf, system, action, state):
    ref = case_in_state(sf, system, state)
    if action == "approve_return":  # a return waiting for the dispatcher
        ref = case_in_state(sf, system, "accepted")
        L.request_return(sf, system, ref.id, "不属于本单位")
    street = directory(sf).unit_by_name("太平桥街道").id
    calls = {
        "link_repeat": lambda note: L.link_repeat_call(sf, system, ref.id, note),
        "contact": lambda note: L.record_contact(sf, system, ref.id, note),
        "dispatch": lambda note: L.dispatch(sf, system, ref.id, street, note),
        "approve_return": lambda note: L.approve_return(sf, system, ref.id, note),
        "merge": lambda note: L.merge(sf, system, ref.id, original, note),
        "close": lambda note: L.close(sf, system, ref.id, note),
        "request_return": lambda note: L.request_return(sf, system, ref.id, note),
    }
    original = case_in_state(sf, system, "new").id if action == "merge" else None
    before = events(sf)
    field = "reason" if action == "request_return" else "note"
    for note in (HUGE, "长" * (LIMIT + 1)):
        with pytest.raises(ValidationFailed) as refused:
            calls[action](note)
        assert [(p.field, p.code, p.detail) for p in refused.value.problems] == [(field, "too_long", str(LIMIT))]
        assert events(sf) == before
    calls[action]("长" * LIMIT)  # the limit itself is fine
    assert any(note and note.endswith("长" * LIMIT) for note in events(sf)[len(before):])


def test_the_action_dialog_says_a_note_is_too_long_and_will_not_send_it(qtbot, sqlite_url):
    admin = console(sqlite_url)
    ref = case_in_state(admin.sf, make_actor("admin"), "accepted")
    ctx = console(sqlite_url, "handler", status_of(admin.sf, ref.id).unit_id)
    tab = make_tab(qtbot, ctx)
    open_case(qtbot, tab, ref.case_no)
    qtbot.mouseClick(tab.action_buttons["contact"], Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.text.placeholderText() == f"最多 {LIMIT} 字"
    type_text(qtbot, dialog.text, "联" * (LIMIT + 1))  # pasted or typed: one commit of the input method
    assert not ok.isEnabled() and dialog.problem.text() == f"说明太长(最多 {LIMIT} 字)"
    qtbot.keyClick(dialog.text, Qt.Key.Key_Backspace)
    assert ok.isEnabled() and dialog.problem.text() == ""
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot, tab)  # the action, then the reloads it starts
    assert status_of(ctx.sf, ref.id).contacted_at is not None
    assert events(ctx.sf)[-1] == "联" * LIMIT
