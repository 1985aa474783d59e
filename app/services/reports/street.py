"""年度体检报告 of one street or town: volume by month against the district, its rates and rank month by
month, its category mix against the district's, its communities ranked, repeated calls, key topics,
unresolved and unsatisfied callbacks by category with the citizens' remarks (personal data masked), the
previous year beside, and findings written from the numbers."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select

from app.services import metrics
from app.services.metrics import Group
from app.services.periods import Period, end_of_day, next_month
from app.services.privacy import mask_numbers
from app.services.reports import document as doc
from app.services.reports.document import Chart, Column, Findings, Paragraph, Report, Section, Series, Table
from app.services.reports.request import (
    NO_CASES_IN_COPY,
    ReportRefused,
    cases_in_copy,
    category_name,
    cn_day,
    cn_period,
    issuer,
    percent,
    points,
    require_data,
    street_named,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.directory import Directory, UnitInfo

TOP_CATEGORIES = 15
TOP_PLACES = 10
REMARKS = 3  # remarks quoted per category
REMARK_LENGTH = 60
def masked_remark(text: str) -> str:
    """A citizen's remark without phone numbers or other long numbers (names are not typed in remarks)."""
    text = mask_numbers(" ".join(text.split()))
    return text if len(text) <= REMARK_LENGTH else text[: REMARK_LENGTH - 1] + "…"


def _share(counts: dict[int, metrics.Counts]) -> tuple[int, dict[int, float]]:
    total = sum(c.received for c in counts.values())
    return total, {k: c.received / total for k, c in counts.items()} if total else {}


def _months(period: Period, through: date) -> list[date]:
    out, m = [], period.start
    while m <= min(period.end, through):
        out.append(m)
        m = next_month(m)
    return out


def _bounds(period: Period) -> tuple[datetime, datetime]:
    """The first moment of the period and the first moment after it."""
    return (datetime.combine(period.start, datetime.min.time()),
            end_of_day(period.end))


def _repeated(session: Session, street: UnitInfo, period: Period, d: Directory) -> tuple[list[tuple], list[tuple]]:
    """The addresses with the most cases and the communities with the most repeat calls in the period."""
    from app.models import Case

    lo, hi = _bounds(period)
    inside = (Case.street_id == street.id, Case.received_at >= lo, Case.received_at < hi)
    address = func.trim(Case.address)
    addresses = session.execute(  # a 保密 case's address is not printed (units read this report)
        select(address, func.count(), func.sum(Case.repeat_count)).where(*inside, address != "",
                                                                         Case.confidential.is_(False))
        .group_by(address).having(func.count() >= 2).order_by(func.count().desc(), address).limit(TOP_PLACES)).all()
    communities = session.execute(
        select(Case.community_id, func.sum(Case.repeat_count), func.count()).where(*inside, Case.community_id.is_not(None))
        .group_by(Case.community_id).having(func.sum(Case.repeat_count) > 0)
        .order_by(func.sum(Case.repeat_count).desc(), Case.community_id).limit(TOP_PLACES)).all()
    return ([(a, n, int(r or 0)) for a, n, r in addresses],
            [(d.units[c].name if c in d.units else "", int(r or 0), n) for c, r, n in communities])


def _unresolved(session: Session, street: UnitInfo, period: Period, d: Directory) -> dict[int, list]:
    """Per category: [unresolved, unsatisfied, remarks] of the reached callbacks in the period that judge the
    street or one of its communities (the callbacks its rates count; a bureau's case in the street is not its)."""
    from app.models import Callback, Case

    lo, hi = _bounds(period)
    out: dict[int, list] = {}
    q = (select(Case.category_id, Callback.resolved, Callback.satisfaction, Callback.remark, Case.confidential)
         .join(Case, Case.id == Callback.case_id)
         .where(Callback.unit_id.in_(sorted(u.id for u in d.units.values() if d.ancestor_in(u.id, {street.id}))),
                Callback.at >= lo, Callback.at < hi, Callback.reached.is_(True),
                or_(Callback.resolved != "yes", Callback.satisfaction == "unsatisfied"))
         .order_by(Callback.at.desc()))
    for cat, resolved, satisfaction, remark, confidential in session.execute(q):
        entry = out.setdefault(cat or 0, [0, 0, []])
        entry[0] += resolved != "yes"
        entry[1] += satisfaction == "unsatisfied"
        # counted, but a 保密 case's remark is never quoted (a unit handler may make this report)
        text = masked_remark(remark) if remark and remark.strip() and not confidential else ""
        if text and text not in entry[2] and len(entry[2]) < REMARKS:
            entry[2].append(text)
    return out


