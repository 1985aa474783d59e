"""Intake of a request whose category is routed to the hotline centre (政策咨询) but not answered at once."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import StatDaily
from app.services import case_queries as Q
from app.services import lifecycle as L
from app.services.errors import ValidationFailed
from tests.factories import directory, form


def test_consultation_not_answered_at_once_waits_for_the_dispatcher(sf, system):
    d = directory(sf)
    f = form(sf, category="政策咨询", request_type="consultation")
    with sf() as s:
        assert L.suggest_unit(s, f.category_id, f.street_id) == d.hotline_centre().id
    ref = L.create_case(sf, system, f)
    # the hotline centre takes no dispatched case: the case stays new instead of failing
    assert (ref.status, ref.unit_id) == ("new", None)
    street = d.unit_by_name("右安门街道").id
    sent = L.dispatch(sf, system, ref.id, street)
    assert (sent.status, sent.unit_id) == ("dispatched", street)
    with sf() as s:
        assert s.scalar(select(StatDaily.received).where(StatDaily.unit_id == street)) == 1


def test_an_explicit_unit_that_takes_no_case_is_still_refused(sf, system):
    d = directory(sf)
    f = form(sf, category="政策咨询", request_type="consultation")
    f.unit_id = d.hotline_centre().id
    with pytest.raises(ValidationFailed) as err:
        L.create_case(sf, system, f)
    assert [(p.field, p.code) for p in err.value.problems] == [("unit", "not_allowed")]


def test_the_intake_preview_never_suggests_a_unit_that_dispatch_refuses(sf, system):
    d = directory(sf)
    f = form(sf, category="政策咨询", request_type="consultation")
    preview = Q.intake_preview(sf, f.category_id, f.street_id, "normal")
    assert (preview.unit_id, preview.refused_unit_id) == (None, d.hotline_centre().id)
    assert L.create_case(sf, system, f).unit_id == preview.unit_id  # what the preview says is what saving does
    ramp = form(sf)  # 无障碍设施 goes to the street
    preview = Q.intake_preview(sf, ramp.category_id, ramp.street_id, "normal")
    assert (preview.unit_id, preview.refused_unit_id) == (ramp.street_id, None)
    assert L.create_case(sf, system, ramp).unit_id == preview.unit_id
