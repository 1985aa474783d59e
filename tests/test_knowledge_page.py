"""The 知识库 page of the administration tab: an administrator writes, publishes, edits and retires an
article, reviews the expired ones, adds synonyms; each bad field says its problem under it."""
from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.services import accounts, clock
from app.services import knowledge as K
from app.services.actors import system_actor
from app.ui.admin.admin_tab import AdminTab
from app.ui.application import open_context
from tests.factories import directory
from tests.ui_helpers import type_text

TODAY = clock.today()


@pytest.fixture
def ctx(sqlite_url, sqlite_sf):
    me = accounts.create_first_admin(sqlite_sf, "admin", "管理员", "admin-pass-1", workstation="ws-admin")
    context = open_context(sqlite_url, me)
    yield context
    context.engine.dispose()


@pytest.fixture
def page(qtbot, ctx):
    tab = AdminTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    tab.show()
    tab.pages.setCurrentWidget(tab.knowledge)
    settled(qtbot, tab.knowledge)
    tab.knowledge.owner_tab = tab  # the tab lives as long as the test uses its page
    return tab.knowledge


def settled(qtbot, page):
    qtbot.waitUntil(lambda: page.isEnabled() and page.jobs.pending() == 0)


def click(qtbot, page, button):
    assert button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settled(qtbot, page)


def check_category(qtbot, page, name: str) -> None:
    items = page.categories.findItems(name, Qt.MatchFlag.MatchExactly)
    page.categories.setFocus()
    page.categories.setCurrentItem(items[0])
    qtbot.keyClick(page.categories, Qt.Key.Key_Space)
    assert items[0].checkState() == Qt.CheckState.Checked


def test_an_empty_article_says_each_problem_under_its_field_and_writes_nothing(qtbot, page, ctx):
    click(qtbot, page, page.save_button)
    shown = {key: label.text() for key, label in page.errors.items() if label.isVisible()}
    assert set(shown) == {"article_title", "categories", "article_answer", "article_source"}
    assert "标题必须填写" in shown["article_title"] and "适用分类必须填写" in shown["categories"]
    assert page.focusWidget() is page.title
    assert K.list_articles(ctx.sf) == []
    type_text(qtbot, page.title, "居住证办理")
    page.valid_from.setDate(page.valid_from.date().addDays(10))
    page.valid_to.setDate(page.valid_from.date().addDays(-1))
    click(qtbot, page, page.save_button)
    assert "不能早于生效日期" in page.errors["valid_from"].text() and page.errors["valid_from"].isVisible()
    assert not page.errors["article_title"].isVisible()
    type_text(qtbot, page.owner, "没有这个单位")
    click(qtbot, page, page.save_button)
    assert page.errors["owner_unit"].text() == "负责单位不存在:没有这个单位" and page.focusWidget() is page.owner
    assert K.list_articles(ctx.sf) == []


def test_write_publish_edit_retire_with_the_history_and_intake_follows(qtbot, page, ctx):
    type_text(qtbot, page.title, "居住证办理条件")
    type_text(qtbot, page.keywords, "居住证、暂住证")
    check_category(qtbot, page, "政策咨询")
    type_text(qtbot, page.answer, "在本市连续居住半年以上,可到居住地派出所申领居住证。")
    type_text(qtbot, page.source, "北京市居住证办法(演示)")
    click(qtbot, page, page.save_button)
    assert "已保存草稿" in page.message.text()
    [a] = K.list_articles(ctx.sf)
    assert (a.status, a.version, a.keywords) == ("draft", 1, ("居住证", "暂住证"))
    assert K.CACHE.search(ctx.read_sf, "居住证", None) == []  # a draft is not shown at intake
    click(qtbot, page, page.publish_button)
    assert [m.title for m in K.CACHE.search(ctx.read_sf, "居住证", None)] == ["居住证办理条件"]
    page.answer.setFocus()
    qtbot.keyClick(page.answer, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, page.answer, "(新)")
    click(qtbot, page, page.save_button)
    assert "第 3 版" in page.message.text()
    assert K.CACHE.search(ctx.read_sf, "居住证", None)[0].answer.endswith("(新)")
    click(qtbot, page, page.retire_button)
    assert K.CACHE.search(ctx.read_sf, "居住证", None) == []
    qtbot.waitUntil(lambda: page.history.count() == 4)
    assert "第 4 版" in page.history.item(0).text() and "管理员" in page.history.item(0).text()
    assert page.model.rowCount() == 1 and page.model.row(0).status == "retired"