def _topics(d: Directory, year: int, counts: dict[int, metrics.Counts]) -> dict[int, int]:
    topics = d.key_topics.get(year, {})
    out = dict.fromkeys(topics, 0)
    for cat_id, c in counts.items():
        current, seen = d.categories.get(cat_id), 0
        while current is not None and seen < 8:
            if current.id in topics:
                out[current.id] += c.received
                break
            current, seen = (d.categories.get(current.parent_id) if current.parent_id else None), seen + 1
    return out


def build_street(session: Session, year: int, street_name: str | None, today: date, d: Directory) -> Report:
    street = street_named(d, street_name)
    if not 1990 <= year <= 2100:
        raise ReportRefused(f"年份 {year} 无效")
    latest = require_data(session, date(year, 1, 1), date(year, 12, 31), f"{year}年")
    period = Period.for_year(year)
    versus = metrics.comparison(session, period, today)
    previous = versus.previous  # the same days of the year before while the year is not over
    covered = versus.covered
    months = _months(period, latest)

    # 1. volume by month against the district, with the previous year
    mine = metrics.monthly_series(session, start=months[0], end=months[-1], unit_id=street.id, directory=d)
    mine_before = metrics.monthly_series(session, start=date(year - 1, 1, 1), end=date(year - 1, months[-1].month, 1),
                                         unit_id=street.id, directory=d)
    district = metrics.monthly_series(session, start=months[0], end=months[-1], directory=d)
    volume = Table("月度受理量", "月度受理量:本街道与全区",
                   (Column("月份"), Column("本街道", doc.COUNT), Column("全区", doc.COUNT), Column("占全区", doc.RATE),
                    Column("上年同月", doc.COUNT), Column("同比", doc.RATE)),
                   tuple((p.label, p.cases, q.cases, p.cases / q.cases if q.cases else None, b.cases,
                          p.cases / b.cases - 1 if b.cases else None)
                         for p, q, b in zip(mine, district, mine_before, strict=True)))
    volume_chart = Chart("受理量趋势", "月度受理量(本街道与上年)", tuple(p.label for p in mine),
                         (Series(str(year), tuple(p.cases for p in mine)),
                          Series(str(year - 1), tuple(b.cases for b in mine_before))))

    # 2. rates and rank month by month
    rank_rows = []
    for m in months:
        month = Period.for_month(m.year, m.month)
        r = metrics.ranking(session, month, Group.streets(), d)
        f = next((x for x in r.rows + r.unranked if x.unit_id == street.id), None)
        rank_rows.append((f"{m:%Y-%m}", f.cases if f else 0, f.callbacks if f else 0,
                          f.response_rate if f else None, f.resolution_rate if f else None,
                          f.satisfaction_rate if f else None, f.score if f else None, f.change if f else None,
                          f.rank if f else None, len(r.rows)))
    rates_table = Table("月度三率与排名", "月度三率、综合成绩与在全区街道乡镇中的名次",
                        (Column("月份"), Column("受理量", doc.COUNT), Column("有效回访", doc.COUNT),
                         Column("响应率", doc.RATE), Column("解决率", doc.RATE), Column("满意率", doc.RATE),
                         Column("综合成绩", doc.SCORE), Column("较上月", doc.CHANGE), Column("名次", doc.COUNT),
                         Column("参排单位数", doc.COUNT)), tuple(rank_rows))
    rates_chart = Chart("三率趋势", "月度响应率、解决率、满意率", tuple(r[0] for r in rank_rows),
                        (Series("响应率", tuple(r[3] for r in rank_rows), doc.RATE),
                         Series("解决率", tuple(r[4] for r in rank_rows), doc.RATE),
                         Series("满意率", tuple(r[5] for r in rank_rows), doc.RATE)))
    year_figures = metrics.total(session, period, street.id, d, previous)
    year_rank = metrics.ranking(session, period, Group.streets(), d, previous)
    before_rank = metrics.ranking(session, previous, Group.streets(), d)
    now_pos = next((f.rank for f in year_rank.rows if f.unit_id == street.id), None)
    was_pos = next((f.rank for f in before_rank.rows if f.unit_id == street.id), None)

    # 3. categories against the district's mix, this year and last
    counts = metrics.category_counts(session, covered, street.id, d)
    counts_before = metrics.category_counts(session, previous, street.id, d)
    district_counts = metrics.category_counts(session, covered, None, d)
    total, share = _share(counts)
    _, share_before = _share(counts_before)
    _, district_share = _share(district_counts)
    top = sorted((c.received, cid) for cid, c in counts.items() if c.received and cid)[::-1][:TOP_CATEGORIES]
    mix_rows = []
    for n, cid in sorted(top, key=lambda x: (-x[0], x[1])):
        ds = district_share.get(cid)
        mix_rows.append((category_name(d, cid), n, share[cid], ds, share[cid] / ds if ds else None,
                         share_before.get(cid), share[cid] - share_before.get(cid, 0.0)))
    mix = Table("类别结构", f"主要类别占比与全区对比(前 {TOP_CATEGORIES} 类)",
                (Column("类别"), Column("件数", doc.COUNT), Column("占比", doc.RATE), Column("全区占比", doc.RATE),
                 Column("为全区倍数", doc.RATIO), Column("上年占比", doc.RATE), Column("占比变化(百分点)", doc.CHANGE)),
                tuple(mix_rows), "倍数 = 本街道该类占比 ÷ 全区该类占比;大于 1 为高于全区平均。")

    # 4. communities ranked within the street
    communities = metrics.ranking(session, period, Group.communities(street.id), d, previous)
    community_table = Table("社区村排名", "所属社区(村)年度排名",
                            (Column("名次", doc.COUNT), Column("社区(村)"), Column("受理量", doc.COUNT),
                             Column("有效回访", doc.COUNT), Column("响应率", doc.RATE), Column("解决率", doc.RATE),
                             Column("满意率", doc.RATE), Column("综合成绩", doc.SCORE), Column("较上年", doc.CHANGE)),
                            tuple((f.rank, f.name, f.cases, f.callbacks, f.response_rate, f.resolution_rate,
                                   f.satisfaction_rate, f.score, f.change) for f in communities.rows))

    # 5. repeated calls, 7. unresolved callbacks: from the cases (a snapshot without them says so)
    with_cases = cases_in_copy(session, period.start)
    no_cases = "" if with_cases else NO_CASES_IN_COPY
    addresses, repeat_communities = _repeated(session, street, covered, d) if with_cases else ([], [])
    address_table = Table("重复诉求地址", f"诉求最多的地址(前 {TOP_PLACES} 个,2 件以上)" + no_cases,
                          (Column("地址"), Column("件数", doc.COUNT), Column("重复来电", doc.COUNT)), tuple(addresses))
    community_repeat = Table("重复来电社区", f"重复来电最多的社区(村)(前 {TOP_PLACES} 个)" + no_cases,
                             (Column("社区(村)"), Column("重复来电", doc.COUNT), Column("件数", doc.COUNT)),
                             tuple(repeat_communities))
    unresolved = _unresolved(session, street, covered, d) if with_cases else {}
    unresolved_before = _unresolved(session, street, previous, d) if with_cases else {}
    unresolved_rows = tuple(
        (category_name(d, cid), e[0], e[1], unresolved_before.get(cid, [0, 0])[0], unresolved_before.get(cid, [0, 0])[1],
         ";".join(e[2]))
        for cid, e in sorted(unresolved.items(), key=lambda kv: (-(kv[1][0] + kv[1][1]), kv[0])))
    unresolved_table = Table("未解决不满意", "未解决、不满意回访(按类别)及市民意见" + no_cases,
                             (Column("类别"), Column("未解决", doc.COUNT), Column("不满意", doc.COUNT),
                              Column("上年未解决", doc.COUNT), Column("上年不满意", doc.COUNT), Column("市民意见摘录")),
                             unresolved_rows, "市民意见已去除电话号码等个人信息。")

    # 6. key topics
    topics_now = _topics(d, year, counts)
    topics_before = _topics(d, year, counts_before)
    topic_table = Table("重点议题", "重点议题(“17+4”)受理量",
                        (Column("议题"), Column("本年", doc.COUNT), Column("上年同期", doc.COUNT), Column("同比", doc.RATE)),
                        tuple((category_name(d, cid), n, topics_before.get(cid, 0),
                               n / topics_before[cid] - 1 if topics_before.get(cid) else None)
                              for cid, n in sorted(topics_now.items(), key=lambda kv: (-kv[1], kv[0]))))

    # findings, from the numbers above
    sentences = []
    before_total = sum(c.received for c in counts_before.values())
    span = f"{year}年" + (f"(截至{cn_day(versus.through)})" if versus.partial else "")
    sentences.append(f"{span}共受理诉求 {total:,} 件" + (
        f",较上年同期{'上升' if total >= before_total else '下降'} {abs(total / before_total - 1) * 100:.1f}%。"
        if before_total else "。"))
    if year_figures.score is not None:
        sentences.append(f"全年响应率 {percent(year_figures.response_rate)}、解决率 {percent(year_figures.resolution_rate)}、"
                         f"满意率 {percent(year_figures.satisfaction_rate)},综合成绩 {points(year_figures.score)} 分,"
                         f"在 {len(year_rank.rows)} 个街道乡镇中排名第 {now_pos} 位"
                         + (f"(上年同期第 {was_pos} 位)。" if was_pos else "。"))
    for name, _n, s, _ds, ratio, sb, delta in sorted(mix_rows, key=lambda r: -(r[4] or 0))[:3]:
        if ratio and ratio > 1.2:
            sentences.append(f"{name}诉求占比 {s * 100:.1f}%,为全区平均的 {ratio:.1f} 倍"
                             + (f",较上年{'上升' if delta >= 0 else '下降'} {abs(delta) * 100:.1f} 个百分点。"
                                if sb is not None else "。"))
    if unresolved_rows:
        first = unresolved_rows[0]
        sentences.append(f"未解决、不满意回访集中在{first[0]}(未解决 {first[1]} 件、不满意 {first[2]} 件)。")
    rising = [(n / topics_before[c] - 1, c) for c, n in topics_now.items() if topics_before.get(c) and n > topics_before[c]]
    if rising:
        ratio, cid = max(rising)
        sentences.append(f"重点议题中{category_name(d, cid)}增幅最大,同比上升 {ratio * 100:.1f}%。")

    summary = (f"{street.name}{span}受理诉求 {total:,} 件,有效回访 {year_figures.callbacks:,} 件。"
               f"上年对比时段:{cn_period(previous)}。")
    sections = (
        Section("一、总体情况", (Paragraph(summary), Findings("主要发现", tuple(sentences)))),
        Section("二、诉求量", (volume, volume_chart)),
        Section("三、三率与排名", (rates_table, rates_chart)),
        Section("四、诉求结构", (mix, topic_table)),
        Section("五、社区(村)", (community_table, community_repeat)),
        Section("六、重复诉求", (address_table,)),
        Section("七、未解决与不满意", (unresolved_table,)),
    )
    notes = (f"数据截至 {cn_day(metrics.data_through(session, today))}。",
             "" if street.population else f"{street.name}无常住人口数据。")
    return Report("street", "接诉即办年度体检报告", f"{year}年度", issuer(session, period.start), today,
                  sections, subtitle=street.name, notes=tuple(n for n in notes if n))
