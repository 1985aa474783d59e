"""The knowledge panel at intake, driven by the keyboard as a receptionist does: the articles follow the
description and the category, F8 puts the chosen answer into 答复内容, the case records the article and
its version, and the next call starts with an empty panel."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.models import Case, KnowledgeAnswer
from app.services import clock
from app.services import knowledge as K
from app.services.actors import system_actor
from app.ui.i18n import install_translators
from tests.factories import directory
from tests.test_intake_tab import choose_category, make_tab, pick, stored_cases
from tests.ui_helpers import console, type_text, wait_idle

TODAY = clock.today()
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def add_articles(sf) -> dict[str, K.Article]:
    d = directory(sf)

    def add(title, answer, keywords, category, **kw):
        data = K.ArticleInput(title=title, answer=answer, source="演示政策依据", valid_from=TODAY - timedelta(days=10),
                              keywords=keywords, category_ids=[d.category_by_name(category).id], **kw)
        return K.create_article(sf, system_actor(), data, publish=True)

    found = {
        "permit": add("居住证办理条件", "在本市连续居住半年以上,可到居住地派出所申领居住证。", "居住证、暂住证", "政策咨询"),
        "renew": add("居住证签注续期", "居住证每年签注一次,可在北京通App或派出所办理签注。", "居住证、签注、续期", "政策咨询"),
        "school": add("小学入学信息采集", "适龄儿童家长每年5月登录入学服务平台采集信息。", "入学、幼升小", "入学与学位"),
    }
    K.CACHE.invalidate()
    return found


def shown_titles(tab) -> list[str]:
    return [m.title for m in tab.knowledge.matches]


@pytest.fixture
def tab(qtbot, sqlite_url, tmp_path):
    ctx = console(sqlite_url, "receptionist")
    articles = add_articles(ctx.sf)
    tab = make_tab(qtbot, ctx, tmp_path)
    tab.resize(1366, 768)
    tab.articles = articles
    return tab


def test_a_whole_call_by_keyboard_then_the_next_call_starts_empty(qtbot, tab, sqlite_url):
    # call 1: a consultation about the residence permit
    type_text(qtbot, tab.form.phone, "13600001111")
    pick(qtbot, tab.form.street, "tpq")
    choose_category(qtbot, tab, "政策咨询")
    type_text(qtbot, tab.form.description, "来电人问居住证到期了怎么续期签注")
    qtbot.waitUntil(lambda: shown_titles(tab)[:1] == ["居住证签注续期"])
    assert "居住证办理条件" in shown_titles(tab)
    assert "F8" in tab.knowledge.hint.text()  # the key is on the screen
    # the receptionist takes the second article instead: Ctrl+K, Down, F8
    qtbot.keyClick(tab.form.description, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert tab.focusWidget() is tab.knowledge.list
    qtbot.keyClick(tab.knowledge.list, Qt.Key.Key_Down)
    assert tab.knowledge.selected().title == "居住证办理条件"
    qtbot.keyClick(tab.knowledge.list, Qt.Key.Key_F8)
    assert tab.form.answer.toPlainText() == tab.articles["permit"].answer
    assert tab.form.request_type.currentData() == "consultation"  # an answer from the knowledge base
    assert tab.focusWidget() is tab.form.answer and tab.answer_button.isEnabled()
    qtbot.keyClick(tab.form.answer, Qt.Key.Key_Return, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "直接答复" in tab.result.text())
    cases, _ = stored_cases(sqlite_url)
    assert cases[0].status == "replied" and cases[0].reply_text == tab.articles["permit"].answer
    with tab.ctx.sf() as s:
        answer = s.get(KnowledgeAnswer, cases[0].id)
        assert (answer.article_id, answer.version) == (tab.articles["permit"].id, tab.articles["permit"].version)

    # call 2: the panel holds nothing of call 1, and follows the new description
    assert shown_titles(tab) == [] and tab.knowledge.preview.toPlainText() == ""
    assert tab.knowledge.used is None
    type_text(qtbot, tab.form.phone, "13700002222")
    type_text(qtbot, tab.form.description, "孩子明年上小学入学要准备什么")
    qtbot.waitUntil(lambda: shown_titles(tab)[:1] == ["小学入学信息采集"])
    assert not any("居住证" in t for t in shown_titles(tab))
    # typed own answer, no article taken: the case records none
    pick(qtbot, tab.form.street, "tpq")
    choose_category(qtbot, tab, "入学与学位")
    tab.form.request_type.setCurrentIndex(tab.form.request_type.findData("consultation"))
    type_text(qtbot, tab.form.answer, "已告知可咨询所在学区")
    qtbot.keyClick(tab.form.answer, Qt.Key.Key_Return, CTRL_SHIFT)
    qtbot.waitUntil(lambda: tab.result.text().count("直接答复") == 1 and not tab.saving)
    with tab.ctx.sf() as s:
        assert s.query(Case).count() == 2 and s.query(KnowledgeAnswer).count() == 1


def test_a_search_under_way_when_the_call_ends_never_shows_in_the_next_call(qtbot, tab):
    type_text(qtbot, tab.form.description, "居住证")  # a search under way ...
    assert tab.knowledge.is_busy()
    qtbot.mouseClick(tab.clear_button, Qt.MouseButton.LeftButton)  # ... as the receptionist starts the next call
    wait_idle(qtbot, tab)
    assert shown_titles(tab) == [] and tab.knowledge.list.topLevelItemCount() == 0


def test_picking_a_category_alone_lists_its_articles_and_an_emptied_answer_drops_the_article(qtbot, tab, sqlite_url):
    choose_category(qtbot, tab, "入学与学位")
    qtbot.waitUntil(lambda: shown_titles(tab) == ["小学入学信息采集"])
    qtbot.keyClick(tab.form.category.filter, Qt.Key.Key_F8)
    assert tab.knowledge.used.title == "小学入学信息采集"
    tab.form.answer.clear()
    assert tab.knowledge.used is None


def test_an_article_retired_meanwhile_is_not_recorded_and_the_receptionist_is_told(qtbot, tab, sqlite_url):
    type_text(qtbot, tab.form.phone, "13600001111")
    choose_category(qtbot, tab, "政策咨询")
    type_text(qtbot, tab.form.description, "居住证办理条件")
    qtbot.waitUntil(lambda: shown_titles(tab)[:1] == ["居住证办理条件"])
    qtbot.keyClick(tab.form.description, Qt.Key.Key_F8)
    K.retire_article(tab.ctx.sf, system_actor(), tab.articles["permit"].id)
    qtbot.keyClick(tab.form.answer, Qt.Key.Key_Return, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "未保存" in tab.result.text())
    assert "知识条目" in tab.result.text()
    assert stored_cases(sqlite_url)[0] == []


def test_the_panel_in_english(qtbot, qapp, sqlite_url, tmp_path):
    translators = install_translators(qapp, "en")
    try:
        ctx = console(sqlite_url, "receptionist")
        add_articles(ctx.sf)
        tab = make_tab(qtbot, ctx, tmp_path)
        tab.resize(1366, 768)
        assert tab.knowledge.title.text() == "Knowledge base"
        assert "F8" in tab.knowledge.hint.text() and "Ctrl+K" in tab.knowledge.hint.text()
        type_text(qtbot, tab.form.description, "居住证")
        qtbot.waitUntil(lambda: len(shown_titles(tab)) == 2)
        assert "related" in tab.knowledge.status.text()
        assert tab.knowledge.list.headerItem().text(1) == "Valid to"
        tab.grab().save("/work/shots/knowledge/intake_knowledge_en.png")
    finally:
        for t in translators:
            qapp.removeTranslator(t)
        install_translators(qapp, "zh")


def test_typing_on_while_a_search_runs_ends_with_the_latest_text(qtbot, tab):
    type_text(qtbot, tab.form.description, "小学入学")
    type_text(qtbot, tab.form.description, ",还有居住证签注")  # while the first search is under way
    type_text(qtbot, tab.form.description, "续期")
    wait_idle(qtbot, tab)
    assert shown_titles(tab)[0] == "居住证签注续期"
    assert tab.knowledge.query == ("小学入学,还有居住证签注续期", None)
