"""The knowledge base (知识库): articles with their versions, synonyms, matching, and the answer a case records."""
from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from app import db
from app.models import KnowledgeAnswer, KnowledgeArticleVersion
from app.services import accounts, clock
from app.services import knowledge as K
from app.services import lifecycle as L
from app.services.errors import AppendOnly, PermissionDenied, ValidationFailed
from tests.conftest import make_actor, new_pg_url
from tests.factories import directory, form

TODAY = clock.today()


def category_id(sf, name: str) -> int:
    return directory(sf).category_by_name(name).id


def article(sf, title="居住证办理条件", answer="在本市连续居住半年以上,有合法稳定就业、住所或连续就读的,可到居住地派出所申领居住证。",
            keywords="居住证、暂住证明、派出所", category="政策咨询", valid_from=None, valid_to=None, **extra) -> K.ArticleInput:
    return K.ArticleInput(title=title, answer=answer, source=extra.pop("source", "《北京市实施〈居住证暂行条例〉办法》(演示)"),
                          valid_from=valid_from or TODAY - timedelta(days=30), valid_to=valid_to,
                          keywords=keywords, category_ids=[category_id(sf, category)], **extra)


@pytest.fixture
def editor(sf, system):
    info = accounts.create_staff(sf, system, "kb_editor", "王编辑", "admin", "Secret-pass-123", password_repeat="Secret-pass-123")
    return make_actor("admin", staff_id=info.id)


def test_create_edit_publish_retire_keep_every_version_with_who_and_when(sf, editor):
    a = K.create_article(sf, editor, article(sf))
    assert (a.status, a.version) == ("draft", 1)
    a = K.edit_article(sf, editor, a.id, article(sf, answer="新的答复口径:到居住地派出所申领。"), expected_version=1)
    assert (a.status, a.version, a.answer) == ("draft", 2, "新的答复口径:到居住地派出所申领。")
    a = K.publish_article(sf, editor, a.id, expected_version=2)
    a = K.retire_article(sf, editor, a.id, expected_version=3)
    history = K.article_versions(sf, a.id)
    assert [(v.version, v.action, v.status) for v in history] == [
        (4, "retire", "retired"), (3, "publish", "published"), (2, "edit", "draft"), (1, "create", "draft")]
    assert {v.actor_name for v in history} == {"王编辑"}
    assert history[-1].answer.startswith("在本市连续居住半年以上")  # the first words are kept
    with pytest.raises(ValidationFailed) as failed:  # someone else's version: refused, not overwritten
        K.edit_article(sf, editor, a.id, article(sf), expected_version=2)
    assert failed.value.problems[0].code == "changed_meanwhile"


def test_versions_are_append_only(sf, engine, editor):
    K.create_article(sf, editor, article(sf))
    with pytest.raises(AppendOnly):
        with sf.begin() as s:
            s.scalars(select(KnowledgeArticleVersion)).first().answer = "forged"
    with pytest.raises(DatabaseError, match="append-only"):
        with engine.begin() as conn:
            conn.execute(text("UPDATE knowledge_article_versions SET answer = 'forged'"))


def test_bad_input_names_each_field(sf, editor):
    with pytest.raises(ValidationFailed) as failed:
        K.create_article(sf, editor, K.ArticleInput(title=" ", answer="", source="", valid_from=TODAY,
                                                    valid_to=TODAY - timedelta(days=1), keywords="x" * 40))
    assert [(p.field, p.code) for p in failed.value.problems] == [
        ("article_title", "required"), ("article_answer", "required"), ("article_source", "required"),
        ("keywords", "too_long"), ("categories", "required"), ("valid_to", "before_start")]
    assert K.list_articles(sf) == []  # nothing half-written


def test_only_administrators_edit(sf):
    for role in ("receptionist", "dispatcher", "supervisor", "handler", "callback"):
        with pytest.raises(PermissionDenied):
            K.create_article(sf, make_actor(role), article(sf))
        with pytest.raises(PermissionDenied):
            K.add_synonym(sf, make_actor(role), "暂住证", "居住证")