def test_expired_articles_are_listed_for_review(qtbot, ctx):
    d = directory(ctx.sf)
    K.create_article(ctx.sf, system_actor(), K.ArticleInput(
        "停车收费标准", "路侧停车按时段收费。", "演示", TODAY - timedelta(days=40), TODAY - timedelta(days=1),
        "停车", [d.category_by_name("停车管理").id]), publish=True)
    K.create_article(ctx.sf, system_actor(), K.ArticleInput(
        "垃圾分类投放时间", "厨余垃圾早晚定时投放。", "演示", TODAY - timedelta(days=40), None,
        "垃圾分类", [d.category_by_name("垃圾分类").id]), publish=True)
    tab = AdminTab(ctx)
    qtbot.addWidget(tab)
    tab.pages.setCurrentWidget(tab.knowledge)
    page = tab.knowledge
    settled(qtbot, page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert "1 条" in page.review_note.text()
    page.show_filter.setCurrentIndex(page.show_filter.findData("review"))
    assert [page.model.row(i).title for i in range(page.model.rowCount())] == ["停车收费标准"]
    assert "待复核" in page.model.data(page.model.index(0, 1))
    assert K.CACHE.search(ctx.read_sf, "停车收费", None) == []  # gone from intake


def test_synonyms_are_added_checked_and_removed(qtbot, page, ctx):
    page.sections.setCurrentIndex(1)
    type_text(qtbot, page.synonym_term, "暂住证")
    type_text(qtbot, page.synonym_means, "居住证")
    click(qtbot, page, page.findChild(type(page.new_button), "addSynonymButton"))
    qtbot.waitUntil(lambda: page.synonyms.count() == 1)
    assert page.synonyms.item(0).text() == "暂住证 → 居住证"
    type_text(qtbot, page.synonym_term, "暂住证")
    type_text(qtbot, page.synonym_means, "居住证")
    click(qtbot, page, page.findChild(type(page.new_button), "addSynonymButton"))
    assert "重复" in page.synonym_error.text()
    page.synonyms.setCurrentRow(0)
    click(qtbot, page, page.findChild(type(page.new_button), "removeSynonymButton"))
    qtbot.waitUntil(lambda: page.synonyms.count() == 0)
    assert K.list_synonyms(ctx.sf) == []


def test_the_measures_section_shows_share_use_and_gaps(qtbot, page, ctx):
    from app.services import lifecycle as L
    from tests.conftest import make_actor
    from tests.factories import form

    d = directory(ctx.sf)
    a = K.create_article(ctx.sf, system_actor(), K.ArticleInput(
        "居住证办理条件", "到居住地派出所申领。", "演示", TODAY - timedelta(days=40), None, "居住证",
        [d.category_by_name("政策咨询").id]), publish=True)
    receptionist = make_actor("receptionist")
    ref = L.answer_at_intake(ctx.sf, receptionist, form(ctx.sf, request_type="consultation", category="政策咨询"),
                             a.answer, article=(a.id, a.version))
    L.record_callback(ctx.sf, make_actor("callback"), ref.id, L.CallbackAnswers(True, "yes", "satisfied"))
    for _ in range(5):
        L.create_case(ctx.sf, receptionist, form(ctx.sf, request_type="consultation", category="停车管理"))
    page.sections.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.gap_model.rowCount() == 1)
    assert page.share_model.data(page.share_model.index(0, 3)) == "16.7%"  # 1 of 6 consultations
    assert [page.use_model.data(page.use_model.index(0, c)) for c in (0, 2, 3, 7)] == ["居住证办理条件", "1", "1", "100.0%"]
    assert page.gap_model.data(page.gap_model.index(0, 0)) == "停车管理"
    assert "咨询 6 件,直接答复 1 件" in page.measures_note.text()
