"""The callback tab driven from the keyboard, checked against what the services stored and what the rankings count."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from sqlalchemy import select

from app.models import Callback, CallbackClaim, Case, CaseEvent, StatDaily, StatMonthlyUnit
from app.services import callback_queue as cq
from app.services import clock, metrics
from app.services.lifecycle import CallbackAnswers
from app.services.periods import Period
from app.ui.application import open_context
from app.ui.callback import CallbackTab
from tests.callback_cases import make_desk, replied_case
from tests.conftest import make_actor
from tests.ui_helpers import wait_idle


@pytest.fixture
def desk_db(sqlite_url):
    ctx = open_context(sqlite_url)
    desk = make_desk(ctx.sf)
    yield ctx, desk
    ctx.engine.dispose()


def open_tab(qtbot, url, actor) -> CallbackTab:
    ctx = open_context(url, actor)
    tab = CallbackTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1400, 850)
    with qtbot.waitSignal(tab.case_shown, timeout=10_000):
        tab.show()
    tab.activateWindow()
    qtbot.waitUntil(lambda: tab.isActiveWindow())
    wait_idle(qtbot, tab, timeout=10_000)  # the case is held for the clerk (or found taken)
    return tab


def keys(tab: CallbackTab, *names) -> None:
    for name in names:
        QTest.keyClick(tab.focusWidget() or tab, getattr(Qt.Key, f"Key_{name}"))


def type_chinese(widget, text: str) -> None:
    """What an input method sends when the clerk commits Chinese text."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def enter_and_wait(qtbot, tab: CallbackTab) -> None:
    with qtbot.waitSignal(tab.saved, timeout=10_000), qtbot.waitSignal(tab.case_shown, timeout=10_000):
        keys(tab, "Return")


def chosen_answers(tab: CallbackTab) -> tuple:
    """The three answers selected on the record panel (None where none is)."""
    return tab.record.contacted.value(), tab.record.resolved.value(), tab.record.satisfaction.value()


def colleague_rang_unanswered(ctx, desk, ref) -> None:
    """Meanwhile, at another workstation, a colleague's call of the same case went unanswered."""
    cq.save(ctx.sf, desk.other_clerk, ref.id, ref.version, None)


def month_stat(sf, unit_id) -> StatMonthlyUnit:
    with sf() as s:
        return s.get(StatMonthlyUnit, (clock.today().replace(day=1), unit_id))


def day_stat(sf, unit_id, category_id) -> StatDaily:
    with sf() as s:
        return s.get(StatDaily, (clock.today(), unit_id, category_id))


def street_this_month(ctx, street_id):
    """The street as this month's street ranking shows it: (figures, ranked?)."""
    with ctx.sf() as s:
        r = metrics.ranking(s, Period.for_month(clock.today().year, clock.today().month), metrics.Group.streets(),
                            ctx.directory)
    ranked = {f.unit_id: f for f in r.rows}
    unranked = {f.unit_id: f for f in r.unranked}
    return (ranked.get(street_id) or unranked[street_id]), street_id in ranked


def close_tab(qtbot, tab: CallbackTab) -> None:
    wait_idle(qtbot, tab, timeout=10_000)
    tab.ctx.engine.dispose()


KEYS = {True: "1", False: "2", "yes": "Q", "partly": "W", "no": "E", "satisfied": "A", "basic": "S", "unsatisfied": "D"}