def test_publishing_an_expired_article_is_refused(sf, editor):
    a = K.create_article(sf, editor, article(sf, valid_from=TODAY - timedelta(days=60), valid_to=TODAY - timedelta(days=1)))
    with pytest.raises(ValidationFailed) as failed:
        K.publish_article(sf, editor, a.id)
    assert [(p.field, p.code) for p in failed.value.problems] == [("valid_to", "expired")]


def published(sf, editor, **kw) -> K.Article:
    return K.create_article(sf, editor, article(sf, **kw), publish=True)


def test_matching_chinese_without_spaces_pinyin_initials_synonyms_and_category(sf, editor):
    permit = published(sf, editor)
    fund = published(sf, editor, title="住房公积金提取", answer="租房提取公积金可在北京公积金App办理,每月可提取一次。",
                     keywords="公积金、租房提取", category="政策咨询")
    school = published(sf, editor, title="小学入学信息采集", answer="适龄儿童家长在每年5月登录入学服务平台采集信息。",
                       keywords="入学、幼升小", category="入学与学位")
    K.add_synonym(sf, editor, "暂住证", "居住证")
    K.CACHE.invalidate()
    index = K.load_index(sf)
    assert [m.article_id for m in index.search("来电人问怎么办居住证需要什么条件")][0] == permit.id
    assert [m.article_id for m in index.search("想提取公积金交房租")][0] == fund.id
    assert [m.article_id for m in index.search("jzz")] == [permit.id]  # 居住证
    assert [m.article_id for m in index.search("gjj")] == [fund.id]  # 公积金
    assert [m.article_id for m in index.search("我那个暂住的证明到期了")][0] == permit.id  # "暂住" only
    assert [m.article_id for m in index.search("办个暂住证")][0] == permit.id  # the editors' synonym
    assert [m.article_id for m in index.search("", category_id(sf, "入学与学位"))] == [school.id]
    # the picked category puts its article first among weaker text matches
    assert index.search("办理", category_id(sf, "入学与学位"))[0].article_id == school.id
    # a parent category lists its children's articles
    assert school.id in [m.article_id for m in index.search("", category_id(sf, "教育"))]
    assert index.search("今天天气怎么样") == []
    # an article sharing only a common word with the text is left out when a strong match exists
    estate = published(sf, editor, title="不动产登记办理", answer="需携带身份证和权属材料到登记大厅。", keywords="房产证")
    index = K.load_index(sf)
    assert [m.article_id for m in index.search("办居住证需要准备什么材料")] == [permit.id]
    assert [m.article_id for m in index.search("需要准备什么材料")] == [estate.id]


def test_drafts_retired_and_expired_articles_never_match(sf, editor):
    draft = K.create_article(sf, editor, article(sf, title="草稿条目"))
    expiring = published(sf, editor, title="停车收费标准", answer="路侧停车按时段收费。", keywords="停车",
                         category="停车管理", valid_to=TODAY)
    retired = published(sf, editor, title="老旧停车政策", answer="旧的停车政策。", keywords="停车", category="停车管理")
    K.retire_article(sf, editor, retired.id)
    index = K.load_index(sf)
    assert [m.article_id for m in index.search("停车收费", day=TODAY)] == [expiring.id]
    assert index.search("停车收费", day=TODAY + timedelta(days=1)) == []  # past its last day: gone
    assert index.search("草稿条目") == [] and draft.status == "draft"
    assert [a.id for a in K.articles_for_review(sf, TODAY + timedelta(days=1))] == [expiring.id]
    assert K.articles_for_review(sf, TODAY) == []


def test_the_cache_is_rebuilt_when_articles_change(sf, editor):
    cache = K.KnowledgeCache(stamp_seconds=0)
    assert cache.search(sf, "居住证", None) == []
    a = published(sf, editor)
    assert [m.article_id for m in cache.search(sf, "居住证", None)] == [a.id]
    K.edit_article(sf, editor, a.id, article(sf, title="居住证办理条件(新)"))
    assert cache.search(sf, "居住证", None)[0].title == "居住证办理条件(新)"
    K.retire_article(sf, editor, a.id)
    assert cache.search(sf, "居住证", None) == []


