"""月报: one month's rankings (streets/towns, bureaus, each street's communities), 进步较大, 约谈名单, 预警,
the key topics, the 每月一题 plans and the 13-month trends. Every figure from app/services/metrics.py."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from app.services import metrics
from app.services.metrics import Group
from app.services.periods import Period, months_back
from app.services.reports import document as doc
from app.services.reports.document import Chart, Column, Paragraph, Report, Section, Series, Table
from app.services.reports.request import (
    LEVEL_TITLES,
    category_name,
    cn_day,
    cn_month,
    cn_period,
    issuer,
    percent,
    points,
    require_data,
    signed_points,
)
from app.services.rules import int_setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.directory import Directory

# the contract of the ranking sheets (README, issue 15): rows equal `rank --format csv` for that month and level
RANKING_COLUMNS = (
    Column("名次", doc.COUNT), Column("单位"), Column("层级"), Column("受理量", doc.COUNT), Column("有效回访", doc.COUNT),
    Column("响应率", doc.RATE), Column("解决率", doc.RATE), Column("满意率", doc.RATE), Column("综合成绩", doc.SCORE),
    Column("较上期", doc.CHANGE),
)
WATCH_MONTHS = 3  # the governance watch list looks at the last three months
NEAR_CUT = 0.10  # within 10 % of the cut-off: 预警


def ranking_rows(ranking: metrics.Ranking) -> tuple[tuple, ...]:
    level = LEVEL_TITLES[ranking.group.level]
    return tuple((f.rank, f.name, level, f.cases, f.callbacks, f.response_rate, f.resolution_rate,
                  f.satisfaction_rate, f.score, f.change) for f in ranking.rows)


def ranking_table(sheet: str, title: str, ranking: metrics.Ranking) -> Table:
    unranked = [f.name for f in ranking.unranked if f.cases]
    note = f"本期有诉求但无有效回访、未排名:{'、'.join(unranked)}" if unranked else ""
    return Table(sheet, title, RANKING_COLUMNS, ranking_rows(ranking), note)


def rank_changes(now: metrics.Ranking, before: metrics.Ranking) -> dict[int, int | None]:
    """Places gained (+) or lost (−) per ranked unit; None when it was not ranked before."""
    was = {f.unit_id: f.rank for f in before.rows}
    return {f.unit_id: (was[f.unit_id] - f.rank if f.unit_id in was else None) for f in now.rows}


def _rank_change_table(rows: list[tuple[metrics.Ranking, metrics.Ranking]]) -> Table:
    out = []
    for now, before in rows:
        was = {f.unit_id: f.rank for f in before.rows}
        changes = rank_changes(now, before)
        for f in now.rows:
            out.append((LEVEL_TITLES[now.group.level], f.name, f.rank, was.get(f.unit_id), changes[f.unit_id]))
    return Table("名次变化", "名次变化(与上期名次相比,+ 为上升)",
                 (Column("层级"), Column("单位"), Column("本期名次", doc.COUNT), Column("上期名次", doc.COUNT),
                  Column("名次变化", doc.RANK_CHANGE)), tuple(out))


def _worst_categories(session: Session, period: Period, unit_ids: list[int], d: Directory) -> dict[int, tuple[str, int]]:
    """Per street: the category with the most unresolved counted callbacks (reached, not resolved)."""
    out = {}
    for uid in unit_ids:
        counts = metrics.category_counts(session, period, uid, d)
        worst = max(((c.reached - c.resolved, cat) for cat, c in counts.items() if c.reached - c.resolved > 0),
                    default=None, key=lambda x: (x[0], -x[1]))
        if worst is not None:
            n, cat = worst
            out[uid] = (category_name(d, cat), n)
    return out


def _interview_table(session, period, streets: metrics.Ranking, bottom_n: int, d: Directory) -> Table:
    bottom = list(streets.rows[-bottom_n:]) if bottom_n > 0 else []
    worst = _worst_categories(session, period, [f.unit_id for f in bottom], d)
    rows = tuple((f.rank, f.name, f.response_rate, f.resolution_rate, f.satisfaction_rate, f.score,
                  worst.get(f.unit_id, ("", None))[0], worst.get(f.unit_id, ("", None))[1]) for f in bottom)
    return Table("约谈名单", f"约谈名单(综合成绩排名后 {bottom_n} 位的街道乡镇)",
                 (Column("名次", doc.COUNT), Column("单位"), Column("响应率", doc.RATE), Column("解决率", doc.RATE),
                  Column("满意率", doc.RATE), Column("综合成绩", doc.SCORE), Column("主要失分类别"),
                  Column("该类未解决回访", doc.COUNT)), rows,
                 "主要失分类别:本月有效回访中未解决件数最多的类别。")


def _improved_table(streets: metrics.Ranking, changes: dict[int, int | None], improved_n: int) -> Table:
    improved = sorted((f for f in streets.rows if f.change is not None and f.change > 0),
                      key=lambda f: (-f.change, f.name))[:improved_n]
    rows = tuple((f.name, f.rank, changes.get(f.unit_id), f.score, f.change) for f in improved)
    return Table("进步较大", f"进步较大(综合成绩较上期提高最多的 {improved_n} 个街道乡镇)",
                 (Column("单位"), Column("本期名次", doc.COUNT), Column("名次变化", doc.RANK_CHANGE),
                  Column("综合成绩", doc.SCORE), Column("较上期", doc.CHANGE)), rows,
                 "" if rows else "本期没有综合成绩较上期提高的街道乡镇。")


def watch_period(month: Period) -> Period:
    return Period.for_range(months_back(month.start, WATCH_MONTHS - 1), month.end)


def warning_rows(now: metrics.WatchList, before: metrics.WatchList) -> list[tuple]:
    """(position, name, cases, population, per 10 000, status) of the streets in the governance cut and
    those within 10 % of the cut-off value."""
    value = (lambda r: r.per_10k) if now.basis == "per_10k" else (lambda r: r.cases)
    cut = next((r for r in now.rows if r.position == now.top_n), None)
    threshold = (value(cut) or 0) * (1 - NEAR_CUT) if cut is not None else None
    was = {r.unit_id for r in before.governance}
    out = []
    for r in now.rows:
        if r.governance:
            status = "新进入治理类" if r.unit_id not in was else "治理类(上月已在)"
        elif threshold is not None and r.cases > 0 and (value(r) or 0) >= threshold:
            gap = 1 - (value(r) or 0) / value(cut) if value(cut) else 0
            status = f"接近治理线(差 {gap * 100:.1f}%)"
        else:
            continue
        out.append((r.position, r.name, r.cases, r.population, r.per_10k, status))
    return out


def _warning_table(session, month: Period, d: Directory, previous: Period) -> tuple[Table, str]:
    now = metrics.watch_list(session, watch_period(month), d)
    before = metrics.watch_list(session, watch_period(previous), d)
    basis = "每万常住人口诉求量" if now.basis == "per_10k" else "受理量(有街道无常住人口数据)"
    missing = [u.name for u in d.streets() if u.active and not u.population]
    lacking = (f"无常住人口数据的街道乡镇({len(missing)} 个):{'、'.join(missing)}。" if missing
               else "所有街道乡镇均有常住人口数据。")
    table = Table("预警", f"预警:近三个月({now.period.start:%Y-%m}至{now.period.end:%Y-%m})按{basis}排列,"
                          f"前 {now.top_n} 名为治理类",
                  (Column("位次", doc.COUNT), Column("单位"), Column("近三月受理量", doc.COUNT),
                   Column("常住人口", doc.COUNT), Column("每万人诉求量", doc.NUMBER), Column("状态")),
                  tuple(warning_rows(now, before)), lacking)
    return table, lacking


def _topic_table(session, month: Period, d: Directory, previous: Period) -> Table:
    year_ago = Period.for_month(month.start.year - 1, month.start.month)
    if previous.kind != "month":  # a month not over: the same days of last year
        year_ago = Period.for_range(months_back(month.start, 12), months_back(month.end, 12))
    vs_before = metrics.key_topic_volumes(session, month, d, previous)
    vs_year = {t.category_id: t for t in metrics.key_topic_volumes(session, month, d, year_ago)}
    scope = {"municipal": "市级", "district": "区级"}
    rows = tuple((t.name, scope.get(t.scope, t.scope), t.cases, t.previous_cases, t.change_ratio,
                  vs_year[t.category_id].previous_cases, vs_year[t.category_id].change_ratio) for t in vs_before)
    return Table("重点议题", "重点议题(“17+4”)受理量:本月、上月与去年同月",
                 (Column("议题"), Column("范围"), Column("本月", doc.COUNT), Column("上月", doc.COUNT),
                  Column("环比", doc.RATE), Column("去年同月", doc.COUNT), Column("同比", doc.RATE)), rows,
                 "" if rows else f"{month.start.year} 年没有设定重点议题。")


def _plans_table(session, month: Period, today: date) -> Table:
    from app.services import plans

    rows = []
    for plan in plans.plans_in(session, month.start, today):
        for st in plan.streets:
            rows.append((plan.topic, plan.leader, plan.lead_unit, plan.target_change, st.street, st.cases,
                         st.last_year, st.change, "—" if st.met is None else ("达标" if st.met else "未达标")))
    return Table("每月一题", "每月一题:各街道乡镇进展(本月与去年同期相比)",
                 (Column("议题"), Column("牵头领导"), Column("牵头单位"), Column("目标变化", doc.RATE),
                  Column("街道乡镇"), Column("本月", doc.COUNT), Column("去年同期", doc.COUNT),
                  Column("变化", doc.RATE), Column("是否达标")), tuple(rows),
                 "" if rows else "本月没有每月一题计划。")


def _knowledge_tables(session, month: Period) -> tuple[Table, ...]:
    """知识库 (issue 17, 2): consultations answered at intake over 13 months, the month's articles by use
    with the callback satisfaction of the cases they answered, and the knowledge gaps of the month. Read from
    the cases (not summaries): on a snapshot without cases the tables are empty and say so."""
    from app.services import knowledge

    first = months_back(month.start, 12)
    shares = knowledge.answered_by_month(session, first, month.end)
    share_rows = tuple((f"{m.month:%Y-%m}", m.consultations, m.answered, m.share, m.from_articles) for m in shares)
    uses = knowledge.article_use(session, month.start, month.end)[:10]
    use_rows = tuple((u.title, u.uses, u.reached, u.satisfaction) for u in uses)
    gaps = knowledge.knowledge_gaps(session, month.start, month.end, month.end)
    gap_rows = tuple((g.category_name, g.consultations, g.answered, g.dispatched) for g in gaps)
    return (
        Table("知识库答复", "咨询类诉求受理时直接答复情况(近 13 个月)",
              (Column("月份"), Column("咨询受理量", doc.COUNT), Column("直接答复", doc.COUNT),
               Column("直接答复占比", doc.RATE), Column("引用知识库", doc.COUNT)),
              share_rows, "" if share_rows else "没有咨询类诉求的记录。"),
        Table("知识条目使用", "本月引用最多的知识条目及其回访满意率",
              (Column("知识条目"), Column("引用次数", doc.COUNT), Column("有效回访", doc.COUNT),
               Column("满意率", doc.RATE)),
              use_rows, "" if use_rows else "本月没有引用知识条目的答复。"),
        Table("知识缺口", "知识缺口:本月多派单、少直接答复且没有在用知识条目的咨询类别",
              (Column("分类"), Column("咨询受理量", doc.COUNT), Column("直接答复", doc.COUNT),
               Column("派单", doc.COUNT)),
              gap_rows, "" if gap_rows else "本月没有知识缺口。"),
    )


def _ranked_within(session, month: Period, parents, d: Directory, previous: Period) -> tuple[tuple, ...]:
    """(parent, rank, name, cases, callbacks, the three rates, score, change) of the units under each of
    `parents` (a street's communities, a bureau's sections), ranked within their parent."""
    rows = []
    for parent in parents:
        r = metrics.ranking(session, month, Group.communities(parent.id), d, previous)
        rows += [(parent.name, f.rank, f.name, f.cases, f.callbacks, f.response_rate, f.resolution_rate,
                  f.satisfaction_rate, f.score, f.change) for f in r.rows]
    return tuple(rows)


def trend_charts(points_: tuple[metrics.MonthPoint, ...], prefix: str = "") -> tuple[Chart, Chart]:
    labels = tuple(p.label for p in points_)
    volume = Chart(f"{prefix}受理量趋势", f"{prefix}受理量(近 {len(points_)} 个月)", labels,
                   (Series("受理量", tuple(p.cases for p in points_), doc.COUNT),))
    rates = Chart(f"{prefix}三率趋势", f"{prefix}响应率、解决率、满意率(近 {len(points_)} 个月)", labels,
                  (Series("响应率", tuple(p.response_rate for p in points_), doc.RATE),
                   Series("解决率", tuple(p.resolution_rate for p in points_), doc.RATE),
                   Series("满意率", tuple(p.satisfaction_rate for p in points_), doc.RATE)))
    return volume, rates


def build_monthly(session: Session, month_day: date, today: date, d: Directory) -> Report:
    month = Period.for_month(month_day.year, month_day.month)
    require_data(session, month.start, month.end, cn_month(month.start))
    versus = metrics.comparison(session, month, today)
    previous = versus.previous
    streets = metrics.ranking(session, month, Group.streets(), d, previous)
    bureaus = metrics.ranking(session, month, Group.bureaus(), d, previous)
    streets_before = metrics.ranking(session, previous, Group.streets(), d)
    bureaus_before = metrics.ranking(session, previous, Group.bureaus(), d)
    district = metrics.total(session, month, None, d, previous)
    changes = rank_changes(streets, streets_before)

    community_rows = _ranked_within(session, month, d.streets(), d, previous)
    communities = Table("社区村排名", "各街道乡镇所属社区(村)排名(在本街道乡镇内排名)",
                        (Column("街道乡镇"), Column("名次", doc.COUNT), Column("社区(村)"), Column("受理量", doc.COUNT),
                         Column("有效回访", doc.COUNT), Column("响应率", doc.RATE), Column("解决率", doc.RATE),
                         Column("满意率", doc.RATE), Column("综合成绩", doc.SCORE), Column("较上期", doc.CHANGE)),
                        community_rows, "" if community_rows else "本月没有社区(村)的有效回访。")

    section_rows = _ranked_within(session, month, d.bureaus(), d, previous)
    sections_table = Table("科所站队排名", "各委办局所属科所站队排名(在本委办局内排名)",
                           (Column("委办局"), *communities.columns[1:2], Column("科所站队"), *communities.columns[3:]),
                           section_rows, "" if section_rows else "本月没有科所站队的有效回访。")

    improved_n = int_setting(session, "report.improved_n", month.start)
    bottom_n = int_setting(session, "report.bottom_n", month.start)
    warning, lacking = _warning_table(session, month, d, previous)
    series = metrics.monthly_series(session, start=months_back(month.start, 12), end=month.start, directory=d)
    volume_chart, rates_chart = trend_charts(series)

    partial = previous.kind != "month"
    summary = (f"{cn_month(month.start)}{'(截至 ' + cn_day(versus.period.end) + ')' if partial else ''},全区受理诉求 "
               f"{district.cases:,} 件,有效回访 {district.callbacks:,} 件;响应率 {percent(district.response_rate, 2)},"
               f"解决率 {percent(district.resolution_rate, 2)},满意率 {percent(district.satisfaction_rate, 2)},"
               f"综合成绩 {points(district.score)} 分,较上期 {signed_points(district.change)} 分。")
    scoring = streets.scoring
    rule = (f"综合成绩 = 响应率×{scoring.w_response:g} + 解决率×{scoring.w_resolution:g} + "
            f"满意率×{scoring.w_satisfaction:g}(基本满意计 {scoring.w_basic:g});较上期对比 {cn_period(previous)}。")
    sections = (
        Section("一、总体情况", (Paragraph(summary), Paragraph(rule))),
        Section("二、街道乡镇排名", (ranking_table("街道乡镇排名", f"{cn_month(month.start)}街道乡镇排名", streets),)),
        Section("三、委办局排名与名次变化", (ranking_table("委办局排名", f"{cn_month(month.start)}委办局排名", bureaus),
                                _rank_change_table([(streets, streets_before), (bureaus, bureaus_before)]))),
        Section("四、社区(村)与科所站队排名", (communities, sections_table)),
        Section("五、进步较大", (_improved_table(streets, changes, improved_n),)),
        Section("六、约谈名单", (_interview_table(session, month, streets, bottom_n, d),)),
        Section("七、治理类街镇预警", (warning,)),
        Section("八、重点议题", (_topic_table(session, month, d, previous),)),
        Section("九、每月一题", (_plans_table(session, month, today),)),
        Section("十、趋势", (volume_chart, rates_chart)),
        Section("十一、知识库", _knowledge_tables(session, month)),
    )
    notes = (f"数据截至 {cn_day(metrics.data_through(session, today))}。", lacking)
    return Report("monthly", "丰台区接诉即办工作月报", cn_month(month.start), issuer(session, month.start), today,
                  sections, notes=notes)
