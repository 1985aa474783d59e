"""The demo's knowledge base: about 40 articles written for the demo, each with a validity period, loaded by
`python main.py demo`, and the demo's answers at intake taken from them so that the measures have numbers."""
from __future__ import annotations

import csv
from datetime import date

from sqlalchemy import select

from app import db
from app.models import Case, KnowledgeAnswer, KnowledgeArticleVersion
from app.services import demo
from app.services import knowledge as K
from app.services.reference import REFERENCE_DIR
from tests.conftest import new_pg_url, new_sqlite_url


def test_the_data_file_says_it_is_written_for_the_demo_and_gives_each_article_a_period():
    rows = list(csv.DictReader(open(REFERENCE_DIR / K.DEMO_ARTICLES, encoding="utf-8")))
    assert 38 <= len(rows) <= 42
    assert all("演示数据" in r["source"] and r["valid_from"] and r["valid_to"] for r in rows)
    topics = " ".join(r["title"] for r in rows)
    for topic in ("居住证", "社保", "医保", "公积金", "入学", "停车", "垃圾分类"):
        assert topic in topics, topic


def _check(url: str) -> None:
    engine = db.make_engine(url)
    sf = db.make_session_factory(engine)
    try:
        demo.generate(sf, 1500, seed=3)
        articles = K.list_articles(sf)
        assert len(articles) >= 38 and {a.status for a in articles} == {"published"}
        assert {a.id for a in K.articles_for_review(sf, date(2026, 12, 5))} == {
            a.id for a in articles if a.valid_to < date(2026, 12, 5)} != set()
        with sf() as s:
            answered = s.execute(select(Case, KnowledgeAnswer, KnowledgeArticleVersion)
                                 .join(KnowledgeAnswer, KnowledgeAnswer.case_id == Case.id)
                                 .join(KnowledgeArticleVersion,
                                       (KnowledgeArticleVersion.article_id == KnowledgeAnswer.article_id)
                                       & (KnowledgeArticleVersion.version == KnowledgeAnswer.version))).all()
        assert len(answered) >= 20
        for case, _answer, version in answered:
            assert case.reply_text == version.answer and case.request_type == "consultation"
            assert version.status == "published"
            assert version.valid_from <= case.received_at.date() and (
                version.valid_to is None or case.received_at.date() <= version.valid_to)
        m = K.measures(sf, demo.DEFAULT_START, demo.DEFAULT_END, day=date(2022, 8, 31))
        assert sum(r.from_articles for r in m.by_month) == len(answered)
        assert 0 < sum(r.answered for r in m.by_month) < sum(r.consultations for r in m.by_month)
        assert m.articles and any(u.satisfaction is not None for u in m.articles)
        assert m.gaps
        index = K.load_index(sf)
        assert index.search("我的暂住证到期了", day=date(2022, 8, 31))[0].title.startswith("居住证")
    finally:
        engine.dispose()


def test_the_demo_loads_the_articles_and_answers_from_them_sqlite(sqlite_template, tmp_path):
    _check(new_sqlite_url(sqlite_template, tmp_path))


def test_the_demo_loads_the_articles_and_answers_from_them_postgresql(pg_server, pg_template):
    _check(new_pg_url(pg_server, pg_template))