def test_invalidate_does_not_wait_for_a_load_in_progress(pg_server, pg_template, system):
    """The 知识库 page calls invalidate() on the GUI thread after an edit while a worker may be reading the
    articles: it returns at once (the worker's round trip is not in its way), and the next search reads again."""
    engine = db.make_engine(new_pg_url(pg_server, pg_template))
    sf = db.make_session_factory(engine)
    info = accounts.create_staff(sf, system, "kb_editor", "王编辑", "admin", "Secret-pass-123",
                                 password_repeat="Secret-pass-123")
    editor = make_actor("admin", staff_id=info.id)
    cache = K.KnowledgeCache(stamp_seconds=3600)
    assert cache.search(sf, "居住证", None) == []
    cache.invalidate()
    blocker = engine.connect()
    worker = None
    try:
        with blocker.begin():
            # another transaction holds the articles: the worker's stamp query waits for it
            blocker.execute(text("LOCK TABLE knowledge_articles IN ACCESS EXCLUSIVE MODE"))
            worker = threading.Thread(target=cache.index, args=(sf,), daemon=True)
            worker.start()
            deadline = time.monotonic() + 10
            with engine.connect() as probe:
                while not probe.execute(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                             "AND datname = current_database()")).scalar():
                    assert time.monotonic() < deadline, "the worker's read did not start"
                    probe.rollback()  # pg_stat_activity is read once per transaction
                    time.sleep(0.02)
            invalidating = threading.Thread(target=cache.invalidate, daemon=True)
            invalidating.start()
            invalidating.join(2)
            assert not invalidating.is_alive(), "invalidate() waited for the worker's database read"
        worker.join(10)
        assert not worker.is_alive()
        a = published(sf, editor)  # stamp_seconds is an hour: found because of the invalidate()
        cache.invalidate()
        assert [m.article_id for m in cache.search(sf, "居住证", None)] == [a.id]
    finally:
        blocker.close()
        if worker is not None:
            worker.join(10)
        engine.dispose()


def test_a_case_answered_from_an_article_records_it_and_its_version(sf, editor):
    a = published(sf, editor)
    receptionist = make_actor("receptionist")
    f = form(sf, request_type="consultation", category="政策咨询", description="咨询居住证怎么办")
    ref = L.answer_at_intake(sf, receptionist, f, a.answer, article=(a.id, a.version))
    with sf() as s:
        row = s.get(KnowledgeAnswer, ref.id)
        assert (row.article_id, row.version) == (a.id, a.version) == (a.id, 2)
    K.retire_article(sf, editor, a.id)
    with pytest.raises(ValidationFailed) as failed:  # a retired article is no basis for an answer
        L.answer_at_intake(sf, receptionist, f, a.answer, article=(a.id, a.version))
    assert ("article", "not_published") in [(p.field, p.code) for p in failed.value.problems]
    # answering without an article records none
    ref = L.answer_at_intake(sf, receptionist, f, "已口头答复")
    with sf() as s:
        assert s.get(KnowledgeAnswer, ref.id) is None


def test_an_unknown_version_is_refused(sf, editor):
    a = published(sf, editor)
    f = form(sf, request_type="consultation", category="政策咨询")
    with pytest.raises(ValidationFailed):
        L.answer_at_intake(sf, make_actor("receptionist"), f, a.answer, article=(a.id, 99))


def test_a_draft_version_is_no_answer(sf, editor):
    """Only a version that was published can be recorded as a case's answer: the drafts before it were never
    shown at intake (the article is published now, so only the version's own status can tell)."""
    a = K.create_article(sf, editor, article(sf))  # version 1: a draft
    K.edit_article(sf, editor, a.id, article(sf, answer="草稿里的答复口径。"))  # version 2: a draft
    a = K.publish_article(sf, editor, a.id)  # version 3: published
    receptionist = make_actor("receptionist")
    f = form(sf, request_type="consultation", category="政策咨询")
    for draft in (1, 2):
        with pytest.raises(ValidationFailed) as failed:
            L.answer_at_intake(sf, receptionist, f, "草稿里的答复口径。", article=(a.id, draft))
        assert ("article", "not_published") in [(p.field, p.code) for p in failed.value.problems]
    ref = L.answer_at_intake(sf, receptionist, f, a.answer, article=(a.id, 3))
    with sf() as s:
        assert s.get(KnowledgeAnswer, ref.id).version == 3


