"""Citizens' phone numbers are masked, revealed only by a recorded action, hidden from the unit when confidential."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.messages import error_text
from app.models import ROLES, AccessLog
from app.services import privacy
from app.services.errors import PermissionDenied
from app.services.permissions import ADMIN_ALLOWED
from tests.case_states import case_in_state, places
from tests.conftest import make_actor


@pytest.mark.parametrize("raw, masked", [
    ("13812345678", "138****5678"),
    ("010-63812345", "010-****2345"),
    ("0311-8123456", "0311-***3456"),
    ("010-63812345-123", "010-****2345-123"),
    ("12345", "*2345"),
    ("", ""),
    (None, ""),
])
def test_phone_numbers_are_masked(raw, masked):
    assert privacy.mask_phone(raw) == masked


def _log(sf, action="reveal_phone"):
    with sf() as s:
        return s.execute(select(AccessLog.staff_id, AccessLog.workstation, AccessLog.case_id, AccessLog.at)
                         .where(AccessLog.action == action)).all()


def test_callback_clerk_reveals_number_and_it_is_recorded(sf):
    p = places(sf)
    case = case_in_state(sf, "replied", p)
    clerk = make_actor("callback", staff_id=None)
    view = privacy.caller_view(clerk, "王先生", "13812345678", False)
    assert (view.name, view.phone, view.can_reveal) == ("王先生", "138****5678", True)
    assert _log(sf) == []
    assert privacy.reveal_phone(sf, clerk, case.id) == "13812345678"
    [(staff_id, ws, case_id, at)] = _log(sf)
    assert (ws, case_id) == ("test-ws", case.id) and at is not None


@pytest.mark.parametrize("role", ROLES)
def test_who_may_reveal_a_number(sf, role):
    p = places(sf)
    case = case_in_state(sf, "dispatched", p)
    actor = make_actor(role, unit_id=p.street_id if role == "handler" else None)
    if role in ADMIN_ALLOWED["reveal_phone"]:
        assert privacy.reveal_phone(sf, actor, case.id) == "13812345678"
        assert len(_log(sf)) == 1
    else:
        with pytest.raises(PermissionDenied) as refused:
            privacy.reveal_phone(sf, actor, case.id)
        assert "查看完整号码" in error_text(refused.value)
        assert _log(sf) == []


def test_handler_of_another_unit_cannot_reveal(sf):
    p = places(sf)
    case = case_in_state(sf, "dispatched", p)
    with pytest.raises(PermissionDenied):
        privacy.reveal_phone(sf, make_actor("handler", unit_id=p.other_street_id), case.id)
    assert _log(sf) == []


def test_confidential_caller_is_hidden_from_the_unit(sf):
    p = places(sf)
    case = case_in_state(sf, "dispatched", p, confidential=True)
    handler = make_actor("handler", unit_id=p.street_id)
    view = privacy.caller_view(handler, "王先生", "13812345678", True)
    assert (view.name, view.phone, view.confidential, view.can_reveal) == (None, "", True, False)
    with pytest.raises(PermissionDenied) as refused:
        privacy.reveal_phone(sf, handler, case.id)
    assert "保密" in error_text(refused.value)
    assert _log(sf) == []
    dispatcher = make_actor("dispatcher")
    assert privacy.caller_view(dispatcher, "王先生", "13812345678", True).name == "王先生"
    supervisor = privacy.caller_view(make_actor("supervisor"), "王先生", "13812345678", True)
    assert (supervisor.name, supervisor.phone, supervisor.can_reveal) == ("王先生", "138****5678", False)
    assert privacy.reveal_phone(sf, dispatcher, case.id) == "13812345678"


@pytest.mark.parametrize("role", ROLES)
def test_export_of_personal_data_needs_permission_and_is_recorded(sf, role):
    actor = make_actor(role, unit_id=places(sf).street_id if role == "handler" else None)
    if role in ADMIN_ALLOWED["export_personal"]:
        privacy.record_export(sf, actor, "cases.csv", 120, "/tmp/cases.csv")
        with sf() as s:
            assert s.scalar(select(AccessLog.detail).where(AccessLog.action == "export")) == \
                "cases.csv: 120 rows → /tmp/cases.csv"
    else:
        with pytest.raises(PermissionDenied) as refused:
            privacy.record_export(sf, actor, "cases.csv", 120, "/tmp/cases.csv")
        assert "导出含个人信息的数据" in error_text(refused.value)
        assert _log(sf, "export") == []


def test_access_log_lists_reveals_with_case_numbers(sf):
    p = places(sf)
    case = case_in_state(sf, "replied", p)
    privacy.reveal_phone(sf, make_actor("callback"), case.id)
    entries = privacy.access_log(sf, make_actor("supervisor"))
    assert [(e.action, e.case_no, e.workstation) for e in entries] == [("reveal_phone", case.case_no, "test-ws")]
    with pytest.raises(PermissionDenied):
        privacy.access_log(sf, make_actor("dispatcher"))


def test_rows_for_a_tab_are_masked_for_the_viewer():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Row:
        case_no: str
        caller_name: str | None
        caller_phone: str | None
        confidential: bool

    plain = Row("2026030200001", "王先生", "13812345678", False)
    secret = Row("2026030200002", "李女士", "010-63812345", True)
    handler = make_actor("handler", unit_id=1)
    assert privacy.masked(handler, plain) == Row("2026030200001", "王先生", "138****5678", False)
    assert privacy.masked(handler, secret) == Row("2026030200002", None, None, True)
    assert privacy.masked(make_actor("callback"), secret) == Row("2026030200002", "李女士", "010-****2345", True)
    assert plain.caller_phone == "13812345678"  # the service's own row is left alone


@pytest.mark.parametrize(("text", "masked"), [
    ("请打13800138000", "请打***********"),
    ("2022-08-15下午漏水", "2022-08-15下午漏水"),
    ("2022-8-5 10:30 起噪音", "2022-8-5 10:30 起噪音"),
    ("2022-08-15 13800138000", "2022-08-15 ***********"),
    ("010-63821234", "************"),
    ("2022-13-45 号码", "********** 号码"),  # not a day: still starred
])
def test_free_text_loses_numbers_but_keeps_days(text, masked):
    assert privacy.mask_numbers(text) == masked
