"""One label per code, in one catalogue (app/messages.py), and tier texts that say the limits in force."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from app import messages
from app.services import admin, clock
from app.ui.callback import record_panel, tally_panel
from app.ui.cases import detail_pane, table_model
from app.ui.intake.form_panel import IntakeFormPanel
from tests.conftest import make_actor
from tests.ui_helpers import console


def test_every_screen_names_a_code_through_the_catalogue():
    assert detail_pane.code_label is messages.code_label is table_model.code_label
    assert record_panel.resolved_name is messages.resolved_name is tally_panel.resolved_name
    # the complex tier has one name, in the cases tab as on the administrator's pages
    assert messages.code_label("tier", "complex") == messages.tier_name("complex") == "疑难复杂"
    assert messages.code_label("close_reason", "merged") == messages.close_reason_name("merged")
    assert messages.code_label("urgency", "urgent") == "紧急" and messages.code_label("channel", "web") == "网站"


def test_the_intake_tiers_say_the_limits_the_administrator_set(qtbot, sqlite_url):
    ctx = console(sqlite_url, "receptionist")
    try:
        before = IntakeFormPanel(ctx)
        qtbot.addWidget(before)
        labels = [before.tier.itemText(i) for i in range(before.tier.count())]
        assert "一般(24小时联系/7天答复)" in labels and "紧急(2小时联系/24小时答复)" in labels
        assert "疑难复杂(24小时联系/15天答复)" in labels
        admin.add_deadline_rule(ctx.sf, make_actor("admin"), "general", clock.today(), 12, 240)
        with qtbot.waitSignal(ctx.reference.changed, timeout=5000):  # another workstation's poll
            ctx.reference.reload()
        after = IntakeFormPanel(ctx)
        qtbot.addWidget(after)
        for form in (before, after):
            assert form.tier.itemText(form.tier.findData("general")) == "一般(12小时联系/10天答复)"
    finally:
        ctx.engine.dispose()


def test_hours_as_people_say_them():
    assert [messages.hours_text(h) for h in (2, 24, 36, 48, 360)] == ["2小时", "24小时", "36小时", "2天", "15天"]


def test_a_rule_added_in_the_admin_tab_reaches_the_intake_form_built_before(qtbot, sqlite_url):
    from app.ui.admin.rules_page import RulesPage

    ctx = console(sqlite_url, "admin")
    try:
        form = IntakeFormPanel(ctx)
        qtbot.addWidget(form)
        page = RulesPage(ctx)
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: page.deadlines.rowCount() == 4)
        page.tier.setCurrentIndex(page.tier.findData("general"))
        today = clock.today()
        page.deadline_from.setDate(QDate(today.year, today.month, today.day))
        page.contact_hours.setValue(12)
        page.reply_hours.setValue(240)
        with qtbot.waitSignal(ctx.reference.changed, timeout=5000):
            qtbot.mouseClick(page.findChild(QPushButton, "addDeadlineButton"), Qt.MouseButton.LeftButton)
        assert form.tier.itemText(form.tier.findData("general")) == "一般(12小时联系/10天答复)"
    finally:
        ctx.engine.dispose()