def test_synonym_problems(sf, editor):
    K.add_synonym(sf, editor, "暂住证", "居住证")
    for term, means, expected in (("暂住证", "居住证", ("synonym_term", "duplicate")), ("", "居住证", ("synonym_term", "required")),
                                  ("居住证", "居住证", ("synonym_means", "same_as_term"))):
        with pytest.raises(ValidationFailed) as failed:
            K.add_synonym(sf, editor, term, means)
        assert (failed.value.problems[0].field, failed.value.problems[0].code) == expected
    [syn] = K.list_synonyms(sf)
    K.remove_synonym(sf, editor, syn.id)
    assert K.list_synonyms(sf) == []


def test_terms_and_initials():
    assert K.terms("居住证ABC 12") == {"居住", "住证", "abc", "12"}
    assert K.terms("证") == {"证"}
    assert K.initials("居住证") == {"jzz"}
    assert K.initials("银行卡") >= {"yhk", "yxk"}  # 行: háng or xíng


def test_measures_share_answered_article_use_and_gaps(sf, editor):
    a = published(sf, editor)
    receptionist, callback = make_actor("receptionist"), make_actor("callback")
    ask = form(sf, request_type="consultation", category="政策咨询", description="咨询居住证怎么办")
    answered = [L.answer_at_intake(sf, receptionist, ask, a.answer, article=(a.id, a.version)) for _ in range(3)]
    L.answer_at_intake(sf, receptionist, ask, "口头答复")  # answered, but from no article
    for ref, satisfaction in zip(answered, ("satisfied", "basic", "unsatisfied"), strict=True):
        L.record_callback(sf, callback, ref.id, L.CallbackAnswers(True, "yes", satisfaction))
    # consultations about parking are dispatched every time, and there is no article on parking
    parking = form(sf, request_type="consultation", category="停车管理", description="咨询停车收费")
    for _ in range(6):
        L.create_case(sf, receptionist, parking)
    # a help request is no consultation: counted nowhere
    L.create_case(sf, receptionist, form(sf, category="停车管理"))
    m = K.measures(sf, TODAY - timedelta(days=40), TODAY)
    [month] = m.by_month
    assert (month.month, month.consultations, month.answered, month.from_articles) == (TODAY.replace(day=1), 10, 4, 3)
    assert month.share == pytest.approx(0.4)
    [use] = m.articles
    assert (use.article_id, use.uses, use.reached, use.satisfied, use.basic, use.unsatisfied) == (a.id, 3, 3, 1, 1, 1)
    assert use.satisfaction == pytest.approx(2 / 3)  # (satisfied + 1 × basic) / reached, the default w
    assert [(g.category_name, g.consultations, g.dispatched) for g in m.gaps] == [("停车管理", 6, 6)]
    # an article on parking closes the gap
    published(sf, editor, title="停车收费标准", answer="路侧停车按时段收费。", keywords="停车", category="停车管理")
    assert K.measures(sf, TODAY - timedelta(days=40), TODAY).gaps == []


def test_a_snapshot_from_a_day_carries_the_answers_of_the_cases_it_holds(sf, engine, editor, tmp_path, capsys):
    from datetime import datetime

    from app import db
    from app.cli import main

    a = published(sf, editor, valid_from=TODAY.replace(year=2022, month=1, day=1))
    refs = [L.answer_at_intake(sf, make_actor("receptionist"), form(sf, request_type="consultation", category="政策咨询",
                                                                     received_at=datetime(2022, month, 20, 9)),
                               a.answer, article=(a.id, a.version)) for month in (7, 8)]
    path = tmp_path / "laptop.db"
    url = engine.url.render_as_string(hide_password=False)
    assert main(["snapshot", str(path), "--db", url, "--from", "2022-08-10"]) == 0, capsys.readouterr().err
    copy = db.make_engine(f"sqlite:///{path}")
    try:
        with db.make_session_factory(copy)() as s:
            assert [r.case_id for r in s.scalars(select(KnowledgeAnswer))] == [refs[1].id]
            assert s.get(KnowledgeArticleVersion, 1) is not None  # the articles come whole
    finally:
        copy.dispose()
