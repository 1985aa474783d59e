"""Who may make which report (issue 15): checked in the service, whatever the page offers."""
from __future__ import annotations

import pytest

from app.services.errors import PermissionDenied
from app.services.permissions import may_see_tab
from app.services.reports.allowed import check_report, report_scope
from tests.conftest import make_actor
from tests.factories import directory


def test_roles_and_their_reports(sqlite_sf):
    d = directory(sqlite_sf)
    community = d.unit_by_name("天伦北里社区")
    street = d.unit_by_name("太平桥街道")
    bureau = next(u for u in d.units.values() if u.kind == "bureau")
    for role in ("receptionist", "callback"):
        assert not may_see_tab(role, "reports")
        assert report_scope(make_actor(role), d).kinds == ()
        with pytest.raises(PermissionDenied):
            check_report(make_actor(role), d, "monthly")
    for role in ("dispatcher", "supervisor", "admin"):
        assert may_see_tab(role, "reports")
        assert report_scope(make_actor(role), d).kinds == ("daily", "monthly", "street")
        check_report(make_actor(role), d, "daily", unit="丰台区城管委")
        check_report(make_actor(role), d, "street", street="马家堡街道")
    # a community's handler: its own reminder and its street's health check, nothing else
    handler = make_actor("handler", unit_id=community.id)
    assert may_see_tab("handler", "reports")
    scope = report_scope(handler, d)
    assert (scope.kinds, scope.unit, scope.street) == (("daily", "street"), "天伦北里社区", "太平桥街道")
    check_report(handler, d, "daily", unit="天伦北里社区")
    check_report(handler, d, "street", street="太平桥街道")
    for kind, args in (("daily", {"unit": None}), ("daily", {"unit": "太平桥街道"}), ("monthly", {}),
                       ("street", {"street": "马家堡街道"})):
        with pytest.raises(PermissionDenied):
            check_report(handler, d, kind, **args)
    assert report_scope(make_actor("handler", unit_id=street.id), d).street == "太平桥街道"
    # a bureau belongs to no street: its reminder only
    assert report_scope(make_actor("handler", unit_id=bureau.id), d).kinds == ("daily",)
