"""Only an administrator edits units, categories, key topics and rules; rules are added from a date, never rewritten."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.messages import error_text
from app.models import ROLES, AccessLog, DeadlineRule, ScoringRule, Unit
from app.services import accounts, admin, knowledge, privacy
from app.services.errors import PermissionDenied, ValidationFailed
from app.services.permissions import ADMIN_ALLOWED
from app.services.rules import deadlines_for, int_setting, scoring_for
from tests.case_states import case_in_state, places
from tests.conftest import make_actor

ADMIN = make_actor("admin")
TODAY = date(2026, 3, 2)


def _codes(exc):
    return {(p.field, p.code) for p in exc.problems}


def test_admin_edits_a_units_name_population_and_active(sf):
    p = places(sf)
    row = admin.update_unit(sf, ADMIN, p.street_id, "  新名称街道 ", 123456, False)
    assert (row.name, row.population, row.active) == ("新名称街道", 123456, False)
    with sf() as s:
        assert s.get(Unit, p.street_id).name == "新名称街道"
        assert "新名称街道" in s.scalar(select(AccessLog.detail).where(AccessLog.action == "admin_unit"))
    with pytest.raises(ValidationFailed) as bad:
        admin.update_unit(sf, ADMIN, p.other_street_id, "新名称街道", -5, True)
    assert _codes(bad.value) == {("name", "duplicate"), ("population", "out_of_range")}


def test_admin_adds_a_community_under_a_street(sf):
    p = places(sf)
    row = admin.create_unit(sf, ADMIN, "X-NEW-1", "新建社区", "community", p.street_id, 8000)
    assert (row.level, row.parent_id, row.population) == (3, p.street_id, 8000)
    with pytest.raises(ValidationFailed) as bad:
        admin.create_unit(sf, ADMIN, "X-NEW-1", "再一个社区", "community", row.id)
    assert _codes(bad.value) == {("code", "duplicate"), ("parent", "not_allowed")}


def test_admin_edits_a_category_and_key_topics(sf):
    cats = admin.list_categories(sf)
    leaf = next(c for c in cats if c.parent_id is not None)
    row = admin.update_category(sf, ADMIN, leaf.id, leaf.name, "street", "complex", True)
    assert (row.default_handler, row.deadline_tier) == ("street", "complex")
    with pytest.raises(ValidationFailed) as bad:
        admin.update_category(sf, ADMIN, leaf.id, "", "NO-SUCH-UNIT", "slow", True)
    assert _codes(bad.value) == {("name", "required"), ("default_handler", "unknown"), ("deadline_tier", "not_allowed")}
    assert admin.list_key_topics(sf, 2027) == []
    topic = admin.set_key_topic(sf, ADMIN, 2027, leaf.id, "district")
    assert (topic.year, topic.category_name, topic.scope) == (2027, leaf.name, "district")
    admin.set_key_topic(sf, ADMIN, 2027, leaf.id, "municipal")
    assert [(t.category_id, t.scope) for t in admin.list_key_topics(sf, 2027)] == [(leaf.id, "municipal")]
    admin.remove_key_topic(sf, ADMIN, 2027, leaf.id)
    assert admin.list_key_topics(sf, 2027) == []
    assert len(admin.list_key_topics(sf, 2022)) == 13  # other years untouched


def test_new_deadline_rule_applies_from_its_date_only(sf):
    start = TODAY + timedelta(days=10)
    admin.add_deadline_rule(sf, ADMIN, "general", start, 12, 96, today=TODAY)
    with sf() as s:
        before = deadlines_for(s, "general", datetime(2026, 3, 5, 9))
        after = deadlines_for(s, "general", datetime.combine(start, datetime.min.time()) + timedelta(hours=9))
        assert s.scalar(select(func.count()).select_from(DeadlineRule)) == 5  # the old rule is still there
    assert before.reply_by - datetime(2026, 3, 5, 9) == timedelta(days=7)
    assert after.contact_by - after.reply_by == timedelta(hours=12 - 96)


def test_rules_cannot_be_back_dated_or_duplicated(sf):
    with pytest.raises(ValidationFailed) as bad:
        admin.add_deadline_rule(sf, ADMIN, "urgent", TODAY - timedelta(days=1), 48, 24, today=TODAY)
    assert _codes(bad.value) == {("effective_from", "in_past"), ("contact_hours", "after_reply")}
    assert "已生效的规则不能改写" in error_text(bad.value)
    admin.add_scoring_rule(sf, ADMIN, TODAY, 0.2, 0.4, 0.4, 0.8, today=TODAY)
    with pytest.raises(ValidationFailed) as bad:
        admin.add_scoring_rule(sf, ADMIN, TODAY, 0.2, 0.4, 0.3, 1.5, today=TODAY)
    assert _codes(bad.value) == {("w_basic", "out_of_range"), ("weights", "bad_sum")}
    with pytest.raises(ValidationFailed) as bad:
        admin.add_scoring_rule(sf, ADMIN, TODAY, 0.2, 0.4, 0.4, 0.8, today=TODAY)
    assert _codes(bad.value) == {("effective_from", "duplicate")}
    with sf() as s:
        assert scoring_for(s, TODAY).w_resolution == 0.4
        assert scoring_for(s, TODAY - timedelta(days=1)).w_resolution == 0.45
        assert s.scalar(select(func.count()).select_from(ScoringRule)) == 2


def test_admin_changes_lockout_setting_from_a_date(sf):
    admin.add_setting(sf, ADMIN, "login.max_failures", TODAY, "3", today=TODAY)
    with pytest.raises(ValidationFailed) as bad:
        admin.add_setting(sf, ADMIN, "no.such.key", TODAY, "zero", today=TODAY)
    assert _codes(bad.value) == {("setting", "not_allowed"), ("value", "not_whole_number")}
    with sf() as s:
        assert int_setting(s, "login.max_failures", TODAY, 5) == 3
        assert int_setting(s, "login.max_failures", TODAY - timedelta(days=1), 5) == 5


def _admin_attempts(sf, actor, p):
    cat = admin.list_categories(sf)[0]
    case = case_in_state(sf, "replied", p)
    return {
        "edit_accounts": lambda: accounts.create_staff(sf, actor, "x_user", "某人", "receptionist", "secret-pass"),
        "edit_units": lambda: admin.update_unit(sf, actor, p.street_id, "改名街道", 1, True),
        "edit_categories": lambda: admin.update_category(sf, actor, cat.id, cat.name, None, None, False),
        "edit_rules": lambda: admin.add_scoring_rule(sf, actor, date(2099, 1, 1), 0.1, 0.45, 0.45, 1.0),
        "view_accounts": lambda: accounts.list_staff(sf, actor),
        "view_access_log": lambda: privacy.access_log(sf, actor),
        "reveal_phone": lambda: privacy.reveal_phone(sf, actor, case.id),
        "reveal_confidential": lambda: privacy.reveal_phone(
            sf, actor, case_in_state(sf, "replied", p, confidential=True).id),
        "export_personal": lambda: privacy.record_export(sf, actor, "cases.csv", 1, "x.csv"),
        "edit_knowledge": lambda: knowledge.add_synonym(sf, actor, "暂住证", "居住证"),
    }


def test_every_administrative_action_is_covered(sqlite_sf):
    assert set(_admin_attempts(sqlite_sf, ADMIN, places(sqlite_sf))) == set(ADMIN_ALLOWED)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ADMIN_ALLOWED))
def test_role_may_or_may_not_do_administrative_action(sqlite_sf, action, role):
    p = places(sqlite_sf)
    actor = make_actor(role, unit_id=p.street_id if role == "handler" else None)
    attempt = _admin_attempts(sqlite_sf, actor, p)[action]
    if role in ADMIN_ALLOWED[action]:
        attempt()
    else:
        with pytest.raises(PermissionDenied) as refused:
            attempt()
        assert "可以操作的角色" in error_text(refused.value)
        with sqlite_sf() as s:
            assert s.scalar(select(Unit.name).where(Unit.id == p.street_id)) != "改名街道"


def test_admin_sets_a_units_sort_key_and_aliases(sf):
    from app.services.directory import load_directory

    with sf() as s:
        wangzuo = s.scalar(select(Unit).where(Unit.name == "王佐镇"))
        changxindian = s.scalar(select(Unit).where(Unit.name == "长辛店街道"))
        assert (wangzuo.sort_key, changxindian.sort_key) == ("wang zuo zhen", "chang xin dian jie dao")
        wangzuo_id = wangzuo.id
    row = admin.update_unit(sf, ADMIN, wangzuo_id, "王佐镇", None, True, " A  Wang zuo ", "王佐、 wz镇 ,王佐")
    assert (row.sort_key, row.aliases) == ("a wang zuo", ("王佐", "wz镇"))
    d = load_directory(sf)
    assert d.sort_key(wangzuo_id) == "a wang zuo" and d.units[wangzuo_id].aliases == ("王佐", "wz镇")
    assert [u.name for u in d.in_order(d.streets())][:1] == ["王佐镇"]
    # None keeps both; "" gives the name's pinyin again
    row = admin.update_unit(sf, ADMIN, wangzuo_id, "王佐镇", None, True)
    assert (row.sort_key, row.aliases) == ("a wang zuo", ("王佐", "wz镇"))
    row = admin.update_unit(sf, ADMIN, wangzuo_id, "王佐镇", None, True, "", "")
    assert (row.sort_key, row.aliases) == ("wang zuo zhen", ())
    # a key that was the name's pinyin follows a rename
    assert admin.update_unit(sf, ADMIN, wangzuo_id, "长辛店新镇", None, True).sort_key == "chang xin dian xin zhen"
    with pytest.raises(ValidationFailed) as bad:
        admin.update_unit(sf, ADMIN, wangzuo_id, "王佐镇", None, True, "wáng zuǒ", "长辛店街道")
    assert _codes(bad.value) == {("sort_key", "not_allowed"), ("aliases", "duplicate")}
    assert "别名重复:长辛店街道" in error_text(bad.value)
    with sf() as s:
        assert s.get(Unit, wangzuo_id).name == "长辛店新镇"  # the refused change wrote nothing
