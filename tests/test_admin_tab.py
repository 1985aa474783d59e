"""An administrator manages accounts, units, categories and rules from the administration tab."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from app.models import ROLES, DeadlineRule, KeyTopic, Staff, Unit
from app.services import accounts, clock
from app.ui.admin.admin_tab import AdminTab
from app.ui.application import open_context
from app.ui.main_window import MainWindow
from tests.conftest import make_actor


@pytest.fixture
def ctx(sqlite_url, sqlite_sf):
    me = accounts.create_first_admin(sqlite_sf, "admin", "管理员", "admin-pass-1", workstation="ws-admin")
    context = open_context(sqlite_url, me)
    yield context
    context.engine.dispose()


@pytest.fixture
def tab(qtbot, ctx):
    widget = AdminTab(ctx)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.accounts.model.rowCount() == 1)
    return widget


def _click(qtbot, button):
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _settled(qtbot, page):
    qtbot.waitUntil(lambda: page.isEnabled() and page.jobs.pending() == 0)


def test_admin_creates_a_unit_handler_through_the_ui(qtbot, tab, ctx):
    page = tab.accounts
    street = next(u for u in ctx.directory.units.values() if u.kind == "street")
    page.username.setText("chen")
    page.display_name.setText("陈承办")
    page.role.setCurrentIndex(page.role.findData("handler"))
    assert page.unit.isEnabled()
    page.unit.setCurrentIndex(page.unit.findData(street.id))
    page.password.setText("handler-pass")
    page.password2.setText("handler-pass")
    _click(qtbot, page.create_button)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    _settled(qtbot, page)
    assert "已新建账号 chen(陈承办)" in page.message.text()
    assert page.selected().username == "chen"
    shown = [page.model.data(page.model.index(page.model.find(lambda r: r.username == "chen"), c)) for c in range(5)]
    assert shown == ["chen", "陈承办", "承办单位", street.name, "启用"]
    actor = accounts.login(ctx.sf, "chen", "handler-pass", "ws-9")
    assert (actor.role, actor.unit_id) == ("handler", street.id)


def test_bad_account_form_says_what_is_wrong(qtbot, tab, ctx):
    page = tab.accounts
    page.username.setText("admin")
    page.display_name.setText("")
    page.role.setCurrentIndex(page.role.findData("handler"))
    page.password.setText("1234")
    _click(qtbot, page.create_button)
    _settled(qtbot, page)
    text = page.message.text()
    for part in ("用户名重复:admin", "姓名必须填写", "承办单位必须填写", "密码太短", "两次输入的密码不一致"):
        assert part in text
    with ctx.sf() as s:
        assert len(s.scalars(select(Staff)).all()) == 1


def test_admin_resets_password_and_disables_account(qtbot, tab, ctx):
    info = accounts.create_staff(ctx.sf, ctx.actor, "he", "何回访", "callback", "secret-pass")
    page = tab.accounts
    page.refresh(select_id=info.id)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().id == info.id)
    assert page.username.isReadOnly()
    page.password.setText("fresh-pass-9")
    page.password2.setText("fresh-pass-9")
    _click(qtbot, page.reset_button)
    qtbot.waitUntil(lambda: "已为 he 设置新密码" in page.message.text())
    assert accounts.login(ctx.sf, "he", "fresh-pass-9", "ws").role == "callback"
    _settled(qtbot, page)
    _click(qtbot, page.active_button)
    qtbot.waitUntil(lambda: "已停用 he" in page.message.text())
    assert page.model.data(page.model.index(page.model.find(lambda r: r.id == info.id), 4)) == "已停用"
    assert page.active_button.text() == "启用账号"
    with ctx.sf() as s:
        assert s.get(Staff, info.id).active is False


def test_admin_sets_a_streets_population(qtbot, tab, ctx):
    tab.pages.setCurrentWidget(tab.units)
    page = tab.units
    qtbot.waitUntil(lambda: page.model.rowCount() > 50)
    page.filter.setText("太平桥")
    assert page.proxy.rowCount() == 1
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    assert page.name.text() == "太平桥街道"
    page.population.setText("70001")
    _click(qtbot, page.save_button)
    qtbot.waitUntil(lambda: "已保存 太平桥街道" in page.message.text())
    with ctx.sf() as s:
        assert s.scalar(select(Unit.population).where(Unit.name == "太平桥街道")) == 70001
    qtbot.waitUntil(lambda: ctx.directory.unit_by_name("太平桥街道").population == 70001)


def test_a_bad_population_says_where_and_changes_nothing(qtbot, tab, ctx):
    """Typed as an administrator types it: the message names the field and the allowed range (issue 15)."""
    from PySide6.QtTest import QTest

    tab.pages.setCurrentWidget(tab.units)
    page = tab.units
    qtbot.waitUntil(lambda: page.model.rowCount() > 50)
    page.filter.setText("右安门")
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    assert page.name.text() == "右安门街道" and page.population.text() == ""  # no census figure shipped
    page.population.clear()
    QTest.keyClicks(page.population, "-12a99999999")  # the field takes digits only, at most eight
    assert page.population.text() == "12999999"
    _click(qtbot, page.save_button)
    _settled(qtbot, page)
    text = page.message.text()
    assert "常住人口" in text and "10000000" in text, text
    with ctx.sf() as s:
        assert s.scalar(select(Unit.population).where(Unit.name == "右安门街道")) is None


def test_admin_names_a_key_topic_for_a_year(qtbot, tab, ctx):
    tab.pages.setCurrentWidget(tab.categories)
    page = tab.categories
    qtbot.waitUntil(lambda: page.model.rowCount() > 50)
    page.year.setValue(2030)
    _settled(qtbot, page)
    row = page.model.find(lambda r: r.parent_id is not None)
    page.view.setCurrentIndex(page.model.index(row, 0))
    page.scope.setCurrentIndex(page.scope.findData("district"))
    _click(qtbot, page.add_topic_button)
    qtbot.waitUntil(lambda: page.topics.rowCount() == 1)
    with ctx.sf() as s:
        assert s.scalar(select(KeyTopic.scope).where(KeyTopic.year == 2030)) == "district"


def test_admin_adds_a_deadline_rule_from_a_future_date(qtbot, tab, ctx):
    tab.pages.setCurrentWidget(tab.rules)
    page = tab.rules
    qtbot.waitUntil(lambda: page.deadlines.rowCount() == 4)
    page.tier.setCurrentIndex(page.tier.findData("complex"))
    start = clock.now().date() + timedelta(days=30)
    page.deadline_from.setDate(QDate(start.year, start.month, start.day))
    page.contact_hours.setValue(48)
    page.reply_hours.setValue(20 * 24)
    _click(qtbot, page.findChild(QPushButton, "addDeadlineButton"))
    qtbot.waitUntil(lambda: page.deadlines.rowCount() == 5)
    assert "此前的期间仍按原规则计算" in page.message.text()
    with ctx.sf() as s:
        assert s.scalar(select(DeadlineRule.reply_hours).where(DeadlineRule.effective_from == start)) == 480


def test_admin_tab_only_for_administrators(qtbot, ctx):
    for role in ROLES:
        ctx.actor = make_actor(role, unit_id=next(iter(ctx.directory.units)) if role == "handler" else None)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        assert (window.tab("adminTab") is not None) == (role == "admin"), role
        if role == "admin":
            qtbot.waitUntil(lambda w=window: w.tab("adminTab").accounts.jobs.pending() == 0)


def test_scoring_weights_that_do_not_add_up_are_refused_with_a_reason(qtbot, tab, ctx):
    tab.pages.setCurrentWidget(tab.rules)
    page = tab.rules
    qtbot.waitUntil(lambda: page.scoring.rowCount() == 1)
    page.w_response.setValue(0.5)
    _click(qtbot, page.findChild(QPushButton, "addScoringButton"))
    _settled(qtbot, page)
    assert "三率权重之和必须为 1(现在是 1.4000)" in page.message.text()
    assert page.scoring.rowCount() == 1
    page.w_resolution.setValue(0.05)
    _click(qtbot, page.findChild(QPushButton, "addScoringButton"))
    _settled(qtbot, page)
    assert page.scoring.rowCount() == 2, page.message.text()


def test_admin_sees_a_locked_account_and_unlocks_it(qtbot, tab, ctx):
    from app.services.errors import LoginRefused

    info = accounts.create_staff(ctx.sf, ctx.actor, "ma", "马接线", "receptionist", "secret-pass")
    now = clock.now()
    for i in range(5):
        with pytest.raises(LoginRefused):
            accounts.login(ctx.sf, "ma", "bad-guess", "ws", now=now + timedelta(seconds=30 * i))
    page = tab.accounts
    page.refresh(select_id=info.id)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().id == info.id)
    row = page.model.find(lambda r: r.id == info.id)
    assert page.model.data(page.model.index(row, 4)).startswith("锁定至")
    _settled(qtbot, page)
    _click(qtbot, page.unlock_button)
    qtbot.waitUntil(lambda: "已解锁 ma" in page.message.text())
    assert page.model.data(page.model.index(page.model.find(lambda r: r.id == info.id), 4)) == "启用"
    assert accounts.login(ctx.sf, "ma", "secret-pass", "ws").role == "receptionist"


def test_admin_gives_a_unit_aliases_and_a_sort_key(qtbot, tab, ctx):
    """What the administrator types reaches the pickers: aliases are found, the sort key orders the lists."""
    from app.ui.pickers import place_index
    from tests.ui_helpers import type_text

    tab.pages.setCurrentWidget(tab.units)
    page = tab.units
    qtbot.waitUntil(lambda: page.model.rowCount() > 50)
    type_text(qtbot, page.filter, "住建委")  # the shipped alias finds the bureau
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 1).data() == "丰台区住房和城乡建设委员会"
    page.filter.clear()
    qtbot.keyClicks(page.filter, "wang zuo")  # and the sort key (pinyin)
    assert page.proxy.rowCount() == 1
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    assert (page.name.text(), page.sort_key.text(), page.aliases.text()) == ("王佐镇", "wang zuo zhen", "")
    page.sort_key.clear()
    qtbot.keyClicks(page.sort_key, "a wang zuo zhen")
    type_text(qtbot, page.aliases, "王佐、佐镇")
    _click(qtbot, page.save_button)
    qtbot.waitUntil(lambda: "已保存 王佐镇" in page.message.text())
    with ctx.sf() as s:
        unit = s.scalar(select(Unit).where(Unit.name == "王佐镇"))
        assert (unit.sort_key, unit.aliases) == ("a wang zuo zhen", "王佐、佐镇")
    qtbot.waitUntil(lambda: ctx.directory.unit_by_name("王佐镇").aliases == ("王佐", "佐镇"))
    found = place_index(ctx.directory).find_handlers("zz")
    assert found[0].name == "王佐镇"  # 佐镇: z z
    assert ctx.directory.in_order(ctx.directory.streets())[0].name == "王佐镇"


def test_admin_adds_a_season_and_the_watch_list_offers_it(qtbot, tab, ctx):
    from tests.ui_helpers import type_text

    page = tab.seasons
    tab.pages.setCurrentWidget(page)
    _settled(qtbot, page)
    assert [page.model.row(i).name for i in range(page.model.rowCount())] == ["供暖", "汛期", "入学季"]
    _click(qtbot, page.new_button)
    type_text(qtbot, page.name, "杨柳飞絮")
    qtbot.keyClicks(page.first_day, "04-01")
    qtbot.keyClicks(page.last_day, "04-31")  # April has 30 days: refused, what was typed stays
    for i in range(page.categories.count()):
        if page.categories.item(i).text() == "园林绿化":
            page.categories.item(i).setCheckState(Qt.CheckState.Checked)
    _click(qtbot, page.save_button)
    _settled(qtbot, page)
    assert "结束日应写成“月-日”" in page.message.text() and page.name.text() == "杨柳飞絮"
    page.last_day.clear()
    qtbot.keyClicks(page.last_day, "05-31")
    _click(qtbot, page.save_button)
    _settled(qtbot, page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    assert page.message.text() == "已保存季节 杨柳飞絮"
    from app.services import watch

    with ctx.read_sf() as s:
        added = [x for x in watch.seasons(s) if x.name == "杨柳飞絮"][0]
    assert (added.first_day, added.last_day, len(added.category_ids)) == ("04-01", "05-31", 1)
