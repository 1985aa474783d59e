"""Benchmark of the knowledge-base matching (app/services/knowledge.py), printing medians.

    python bench/bench_knowledge.py [--articles 10000] [--repeat 3] [--seed 1] [--widget]

Builds an index of N generated published articles (titles, keywords and ~150-character answers made of
the demo's consultation vocabulary, so that common bigrams such as 办理 or 社区 sit in thousands of
articles, as in a real base), then replays consultation descriptions one keystroke at a time, with and
without a category, plus pinyin-initial queries, and prints the median and 95th percentile of one
search (what the intake panel's worker does per keystroke; target ≤ 50 ms) and the build time.

--widget also measures through the real intake tab (offscreen): the articles are written into a fresh
SQLite database, and for every keystroke of the same descriptions (one input-method commit per
character) the time from the key to the knowledge panel showing the matches of the text typed so far.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.services.knowledge import Article, KnowledgeIndex  # noqa: E402

TOPICS = ["居住证", "社保卡", "医保报销", "公积金提取", "小学入学", "幼儿园报名", "路侧停车", "垃圾分类", "养老金",
          "失业保险", "生育津贴", "新生儿落户", "身份证补办", "不动产登记", "老旧小区改造", "供暖费", "燃气开户",
          "电动自行车上牌", "残疾人证", "低保申请", "临时救助", "老年卡", "护照办理", "营业执照", "个税汇算",
          "租房补贴", "公租房", "廉租房", "异地就医", "门诊特殊病", "职工医保", "城乡居民医保", "灵活就业",
          "退役军人", "高龄津贴", "义务教育", "学区划片", "课后服务", "校车", "疫苗接种", "家庭医生"]
ACTIONS = ["办理条件", "所需材料", "办理地点", "办理时限", "收费标准", "网上办理", "政策解读", "常见问题", "变更", "补办"]
PHRASES = ["可登录北京市政务服务网办理", "携带本人身份证原件", "到所在街道社区服务中心窗口", "工作日上午九点至下午五点",
           "一般在十五个工作日内办结", "不收取任何费用", "具体以经办机构审核为准", "可拨打咨询电话了解进度",
           "需提供近三个月的缴费记录", "委托他人办理的还需提供委托书", "符合条件的可以申请", "逾期未办理的需重新申请",
           "办理结果将以短信通知", "社区居委会可以协助办理", "请提前通过小程序预约", "材料不齐的需补正后再次提交"]
CALLS = ["你好我想问一下居住证到期了怎么续签需要带什么材料", "孩子明年上小学请问入学信息采集什么时候开始",
         "我想提取公积金付房租每个月能取多少钱", "小区门口路边停车怎么收费的晚上也收吗", "请问厨余垃圾和其他垃圾怎么分",
         "退休以后医保报销比例是多少门诊能报吗", "jzz", "gjj xq", "社保断缴了还能补缴吗影响买房吗"]


def generate(n: int, rng: random.Random) -> list[Article]:
    today = date.today()
    out = []
    for i in range(n):
        topic, action = rng.choice(TOPICS), rng.choice(ACTIONS)
        answer = ",".join(rng.sample(PHRASES, 6)) + "。"
        keywords = (topic, rng.choice(TOPICS), action)
        out.append(Article(i + 1, f"{topic}{action}(第{i + 1}条)", answer, keywords, (rng.randint(1, 56),),
                           "演示政策", None, today - timedelta(days=rng.randint(0, 400)),
                           today + timedelta(days=rng.randint(-30, 700)), "published", 2, datetime.now()))
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--widget", action="store_true", help="also keystroke → panel through the intake tab")
    args = p.parse_args()
    rng = random.Random(args.seed)
    articles = generate(args.articles, rng)
    builds = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        index = KnowledgeIndex(articles, {"暂住证": ["居住证"], "五险一金": ["社保", "公积金"]},
                               {c: (None if c <= 13 else (c - 13) % 13 + 1) for c in range(1, 57)})
        builds.append(time.perf_counter() - t)
    print(f"build index of {len(index)} articles: median {statistics.median(builds) * 1000:.0f} ms")
    for label, category in (("keystrokes, no category", None), ("keystrokes, with category", 5)):
        times = []
        for _ in range(args.repeat):
            for call in CALLS:
                for k in range(1, len(call) + 1):
                    t = time.perf_counter()
                    index.search(call[:k], category)
                    times.append(time.perf_counter() - t)
        times.sort()
        print(f"search per keystroke ({label}): {len(times)} searches, median {statistics.median(times) * 1000:.2f} ms, "
              f"p95 {times[int(len(times) * 0.95)] * 1000:.2f} ms, max {times[-1] * 1000:.2f} ms")
    if args.widget:
        bench_widget(articles, args.repeat)
    return 0


def bench_widget(articles: list[Article], repeat: int) -> None:
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from app import db
    from app.models import KnowledgeArticle
    from app.services.actors import Actor
    from app.ui.application import make_application, open_context
    from app.ui.intake.draft_store import DraftStore
    from app.ui.intake.tab import IntakeTab

    def wait(condition, timeout: float = 60.0) -> float:
        start = time.perf_counter()
        while not condition():
            app.processEvents()
            if time.perf_counter() - start > timeout:
                raise TimeoutError("condition not reached")
            time.sleep(0.0005)
        return time.perf_counter() - start

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/knowledge.db"
        engine = db.make_engine(url)
        db.upgrade(engine)
        with db.make_session_factory(engine).begin() as s:
            s.add_all(KnowledgeArticle(title=a.title, answer=a.answer, keywords="、".join(a.keywords), category_ids="",
                                       source=a.source, owner_unit_id=None, valid_from=a.valid_from, valid_to=a.valid_to,
                                       status="published", version=2, updated_at=a.updated_at) for a in articles)
        engine.dispose()
        ctx = open_context(url, Actor(staff_id=None, role="receptionist", workstation="bench", name="bench"))
        tab = IntakeTab(ctx, draft_store=DraftStore(Path(tmp) / "draft.json"))
        tab.resize(1366, 768)
        tab.show()
        panel, box = tab.knowledge, tab.form.description

        def commit(text: str) -> None:
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(box, event)

        def shown(text: str):
            return lambda: panel.query == (text.strip(), None) and not panel.is_busy()

        box.setFocus()
        commit("居")
        first = wait(shown("居"))
        print(f"first search (builds the index of {len(articles)} articles from the database): {first * 1000:.0f} ms")
        times = []
        for _ in range(repeat):
            for call in CALLS:
                tab.clear_form()
                wait(lambda: not panel.is_busy())
                box.setFocus()
                for k, char in enumerate(call, start=1):
                    t = time.perf_counter()
                    commit(char)
                    wait(shown(call[:k]))
                    times.append(time.perf_counter() - t)
        times.sort()
        print(f"keystroke → panel shows its matches (intake tab, {len(times)} keystrokes): median "
              f"{statistics.median(times) * 1000:.1f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms, "
              f"max {times[-1] * 1000:.1f} ms")
        tab.close()
        ctx.engine.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