@pytest.mark.parametrize("contacted", [True, False])
@pytest.mark.parametrize("resolved", ["yes", "partly", "no"])
@pytest.mark.parametrize("satisfaction", ["satisfied", "basic", "unsatisfied"])
def test_clerk_answers_with_single_keys_and_the_next_case_opens(qtbot, desk_db, sqlite_url, contacted, resolved,
                                                                   satisfaction):
    ctx, desk = desk_db
    first, second = replied_case(ctx.sf, desk), replied_case(ctx.sf, desk, phone="13987654321")
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    assert tab.current.case_id == first.id
    assert tab.case.phone.text() == "138****5678"
    keys(tab, KEYS[contacted], KEYS[resolved], KEYS[satisfaction], "R")
    type_chinese(tab.record.remark, "师傅态度很好")
    if resolved == "yes" and satisfaction != "unsatisfied":
        enter_and_wait(qtbot, tab)
    else:  # the reopen offer comes up; Alt+N saves without reopening
        keys(tab, "Return")
        dialog = tab.findChild(QDialog, "reopenDialog")
        qtbot.waitUntil(dialog.isActiveWindow)
        assert dialog.reopen_button.isDefault() == (resolved == "no" or satisfaction == "unsatisfied")
        with qtbot.waitSignal(tab.saved, timeout=10_000):
            QTest.keyClick(dialog.words, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert tab.current.case_id == second.id and tab.case.phone.text() == "139****4321"
    assert tab.record.contacted.value() is None and tab.record.remark.text() == ""

    with ctx.sf() as s:
        cb = s.scalars(select(Callback).where(Callback.case_id == first.id)).one()
        assert (cb.reached, cb.contacted, cb.resolved, cb.satisfaction, cb.remark, cb.clerk_id) == (
            True, contacted, resolved, satisfaction, "师傅态度很好", desk.clerk.staff_id)
        case = s.get(Case, first.id)
        assert (case.status, case.close_reason) == ("closed", "callback")
    for stat in (month_stat(ctx.sf, first.unit_id), day_stat(ctx.sf, first.unit_id, desk.category_id)):
        assert (stat.callbacks, stat.reached, stat.contacted) == (1, 1, int(contacted))
        assert (stat.resolved, stat.partly) == (int(resolved == "yes"), int(resolved == "partly"))
        assert (stat.satisfied, stat.basic, stat.unsatisfied) == tuple(
            int(satisfaction == v) for v in ("satisfied", "basic", "unsatisfied"))
    figures, ranked = street_this_month(ctx, desk.street_id)
    assert ranked and figures.callbacks == 1
    assert (figures.response_rate, figures.resolution_rate, figures.satisfaction_rate) == (
        float(contacted), float(resolved == "yes"), float(satisfaction != "unsatisfied"))  # 基本满意 weighs 1
    qtbot.waitUntil(lambda: "今日已回访 1 次" in tab.tally.text())
    assert [r.case_id for r in cq.load_queue(ctx.sf).rows] == [second.id]
    close_tab(qtbot, tab)


def test_not_reached_three_times_closes_the_case_as_unreachable_and_counts_no_rate(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    only = replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    for attempt in (1, 2):
        with qtbot.waitSignal(tab.saved, timeout=10_000) as saved:
            keys(tab, "F2")
        assert (saved.args[0].attempts, saved.args[0].closed_as) == (attempt, None)
        assert "未接通" in tab.message.text()
        qtbot.waitUntil(lambda: tab.current is not None and tab.current.case_id == only.id, timeout=10_000)
        qtbot.waitUntil(lambda n=attempt: tab.queue.model.rowCount() == 1 and
                        tab.queue.model._rows[0].attempts == n, timeout=10_000)
        assert tab.queue.model._rows[0].later  # greyed: rung a moment ago
    with qtbot.waitSignal(tab.saved, timeout=10_000) as saved:
        keys(tab, "F2")
    assert saved.args[0].closed_as == "unreachable"
    assert "无法联系办结" in tab.message.text()
    qtbot.waitUntil(lambda: tab.current is None and tab.queue.model.rowCount() == 0, timeout=10_000)
    assert not tab.record.isEnabled()

    with ctx.sf() as s:
        case = s.get(Case, only.id)
        assert (case.status, case.close_reason, case.callback_attempts) == ("closed", "unreachable", 3)
        assert s.scalars(select(Callback.reached).where(Callback.case_id == only.id)).all() == [False] * 3
    stat = month_stat(ctx.sf, only.unit_id)
    assert (stat.callbacks, stat.reached, stat.contacted, stat.resolved, stat.satisfied, stat.basic,
            stat.unsatisfied) == (3, 0, 0, 0, 0, 0, 0)
    figures, ranked = street_this_month(ctx, desk.street_id)
    assert not ranked and (figures.counts.callbacks, figures.callbacks, figures.score) == (3, 0, None)
    qtbot.waitUntil(lambda: "今日已回访 3 次,接通 0(0%)" in tab.tally.text() and "无法联系办结 1 件" in tab.tally.text())
    close_tab(qtbot, tab)


def test_unsatisfied_citizen_case_goes_back_to_its_unit_with_their_words(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    ref = replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    keys(tab, "1", "E", "D", "R")
    type_chinese(tab.record.remark, "晚上还在打桩,根本没停")
    keys(tab, "Return")
    dialog = tab.findChild(QDialog, "reopenDialog")
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.words.text() == "晚上还在打桩,根本没停" and dialog.reopen_button.isDefault()
    qtbot.waitUntil(lambda: not dialog.words.hasSelectedText())  # typing adds to the words
    with qtbot.waitSignal(tab.saved, timeout=10_000) as saved:
        QTest.keyClick(dialog.words, Qt.Key.Key_Return)
    assert saved.args[0].reopened
    assert "已退回 太平桥街道 重办" in tab.message.text()
    with ctx.sf() as s:
        case = s.get(Case, ref.id)
        assert (case.status, case.unit_id, case.reopen_count) == ("dispatched", desk.street_id, 1)
        events = s.execute(select(CaseEvent.action, CaseEvent.note).where(CaseEvent.case_id == ref.id)
                           .order_by(CaseEvent.id)).all()
        assert [a for a, _ in events][-3:] == ["callback", "reopen", "deadlines_reset"]
        assert events[-2].note == "晚上还在打桩,根本没停"
    stat = month_stat(ctx.sf, ref.unit_id)
    assert (stat.reached, stat.contacted, stat.resolved, stat.unsatisfied) == (1, 1, 0, 1)
    figures, ranked = street_this_month(ctx, desk.street_id)
    assert ranked and (figures.response_rate, figures.resolution_rate, figures.satisfaction_rate) == (1.0, 0.0, 0.0)
    close_tab(qtbot, tab)


def test_escape_in_reopen_offer_saves_nothing_and_reopen_needs_words(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    ref = replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    keys(tab, "2", "E", "D", "Return")
    dialog = tab.findChild(QDialog, "reopenDialog")
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.words.text() == "回访:未联系、未解决、不满意"
    dialog.words.clear()
    QTest.keyClick(dialog.words, Qt.Key.Key_Return)
    assert dialog.isVisible() and "请填写市民原话" in dialog.problem.text()
    QTest.keyClick(dialog.words, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert tab.record.isEnabled() and tab.record.resolved.value() == "no"
    with ctx.sf() as s:
        assert s.scalar(select(Callback.id).where(Callback.case_id == ref.id)) is None
        assert s.get(Case, ref.id).status == "replied"
    close_tab(qtbot, tab)


def test_enter_without_all_three_answers_says_which_are_missing(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    ref = replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    keys(tab, "1", "Return")
    assert tab.record.problem.text() == "请先选择:是否解决、是否满意(按按钮上的键)"
    assert not tab.saving and tab.current.case_id == ref.id
    with ctx.sf() as s:
        assert s.scalar(select(Callback.id).where(Callback.case_id == ref.id)) is None
    keys(tab, "W", "S")  # a later key replaces the choice of the same question
    keys(tab, "Q")
    assert (tab.record.resolved.value(), tab.record.problem.text()) == ("yes", "")
    assert tab.record.resolved.buttons["yes"].text() == "[Q] 已解决"
    close_tab(qtbot, tab)


def claim_of(sf, case_id: int) -> CallbackClaim | None:
    with sf() as s:
        return s.get(CallbackClaim, case_id)


def test_a_second_clerk_is_given_the_next_case_not_the_one_being_called(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    a, b = replied_case(ctx.sf, desk), replied_case(ctx.sf, desk, phone="13600001111")
    li = open_tab(qtbot, sqlite_url, desk.clerk)
    qtbot.waitUntil(lambda: claim_of(ctx.sf, a.id) is not None)
    zhao = open_tab(qtbot, sqlite_url, desk.other_clerk)
    qtbot.waitUntil(lambda: claim_of(ctx.sf, b.id) is not None)
    assert (li.current.case_id, zhao.current.case_id) == (a.id, b.id)
    with qtbot.waitSignal(zhao.queue_loaded, timeout=10_000):
        keys(zhao, "F5")
    row = zhao.queue.model.row_of(a.id)
    assert zhao.queue.model.index(row, zhao.queue.model.ATTEMPTS).data() == "回访员李娜回访中"
    zhao.queue.table.setFocus()
    zhao.queue.select_case(a.id)  # choosing it anyway: told who is calling, and kept on a free case
    zhao._chosen(a.id)
    qtbot.waitUntil(lambda: zhao.message.text() == f"工单 {a.case_no} 正由回访员李娜回访,已打开下一件", timeout=10_000)
    qtbot.waitUntil(lambda: zhao.current is not None and zhao.current.case_id == b.id, timeout=10_000)
    li.release_claim()  # li closes the console: a is free at once
    assert claim_of(ctx.sf, a.id) is None
    with qtbot.waitSignal(zhao.queue_loaded, timeout=10_000):
        keys(zhao, "F5")
    row = zhao.queue.model.row_of(a.id)
    assert zhao.queue.model.index(row, zhao.queue.model.ATTEMPTS).data() == ""
    close_tab(qtbot, li)
    close_tab(qtbot, zhao)


def test_two_clerks_on_the_same_case_after_a_claim_ran_out_the_second_is_told_and_moves_on(qtbot, desk_db,
                                                                                          sqlite_url):
    ctx, desk = desk_db
    a, b = replied_case(ctx.sf, desk), replied_case(ctx.sf, desk, phone="13600001111")
    li = open_tab(qtbot, sqlite_url, desk.clerk)
    qtbot.waitUntil(lambda: claim_of(ctx.sf, a.id) is not None)
    with ctx.sf.begin() as s:  # li has been on the phone longer than a claim lasts
        s.get(CallbackClaim, a.id).until = clock.now() - timedelta(minutes=1)
    zhao = open_tab(qtbot, sqlite_url, desk.other_clerk)
    qtbot.waitUntil(lambda: claim_of(ctx.sf, a.id).workstation == desk.other_clerk.workstation)
    assert li.current.case_id == zhao.current.case_id == a.id
    li.activateWindow()
    qtbot.waitUntil(li.isActiveWindow)
    keys(li, "1", "Q", "A")
    enter_and_wait(qtbot, li)
    zhao.activateWindow()
    qtbot.waitUntil(zhao.isActiveWindow)
    keys(zhao, "2", "E", "S")
    keys(zhao, "Return")
    dialog = zhao.findChild(QDialog, "reopenDialog")
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(zhao.save_failed, timeout=10_000), qtbot.waitSignal(zhao.case_shown, timeout=10_000):
        QTest.keyClick(dialog.words, Qt.Key.Key_Return)
    assert zhao.message.text() == f"工单 {a.case_no} 刚由其他回访员完成回访,本次未保存,已打开下一件"
    assert zhao.current.case_id == b.id
    with ctx.sf() as s:
        rows = s.execute(select(Callback.clerk_id, Callback.satisfaction).where(Callback.case_id == a.id)).all()
        assert rows == [(desk.clerk.staff_id, "satisfied")]
        case = s.get(Case, a.id)
        assert (case.status, case.reopen_count) == ("closed", 0)
    stat = month_stat(ctx.sf, a.unit_id)
    assert (stat.callbacks, stat.reached, stat.satisfied, stat.unsatisfied) == (1, 1, 1, 0)
    figures, _ranked = street_this_month(ctx, desk.street_id)
    assert (figures.callbacks, figures.satisfaction_rate, figures.resolution_rate) == (1, 1.0, 1.0)
    close_tab(qtbot, li)
    close_tab(qtbot, zhao)


def test_prefetched_case_done_meanwhile_by_another_clerk_is_skipped(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    a, b, c = (replied_case(ctx.sf, desk, phone=p) for p in ("13600000001", "13600000002", "13600000003"))
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    qtbot.waitUntil(lambda: b.id in tab.cache)
    cq.save(ctx.sf, desk.other_clerk, b.id, b.version, CallbackAnswers(True, "yes", "basic"))  # done meanwhile
    keys(tab, "1", "Q", "A", "Return")
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.case_id == c.id, timeout=10_000)
    assert tab.message.text() == f"工单 {b.case_no} 刚由其他工位处理,已不在待回访队列,已打开下一件"
    close_tab(qtbot, tab)


def test_clerk_filters_the_queue_by_street(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    replied_case(ctx.sf, desk)
    other = replied_case(ctx.sf, desk, street_id=desk.other_street_id)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    assert tab.queue.counts.text() == "待回访 2 件 · 已超回访时限 0 件"
    combo = tab.queue.street
    with qtbot.waitSignal(tab.case_shown, timeout=10_000):
        combo.setCurrentIndex(combo.findData(desk.other_street_id))
    assert tab.current.case_id == other.id
    assert tab.queue.model.case_ids() == [other.id]
    assert tab.queue.counts.text() == "待回访 1 件 · 已超回访时限 0 件"
    close_tab(qtbot, tab)


def test_receptionist_sees_the_queue_but_cannot_record(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    ref = replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, make_actor("receptionist"))
    assert tab.current.case_id == ref.id and not tab.record.isEnabled()
    keys(tab, "F2")
    assert "只能查看" in tab.message.text()
    with ctx.sf() as s:
        assert s.scalar(select(Callback.id)) is None
    close_tab(qtbot, tab)


def test_empty_queue_says_so(qtbot, desk_db, sqlite_url):
    _ctx, desk = desk_db
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    assert tab.current is None and "暂无待回访" in tab.case.title.text()
    assert tab.queue.counts.text() == "待回访 0 件 · 已超回访时限 0 件"
    close_tab(qtbot, tab)


def test_partly_solved_but_satisfied_enter_saves_without_reopening(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    ref = replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    keys(tab, "1", "W", "A", "Return")
    dialog = tab.findChild(QDialog, "reopenDialog")
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.save_only_button.isDefault() and not dialog.reopen_button.isDefault()
    with qtbot.waitSignal(tab.saved, timeout=10_000) as saved:
        QTest.keyClick(dialog.words, Qt.Key.Key_Return)
    assert not saved.args[0].reopened
    with ctx.sf() as s:
        case = s.get(Case, ref.id)
        assert (case.status, case.close_reason, case.reopen_count) == ("closed", "callback", 0)
    close_tab(qtbot, tab)


def test_f5_brings_in_newly_replied_cases_and_earlier_attempts_are_shown(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    first = replied_case(ctx.sf, desk)
    cq.save(ctx.sf, desk.other_clerk, first.id, first.version, None)  # a colleague rang it a moment ago
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    assert tab.current.case_id == first.id
    assert "第 1 轮第 1 次" in tab.case.attempts.text() and "回访员赵敏:未接通" in tab.case.attempts.text()
    assert "本轮第 2/3 次拨打" in tab.case.due.text()
    assert tab.case.replier.text().startswith("太平桥街道 太平桥街道王强 答复于")
    later = replied_case(ctx.sf, desk, phone="13500000000")
    with qtbot.waitSignal(tab.queue_loaded, timeout=10_000):
        keys(tab, "F5")
    assert later.id in tab.queue.model.case_ids()
    assert tab.queue.counts.text().startswith("待回访 2 件")
    close_tab(qtbot, tab)


def test_closing_the_tab_while_it_loads_raises_nothing(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    replied_case(ctx.sf, desk)
    tab = CallbackTab(open_context(sqlite_url, desk.clerk))
    tab.show()
    tab.refresh()
    runners = (tab.queue.jobs, tab.tally.jobs)
    engine = tab.ctx.engine
    tab.deleteLater()
    qtbot.waitUntil(lambda: all(r.pending() == 0 for r in runners), timeout=30000)  # results arrive after the tab is gone
    QThreadPool.globalInstance().waitForDone()
    engine.dispose()


def test_clerk_moves_to_the_queue_with_f6_and_arrows_open_cases(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    a, b = replied_case(ctx.sf, desk), replied_case(ctx.sf, desk, phone="13700000000")
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    assert tab.current.case_id == a.id
    keys(tab, "F6")
    assert tab.queue.table.hasFocus()
    with qtbot.waitSignal(tab.case_shown, timeout=10_000) as shown:
        QTest.keyClick(tab.queue.table, Qt.Key.Key_Down)
    assert shown.args == [b.id] and tab.case.phone.text() == "137****0000"
    assert tab.queue.table.hasFocus()  # arrowing on stays possible, and the answer keys work from the list
    keys(tab, "1", "Q", "A")
    enter_and_wait(qtbot, tab)
    with ctx.sf() as s:
        assert s.scalar(select(Callback.satisfaction).where(Callback.case_id == b.id)) == "satisfied"
    close_tab(qtbot, tab)


def test_saving_from_the_list_opens_the_next_case_once(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    refs = [replied_case(ctx.sf, desk, phone=f"1370000000{i}") for i in range(3)]
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    keys(tab, "F6")
    shown = []
    tab.case_shown.connect(shown.append)
    keys(tab, "1", "Q", "A")
    enter_and_wait(qtbot, tab)
    wait_idle(qtbot, tab, timeout=10_000)
    assert shown == [refs[1].id]
    close_tab(qtbot, tab)


def test_case_changed_meanwhile_but_still_waiting_keeps_the_answers_for_a_second_enter(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    ref = replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    keys(tab, "1", "Q", "S")
    colleague_rang_unanswered(ctx, desk, ref)
    with qtbot.waitSignal(tab.save_failed, timeout=10_000), qtbot.waitSignal(tab.case_shown, timeout=10_000):
        keys(tab, "Return")
    assert "刚被其他工位修改" in tab.message.text() and tab.current.case_id == ref.id
    assert chosen_answers(tab) == (True, "yes", "basic")
    assert "回访员赵敏:未接通" in tab.case.attempts.text()
    with qtbot.waitSignal(tab.saved, timeout=10_000):
        keys(tab, "Return")
    with ctx.sf() as s:
        assert s.execute(select(Callback.attempt, Callback.reached, Callback.clerk_id).where(Callback.case_id == ref.id)
                         .order_by(Callback.attempt)).all() == [(1, False, desk.other_clerk.staff_id),
                                                               (2, True, desk.clerk.staff_id)]
    close_tab(qtbot, tab)
def test_clerk_reveals_the_number_with_f3_and_it_is_recorded(qtbot, desk_db, sqlite_url):
    from app.models import AccessLog

    ctx, desk = desk_db
    first = replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    assert tab.case.phone.text() == "138****5678"
    keys(tab, "F3")
    qtbot.waitUntil(lambda: tab.case.phone.text() == "13812345678")
    assert not tab.case.reveal_button.isEnabled()
    with ctx.sf() as s:
        rows = s.execute(select(AccessLog.staff_id, AccessLog.case_id, AccessLog.detail)
                         .where(AccessLog.action == "reveal_phone")).all()
    assert rows == [(desk.clerk.staff_id, first.id, "callback")]
    close_tab(qtbot, tab)


def test_supervisor_at_the_callback_tab_cannot_reveal_numbers(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, make_actor("supervisor"))
    assert tab.case.phone.text() == "138****5678"
    assert not tab.case.reveal_button.isEnabled()
    close_tab(qtbot, tab)


def test_a_callback_tab_behind_another_tab_holds_no_case_until_the_clerk_comes_to_it(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    a = replied_case(ctx.sf, desk)
    tab = CallbackTab(open_context(sqlite_url, desk.clerk))
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: tab.current is not None and tab.current.case_id == a.id, timeout=10_000)
    wait_idle(qtbot, tab, timeout=10_000)
    assert claim_of(ctx.sf, a.id) is None  # loaded, but the clerk is on another tab
    tab.show()
    qtbot.waitUntil(lambda: claim_of(ctx.sf, a.id) is not None, timeout=10_000)
    assert claim_of(ctx.sf, a.id).staff_id == desk.clerk.staff_id
    close_tab(qtbot, tab)


def test_a_case_found_changed_when_the_clerk_comes_back_keeps_the_answers_chosen(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    ref = replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    keys(tab, "1", "Q", "S")
    tab.hide()
    colleague_rang_unanswered(ctx, desk, ref)
    with qtbot.waitSignal(tab.case_shown, timeout=10_000):
        tab.show()  # back at the tab: the claim finds the case changed and shows it as it is now
    assert tab.current.version == ref.version + 1 and "回访员赵敏:未接通" in tab.case.attempts.text()
    assert chosen_answers(tab) == (True, "yes", "basic")
    close_tab(qtbot, tab)


def lapse_claim(ctx, case_id: int) -> None:
    """The clerk holding the case has been on it longer than a claim lasts (and it was not renewed)."""
    with ctx.sf.begin() as s:
        s.get(CallbackClaim, case_id).until = clock.now() - timedelta(minutes=1)


def test_the_case_under_an_open_reopen_question_stays_and_the_answer_is_refused_when_a_colleague_saved_it(
        qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    a, b, c = (replied_case(ctx.sf, desk, phone=p) for p in ("13600000001", "13600000002", "13600000003"))
    li = open_tab(qtbot, sqlite_url, desk.clerk)
    qtbot.waitUntil(lambda: claim_of(ctx.sf, a.id) is not None)
    lapse_claim(ctx, a.id)
    zhao = open_tab(qtbot, sqlite_url, desk.other_clerk)
    assert li.current.case_id == zhao.current.case_id == a.id
    li.ctx.changes.start()  # li's console hears of the other workstations' commits, as in the main window
    try:
        li.activateWindow()
        qtbot.waitUntil(li.isActiveWindow)
        keys(li, "2", "E", "D", "Return")
        dialog = li.findChild(QDialog, "reopenDialog")
        qtbot.waitUntil(dialog.isVisible)
        zhao.activateWindow()
        qtbot.waitUntil(zhao.isActiveWindow)
        with qtbot.waitSignal(li.queue_loaded, timeout=10_000):  # li's queue reloads after zhao's save
            keys(zhao, "1", "Q", "A")
            enter_and_wait(qtbot, zhao)
        qtbot.waitUntil(lambda: a.case_no in dialog.problem.text(), timeout=10_000)
        assert dialog.isVisible() and li.current.case_id == a.id  # the case under the question did not change
        assert li.case.title.text().startswith(f"工单 {a.case_no}")
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        with qtbot.waitSignal(li.save_failed, timeout=10_000), qtbot.waitSignal(li.case_shown, timeout=10_000):
            QTest.keyClick(dialog.words, Qt.Key.Key_Return)  # reopen a, as the question says
        assert li.message.text() == f"工单 {a.case_no} 刚由其他回访员完成回访,本次未保存,已打开下一件"
        assert zhao.current.case_id == b.id
        qtbot.waitUntil(lambda: li.current is not None and li.current.case_id == c.id, timeout=10_000)
    finally:
        li.ctx.changes.stop()
    with ctx.sf() as s:
        assert s.execute(select(Callback.clerk_id).where(Callback.case_id == a.id)).all() == [(desk.other_clerk.staff_id,)]
        case = s.get(Case, a.id)
        assert (case.status, case.reopen_count) == ("closed", 0)
        assert s.scalar(select(Callback.id).where(Callback.case_id.in_([b.id, c.id]))) is None
    close_tab(qtbot, li)
    close_tab(qtbot, zhao)


def test_escape_from_the_question_after_the_case_was_saved_elsewhere_moves_on(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    a, b = replied_case(ctx.sf, desk), replied_case(ctx.sf, desk, phone="13600001111")
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    keys(tab, "2", "E", "D", "Return")
    dialog = tab.findChild(QDialog, "reopenDialog")
    qtbot.waitUntil(dialog.isActiveWindow)
    cq.save(ctx.sf, desk.other_clerk, a.id, a.version, CallbackAnswers(True, "yes", "basic"))
    with qtbot.waitSignal(tab.queue_loaded, timeout=10_000):
        tab.refresh()  # what the change watcher does
    assert tab.current.case_id == a.id and dialog.isVisible()
    with qtbot.waitSignal(tab.case_shown, timeout=10_000):
        QTest.keyClick(dialog.words, Qt.Key.Key_Escape)
    assert tab.current.case_id == b.id
    close_tab(qtbot, tab)


class FakeClock:
    """The district's clock, moved on by the test (app/services/clock.now is where every module reads the time)."""

    def __init__(self, monkeypatch):
        self.at = clock.now()
        monkeypatch.setattr(clock, "now", lambda: self.at)

    def advance(self, minutes: int) -> None:
        self.at += timedelta(minutes=minutes)


@pytest.fixture
def fast_claim_checks(monkeypatch):
    from app.ui.callback import claim_keeper

    monkeypatch.setattr(claim_keeper, "CHECK_MS", 20)


def test_a_clerk_on_a_case_for_longer_than_a_claim_keeps_it_and_a_colleague_is_given_another(
        qtbot, desk_db, sqlite_url, monkeypatch, fast_claim_checks):
    ctx, desk = desk_db
    t = FakeClock(monkeypatch)
    a, b = replied_case(ctx.sf, desk), replied_case(ctx.sf, desk, phone="13600001111")
    li = open_tab(qtbot, sqlite_url, desk.clerk)
    start = t.at
    assert claim_of(ctx.sf, a.id).until == start + timedelta(minutes=cq.CLAIM_MINUTES)
    for _ in range(4):  # li stays on the phone for 24 minutes: the claim is renewed on the way
        t.advance(6)
        qtbot.waitUntil(lambda: claim_of(ctx.sf, a.id).until > t.at + timedelta(minutes=cq.CLAIM_MINUTES - 6),
                        timeout=10_000)
    assert t.at == start + timedelta(minutes=24) and claim_of(ctx.sf, a.id).staff_id == desk.clerk.staff_id
    zhao = open_tab(qtbot, sqlite_url, desk.other_clerk)
    assert zhao.current.case_id == b.id and li.current.case_id == a.id
    assert li.message.text() == ""  # nothing to warn about
    close_tab(qtbot, li)
    close_tab(qtbot, zhao)


def test_a_failed_renewal_warns_the_clerk_before_the_claim_runs_out(qtbot, desk_db, sqlite_url, monkeypatch,
                                                                    fast_claim_checks):
    from sqlalchemy import text

    ctx, desk = desk_db
    t = FakeClock(monkeypatch)
    a = replied_case(ctx.sf, desk)
    li = open_tab(qtbot, sqlite_url, desk.clerk)
    lapses = t.at + timedelta(minutes=cq.CLAIM_MINUTES)
    with ctx.engine.begin() as conn:  # the database refuses the renewal (as a server out of reach would)
        conn.execute(text("CREATE TRIGGER claims_refused BEFORE UPDATE ON callback_claims "
                          "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"))
    t.advance(6)
    qtbot.waitUntil(lambda: "未能续占工单" in li.message.text(), timeout=10_000)
    assert f"{lapses:%H:%M} 后其他回访员可能拨打同一市民" in li.message.text()
    assert li.message.property("tone") == "error"
    with ctx.engine.begin() as conn:  # the database is back: the next check renews, and the warning goes
        conn.execute(text("DROP TRIGGER claims_refused"))
    qtbot.waitUntil(lambda: claim_of(ctx.sf, a.id).until == t.at + timedelta(minutes=cq.CLAIM_MINUTES),
                    timeout=10_000)
    qtbot.waitUntil(lambda: li.message.text() == f"工单 {a.case_no} 已重新为您保留")
    assert li.message.property("tone") == "ok"
    close_tab(qtbot, li)


def test_a_claim_lost_to_a_colleague_while_renewal_failed_moves_the_clerk_on_saying_who(
        qtbot, desk_db, sqlite_url, monkeypatch, fast_claim_checks):
    from sqlalchemy import text

    ctx, desk = desk_db
    t = FakeClock(monkeypatch)
    a, b = replied_case(ctx.sf, desk), replied_case(ctx.sf, desk, phone="13600001111")
    li = open_tab(qtbot, sqlite_url, desk.clerk)
    with ctx.engine.begin() as conn:
        conn.execute(text("CREATE TRIGGER claims_refused BEFORE UPDATE ON callback_claims "
                          "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"))
    t.advance(cq.CLAIM_MINUTES + 1)  # renewals failed all along: the claim ran out, and zhao took the case
    qtbot.waitUntil(lambda: "未能续占工单" in li.message.text(), timeout=10_000)
    with ctx.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER claims_refused"))
    assert cq.claim(ctx.sf, desk.other_clerk, a.id).taken
    qtbot.waitUntil(lambda: li.current is not None and li.current.case_id == b.id, timeout=10_000)
    assert li.message.text() == f"工单 {a.case_no} 正由回访员赵敏回访,已打开下一件"
    close_tab(qtbot, li)


def test_a_refusal_is_red_and_goes_when_the_clerk_moves_on_from_the_next_case(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    a, b, c, d = (replied_case(ctx.sf, desk, phone=f"1360000000{i}") for i in range(4))
    li = open_tab(qtbot, sqlite_url, desk.clerk)
    zhao = open_tab(qtbot, sqlite_url, desk.other_clerk)
    assert (li.current.case_id, zhao.current.case_id) == (a.id, b.id)
    with qtbot.waitSignal(zhao.queue_loaded, timeout=10_000):
        keys(zhao, "F5")
    zhao.queue.table.setFocus()
    zhao._chosen(a.id)  # chosen from the list although li is calling it
    qtbot.waitUntil(lambda: zhao.message.text() == f"工单 {a.case_no} 正由回访员李娜回访,已打开下一件", timeout=10_000)
    assert zhao.message.property("tone") == "error" and "#c62828" in zhao.message.styleSheet()
    qtbot.waitUntil(lambda: zhao.current is not None and zhao.current.case_id == b.id, timeout=10_000)
    wait_idle(qtbot, zhao, timeout=10_000)  # b is held for zhao again
    # the message stays while the clerk is on the case it opened
    assert zhao.message.text().startswith(f"工单 {a.case_no}")
    with qtbot.waitSignal(zhao.case_shown, timeout=10_000) as shown:  # on to the next case by the list
        keys(zhao, "Down")
    assert shown.args == [c.id] and zhao.message.text() == ""
    keys(zhao, "1", "Q", "A")
    enter_and_wait(qtbot, zhao)
    assert zhao.message.text().startswith(f"已保存工单 {c.case_no}") and zhao.message.property("tone") == "ok"
    # the next case not yet called back: d, or b when zhao's hold on it has just been let go
    assert zhao.current.case_id in (b.id, d.id)
    with qtbot.waitSignal(zhao.case_shown, timeout=10_000):
        keys(zhao, "Up")
    assert zhao.message.text() == ""
    close_tab(qtbot, li)
    close_tab(qtbot, zhao)


def test_two_clerks_pressing_f2_on_the_same_case_both_attempts_count(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    a, _b = replied_case(ctx.sf, desk), replied_case(ctx.sf, desk, phone="13600001111")
    li = open_tab(qtbot, sqlite_url, desk.clerk)
    lapse_claim(ctx, a.id)
    zhao = open_tab(qtbot, sqlite_url, desk.other_clerk)
    assert li.current.case_id == zhao.current.case_id == a.id
    li.activateWindow()
    qtbot.waitUntil(li.isActiveWindow)
    with qtbot.waitSignal(li.saved, timeout=10_000):
        keys(li, "F2")
    zhao.activateWindow()
    qtbot.waitUntil(zhao.isActiveWindow)
    with qtbot.waitSignal(zhao.saved, timeout=10_000) as saved:  # zhao's screen still shows the case as before li's call
        keys(zhao, "F2")
    assert (saved.args[0].attempts, saved.args[0].closed_as) == (2, None)
    assert zhao.message.text() == f"工单 {a.case_no} 未接通(本轮第 2/3 次),稍后再拨"
    assert zhao.message.property("tone") == "ok"
    with ctx.sf() as s:
        assert s.execute(select(Callback.attempt, Callback.reached, Callback.clerk_id).where(Callback.case_id == a.id)
                         .order_by(Callback.attempt)).all() == [(1, False, desk.clerk.staff_id),
                                                               (2, False, desk.other_clerk.staff_id)]
        assert s.get(Case, a.id).callback_attempts == 2
    close_tab(qtbot, li)
    close_tab(qtbot, zhao)


def test_f2_on_a_case_a_colleague_has_just_closed_says_so_and_counts_nothing(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    a, b = replied_case(ctx.sf, desk), replied_case(ctx.sf, desk, phone="13600001111")
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    cq.save(ctx.sf, desk.other_clerk, a.id, a.version, CallbackAnswers(True, "yes", "satisfied"))
    with qtbot.waitSignal(tab.save_failed, timeout=10_000), qtbot.waitSignal(tab.case_shown, timeout=10_000):
        keys(tab, "F2")
    assert tab.message.text() == f"工单 {a.case_no} 刚由其他回访员完成回访,本次未保存,已打开下一件"
    assert tab.current.case_id == b.id
    with ctx.sf() as s:
        assert s.execute(select(Callback.reached).where(Callback.case_id == a.id)).all() == [(True,)]
    close_tab(qtbot, tab)


@pytest.mark.parametrize("width, height", [(1366, 740), (1920, 1050)])  # the screen less the taskbar
def test_at_1366_by_768_the_call_script_the_title_and_the_queue_fit_without_scrolling(qtbot, desk_db, sqlite_url,
                                                                                       width, height):
    from PySide6.QtWidgets import QScrollArea

    from app.ui.main_window import MainWindow

    ctx, desk = desk_db
    request = "小区东门外道路两侧夜间施工噪音扰民,晚上十一点后仍在打桩,严重影响居民休息,希望相关部门尽快处理。" * 2
    refs = [replied_case(ctx.sf, desk, phone=f"1380000{i:04d}", text=request) for i in range(12)]
    longest = sorted((u for u in ctx.directory.units.values() if u.level == 2), key=lambda u: -len(u.name))[:6]
    long_cats = sorted(ctx.directory.categories.values(), key=lambda c: -len(c.name))[:3]
    with ctx.sf.begin() as s:  # the longest names the list shows (as handled by the bureaus)
        for i, r in enumerate(refs):
            case = s.get(Case, r.id)
            case.unit_id, case.category_id, case.callback_attempts = longest[i % 6].id, long_cats[i % 3].id, i % 3
    window_ctx = open_context(sqlite_url, desk.clerk)
    window = MainWindow(window_ctx)
    qtbot.addWidget(window)
    # the offscreen screen is 800×600, where the console opens maximised (layout_memory.fit_to_screen):
    # this test is about the desk at the given size
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(width, height)
    tab = window.tab("callbackTab")
    window.tabs.setCurrentWidget(tab)
    with qtbot.waitSignal(tab.case_shown, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: tab.queue.model.rowCount() == 12)
    table, model = tab.queue.table, tab.queue.model
    header = table.horizontalHeader()

    def fits():
        # the call script is on screen without scrolling
        scroll = tab.findChild(QScrollArea)
        script_box = tab.case.script.parentWidget()
        top_left = script_box.mapTo(scroll.viewport(), script_box.rect().topLeft())
        assert top_left.y() + script_box.height() <= scroll.viewport().height()
        assert tab.case.script.text().startswith("您好")
        # the case title on one line
        assert tab.case.title.height() < 2 * tab.case.title.fontMetrics().lineSpacing()
        # the queue: no sideways scrolling, 未接通 in view, the units' names whole
        assert not table.horizontalScrollBar().isVisible()
        assert (header.sectionViewportPosition(model.ATTEMPTS) + header.sectionSize(model.ATTEMPTS)
                <= table.viewport().width())
        assert header.sectionSize(model.ATTEMPTS) >= header.sectionSizeHint(model.ATTEMPTS)
        unit_texts = [model.index(r, model.UNIT).data() for r in range(model.rowCount())]
        assert all(not t.startswith("丰台区") for t in unit_texts)
        assert header.sectionSize(model.UNIT) >= max(table.fontMetrics().horizontalAdvance(t) for t in unit_texts)
        if width >= 1920:  # the width is used: every column shows
            assert not any(table.isColumnHidden(c) for c in range(model.columnCount()))

    qtbot.waitUntil(fits, timeout=5_000)
    window.close()
    close_tab(qtbot, tab)


@pytest.fixture
def english(qapp):
    from PySide6.QtCore import QLocale

    from app.ui.i18n import install_translators

    locale = QLocale()
    translators = install_translators(qapp, "en")
    yield
    for t in translators:
        qapp.removeTranslator(t)
    QLocale.setDefault(locale)


def test_in_english_the_reopen_words_and_the_missing_answers_are_listed_with_commas(qtbot, desk_db, sqlite_url,
                                                                                      english):
    ctx, desk = desk_db
    replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    keys(tab, "Return")
    assert tab.record.problem.text() == ("Choose first: contacted, solved, satisfied (press the key shown on the "
                                         "button)")
    keys(tab, "2", "E", "D", "Return")
    dialog = tab.findChild(QDialog, "reopenDialog")
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.words.text() == "Callback: Not contacted, Not solved, Unsatisfied"
    assert "、" not in "".join(label.text() for label in dialog.findChildren(QLabel))
    QTest.keyClick(dialog.words, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    close_tab(qtbot, tab)


def test_a_claim_is_not_renewed_while_the_clerk_is_on_another_tab(qtbot, desk_db, sqlite_url, monkeypatch,
                                                                  fast_claim_checks):
    ctx, desk = desk_db
    t = FakeClock(monkeypatch)
    a = replied_case(ctx.sf, desk)
    li = open_tab(qtbot, sqlite_url, desk.clerk)
    first_until = claim_of(ctx.sf, a.id).until
    li.hide()  # another tab of the console is up
    t.advance(cq.CLAIM_MINUTES - 2)
    with qtbot.waitSignal(li.claims.renewed, timeout=300, raising=False) as renewed:
        pass
    assert not renewed.signal_triggered and claim_of(ctx.sf, a.id).until == first_until
    li.show()  # back at the tab: held again from now, and renewed from then on
    qtbot.waitUntil(lambda: claim_of(ctx.sf, a.id).until == t.at + timedelta(minutes=cq.CLAIM_MINUTES),
                    timeout=10_000)
    close_tab(qtbot, li)


def test_an_afternoon_at_the_callback_desk_two_clerks_forty_cases_by_keyboard(qtbot, desk_db, sqlite_url):
    """Two clerks on one database work the queue down by keyboard alone: answers, reopens, numbers that never
    answer. Each case is called by one clerk at a time, every outcome is stored once, nothing is refused."""
    ctx, desk = desk_db
    refs = [replied_case(ctx.sf, desk, phone=f"1390000{i:04d}") for i in range(40)]
    unreachable = {r.id for i, r in enumerate(refs) if i % 5 == 1}
    reopened = {r.id for i, r in enumerate(refs) if i % 7 == 3} - unreachable
    li = open_tab(qtbot, sqlite_url, desk.clerk)
    zhao = open_tab(qtbot, sqlite_url, desk.other_clerk)
    failures = []
    saves = {li: 0, zhao: 0}
    for tab in (li, zhao):
        tab.ctx.changes.start()  # each console hears of the other's saves, as in the main window
        tab.save_failed.connect(failures.append)

    def settled(tab) -> bool:
        return not tab.saving and not tab.is_busy()

    def work(tab) -> None:
        """One call of the case on screen, decided by the number (as the citizen would answer)."""
        tab.activateWindow()
        qtbot.waitUntil(tab.isActiveWindow)
        case_id = tab.current.case_id
        with qtbot.waitSignal(tab.saved, timeout=10_000):
            if case_id in unreachable:
                keys(tab, "F2")
            elif case_id in reopened:
                keys(tab, "2", "E", "D", "Return")
                dialog = tab.findChild(QDialog, "reopenDialog")
                qtbot.waitUntil(dialog.isActiveWindow)
                QTest.keyClick(dialog.words, Qt.Key.Key_Return)
            else:
                keys(tab, "1", "Q", "A", "Return")
        saves[tab] += 1

    try:
        for _ in range(200):
            for tab in (li, zhao):
                qtbot.waitUntil(lambda t=tab: settled(t), timeout=10_000)
            busy = [t for t in (li, zhao) if t.current is not None]
            if not busy:
                break
            for tab in busy:
                for t in (li, zhao):  # a case prefetched by both is shown until the claim says whose it is
                    qtbot.waitUntil(lambda t=t: settled(t), timeout=10_000)
                assert not (li.current and zhao.current and li.current.case_id == zhao.current.case_id)
                if tab.current is not None:
                    work(tab)
    finally:
        for tab in (li, zhao):
            tab.ctx.changes.stop()
    assert li.current is None and zhao.current is None and failures == []
    assert saves[li] > 5 and saves[zhao] > 5  # both worked the queue
    with ctx.sf() as s:
        cases = {c.id: c for c in s.scalars(select(Case).where(Case.id.in_([r.id for r in refs])))}
        calls = s.execute(select(Callback.case_id, Callback.reached, Callback.clerk_id)).all()
    assert len(calls) == saves[li] + saves[zhao] == 40 + 2 * len(unreachable)
    for case_id, case in cases.items():
        reached = [c for c in calls if c.case_id == case_id and c.reached]
        if case_id in unreachable:
            assert (case.status, case.close_reason, case.callback_attempts, reached) == ("closed", "unreachable", 3, [])
        elif case_id in reopened:
            assert (case.status, case.reopen_count, len(reached)) == ("dispatched", 1, 1)
        else:
            assert (case.status, case.close_reason, len(reached)) == ("closed", "callback", 1)
    by_li = sum(1 for c in calls if c.clerk_id == desk.clerk.staff_id)
    qtbot.waitUntil(lambda: f"今日已回访 {by_li} 次" in li.tally.text(), timeout=10_000)
    qtbot.waitUntil(lambda: f"今日已回访 {len(calls) - by_li} 次" in zhao.tally.text(), timeout=10_000)
    close_tab(qtbot, li)
    close_tab(qtbot, zhao)


def test_the_tab_says_when_its_background_work_is_under_way_and_done(qtbot, desk_db, sqlite_url):
    ctx, desk = desk_db
    replied_case(ctx.sf, desk)
    tab = open_tab(qtbot, sqlite_url, desk.clerk)
    states = []
    tab.busy_changed.connect(states.append)
    tab.refresh()  # F5: the queue and the tally are loaded again
    assert tab.is_busy() and states == [True]
    qtbot.waitUntil(lambda: states == [True, False], timeout=10_000)
    assert not tab.is_busy()
    close_tab(qtbot, tab)
