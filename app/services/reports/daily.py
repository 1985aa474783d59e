"""日报: one day's intake against the 7 days before, its top categories and streets, the key topics, the
day's callbacks with the month-to-date rates and rankings, the surges, and the reminder list (重点难点)."""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app.services import metrics
from app.services.metrics import Group
from app.services.periods import Period, months_back
from app.services.reports import document as doc
from app.services.reports.document import Column, Paragraph, Report, Section, Table
from app.services.reports.monthly import RANKING_COLUMNS, ranking_rows
from app.services.reports.request import (
    NO_CASES_IN_COPY,
    ReportRefused,
    cases_in_copy,
    category_name,
    cn_day,
    cn_period,
    handling_unit_named,
    issuer,
    percent,
    points,
    require_data,
)
from app.services.rules import int_setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.directory import Directory, UnitInfo

CHANNELS = {"phone": "电话", "web": "网站", "wechat": "微信", "weibo": "微博", "app": "客户端", "forwarded": "上级转办"}
REQUEST_TYPES = {"consultation": "咨询", "help": "求助", "complaint": "投诉", "report": "举报", "suggestion": "建议",
                 "praise": "表扬"}
STATUSES = {"new": "待派单", "dispatched": "已派单", "accepted": "已签收", "returned": "已退回"}
OPEN = tuple(STATUSES)  # the cases a unit still has to act on
REMINDERS = ("已超期", "即将超期", "多次来电", "重新办理", "紧急诉求", "地址聚集")
REPEAT_CALLS = 3  # called about three times or more: the first call and two repeats
ADDRESS_CASES, ADDRESS_DAYS = 3, 7
TOP = 10
SURGE_DAYS = 7  # the surges of the 7 days up to the report's day (the hotspots tab's default window)


def _start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _grouped(session: Session, column, lo: datetime, hi: datetime) -> Counter:
    from app.models import Case

    return Counter(dict(session.execute(select(column, func.count()).where(Case.received_at >= lo, Case.received_at < hi)
                                        .group_by(column)).all()))


def _mix_table(session, day: date, sheet: str, title: str, column, labels: dict[str, str]) -> Table:
    today = _grouped(session, column, _start(day), _start(day + timedelta(days=1)))
    week = _grouped(session, column, _start(day - timedelta(days=7)), _start(day))
    rows = []
    for code, label in labels.items():
        avg = week.get(code, 0) / 7
        rows.append((label, today.get(code, 0), avg, (today.get(code, 0) - avg) / avg if avg else None))
    return Table(sheet, title, (Column("类型"), Column("当日", doc.COUNT), Column("前7日日均", doc.NUMBER),
                                Column("较日均", doc.RATE)), tuple(rows))


def _reminder_base(d: Directory, unit_id: int, no: str, received: datetime, cat: int | None, street: int | None,
                   deadline: datetime | None) -> tuple:
    """(handling unit, case number, received, category, street, reply deadline) of a reminder row."""
    return (d.units[unit_id].name if unit_id in d.units else "", no, received, category_name(d, cat or 0),
            d.units[street].name if street in d.units else "", deadline)


def reminder_rows(session: Session, day: date, d: Directory, unit: UnitInfo | None) -> list[tuple]:
    """(handling unit, reminder, case number, received, category, street, reply deadline, note) of the cases
    still open at the end of `day` (their state now), per handling unit; only `unit`'s subtree when given."""
    from app.models import Case

    end = _start(day + timedelta(days=1))
    hours = int_setting(session, "case.nearly_overdue_hours", day)
    units = None
    if unit is not None:
        units = sorted(u.id for u in d.units.values() if d.ancestor_in(u.id, {unit.id}) is not None)
    where = [Case.status.in_(OPEN), Case.received_at < end, Case.unit_id.is_not(None)]
    if units is not None:
        where.append(Case.unit_id.in_(units))
    rows = []
    q = select(Case.unit_id, Case.case_no, Case.received_at, Case.category_id, Case.street_id, Case.reply_deadline,
               Case.status, Case.repeat_count, Case.reopen_count, Case.urgency).where(*where)
    for unit_id, no, received, cat, street, deadline, status, repeats, reopens, urgency in session.execute(q):
        base = _reminder_base(d, unit_id, no, received, cat, street, deadline)
        state = STATUSES.get(status, status)
        if deadline is not None and deadline < end:
            rows.append((base, "已超期", f"{state},超期 {(end - deadline).total_seconds() / 3600:.0f} 小时"))
        elif deadline is not None and deadline < end + timedelta(hours=hours):
            rows.append((base, "即将超期", f"{state},{hours} 小时内到期"))
        if repeats + 1 >= REPEAT_CALLS:
            rows.append((base, "多次来电", f"共来电 {repeats + 1} 次"))
        if reopens:
            rows.append((base, "重新办理", f"重新办理 {reopens} 次"))
        if urgency == "urgent":
            rows.append((base, "紧急诉求", state))
    # addresses with three or more cases in the 7 days up to the day, per handling unit of those cases
    lo = _start(day - timedelta(days=ADDRESS_DAYS - 1))
    address = func.trim(Case.address)
    # a 保密 case's address is not printed (the report goes to every unit): such cases are left out here,
    # and the count of an address is the district's (a unit's own list says how many the district had)
    open_ = (Case.received_at >= lo, Case.received_at < end, address != "", Case.confidential.is_(False))
    busy = select(address).where(*open_).group_by(address).having(func.count() >= ADDRESS_CASES)
    totals = dict(session.execute(select(address, func.count()).where(*open_, address.in_(busy)).group_by(address)).all())
    where = [*open_, address.in_(busy), Case.unit_id.is_not(None)]
    if units is not None:
        where.append(Case.unit_id.in_(units))
    seen: dict[tuple, list] = {}
    for unit_id, place, no, received, cat, street in session.execute(
            select(Case.unit_id, address, Case.case_no, Case.received_at, Case.category_id, Case.street_id)
            .where(*where).order_by(Case.received_at)):
        seen.setdefault((unit_id, place), []).append((no, received, cat, street))
    for (unit_id, place), cases in seen.items():
        no, received, cat, street = cases[-1]
        base = _reminder_base(d, unit_id, no, received, cat, street, None)
        rows.append((base, "地址聚集", f"{place}:{ADDRESS_DAYS} 日内 {totals.get(place, len(cases))} 件(列最新一件)"))
    order = {k: i for i, k in enumerate(REMINDERS)}
    rows.sort(key=lambda r: (r[0][0], order[r[1]], r[0][5] or datetime.max, r[0][1]))
    return [(b[0], kind, b[1], b[2], b[3], b[4], b[5], note) for b, kind, note in rows]


def build_daily(session: Session, day: date, today: date, d: Directory, unit_name: str | None) -> Report:
    from app.models import Case
    from app.services import hotspots

    unit = handling_unit_named(d, unit_name) if unit_name else None
    require_data(session, day, day, cn_day(day))
    latest = metrics.data_through(session, today)
    if day > latest:
        raise ReportRefused(f"{cn_day(day)}没有数据(数据截至 {cn_day(latest)})")
    with_cases = cases_in_copy(session, day - timedelta(days=ADDRESS_DAYS))
    no_cases = "" if with_cases else NO_CASES_IN_COPY
    reminder = Table("重点难点提醒", "重点难点提醒:各承办单位需关注的诉求" + no_cases,
                     (Column("承办单位"), Column("提醒事项"), Column("工单号"), Column("受理时间"), Column("类别"),
                      Column("街道乡镇"), Column("办理时限"), Column("说明")),
                     tuple((u, k, no, f"{at:%Y-%m-%d %H:%M}", cat, st, f"{dl:%Y-%m-%d %H:%M}" if dl else "", note)
                           for u, k, no, at, cat, st, dl, note in reminder_rows(session, day, d, unit)),
                     "状态为诉求当前状态;只列工单号,不含来电人姓名和电话。")
    title = "丰台区接诉即办工作日报"
    if unit is not None:  # what the unit receives: its own reminder only
        return Report("daily", title, cn_day(day), issuer(session, day), today,
                      (Section("重点难点提醒", (reminder,)),), subtitle=f"({unit.name})")

    period = Period.for_day(day)
    week = Period.for_range(day - timedelta(days=7), day - timedelta(days=1))
    district = metrics.total(session, period, None, d)
    week_avg = metrics.total(session, week, None, d).cases / 7
    intake = (f"{cn_day(day)}全区受理诉求 {district.cases:,} 件,前 7 日日均 {week_avg:,.1f} 件"
              + (f",{'增加' if district.cases >= week_avg else '减少'} {abs(district.cases / week_avg - 1) * 100:.1f}%。"
                 if week_avg else "。"))
    channel = _mix_table(session, day, "渠道", "按渠道" + no_cases, Case.channel, CHANNELS)
    kind = _mix_table(session, day, "诉求类型", "按诉求类型" + no_cases, Case.request_type, REQUEST_TYPES)

    cats = metrics.category_counts(session, period, None, d)
    top_cats = sorted(((c.received, cid) for cid, c in cats.items() if c.received), key=lambda x: (-x[0], x[1]))[:TOP]
    categories = Table("当日类别", f"当日受理量前 {TOP} 的类别",
                       (Column("名次", doc.COUNT), Column("类别"), Column("受理量", doc.COUNT), Column("占比", doc.RATE)),
                       tuple((i, category_name(d, cid), n, n / district.cases if district.cases else None)
                             for i, (n, cid) in enumerate(top_cats, 1)))
    by_street = metrics.ranking(session, period, Group.streets(), d)
    top_streets = sorted(by_street.rows + by_street.unranked, key=lambda f: (-f.cases, f.name))[:TOP]
    streets = Table("当日街镇", f"当日受理量前 {TOP} 的街道乡镇",
                    (Column("名次", doc.COUNT), Column("街道乡镇"), Column("受理量", doc.COUNT)),
                    tuple((i, f.name, f.cases) for i, f in enumerate(top_streets, 1) if f.cases))
    topics = metrics.key_topic_volumes(session, period, d)
    topic_table = Table("当日重点议题", "重点议题(“17+4”)当日受理量(较前一日)",
                        (Column("议题"), Column("当日", doc.COUNT), Column("前一日", doc.COUNT), Column("变化", doc.COUNT)),
                        tuple((t.name, t.cases, t.previous_cases, t.change) for t in topics))

    month = Period.for_range(day.replace(day=1), day)  # the month up to the day, against the same days before
    before = Period.for_range(months_back(month.start, 1), months_back(day, 1))
    mtd = metrics.total(session, month, None, d, before)
    callbacks = (f"当日有效回访 {district.callbacks:,} 件,响应率 {percent(district.response_rate)},"
                 f"解决率 {percent(district.resolution_rate)},满意率 {percent(district.satisfaction_rate)}。"
                 f"本月截至当日:有效回访 {mtd.callbacks:,} 件,响应率 {percent(mtd.response_rate, 2)},"
                 f"解决率 {percent(mtd.resolution_rate, 2)},满意率 {percent(mtd.satisfaction_rate, 2)},"
                 f"综合成绩 {points(mtd.score)} 分(较上月同期 {cn_period(before)})。")
    streets_mtd = metrics.ranking(session, month, Group.streets(), d, before)
    bureaus_mtd = metrics.ranking(session, month, Group.bureaus(), d, before)

    surges = hotspots.find(session, day, SURGE_DAYS, "community", d) if with_cases else []
    surge_table = Table("突发聚集", f"突发聚集(截至当日 {SURGE_DAYS} 日,同一社区同类诉求明显高于往常)" + no_cases,
                        (Column("街道乡镇"), Column("社区(村)"), Column("类别"), Column("件数", doc.COUNT),
                         Column("预期件数", doc.NUMBER), Column("倍数", doc.RATIO)),
                        tuple((s.street, s.community, s.category, s.cases, s.expected, s.ratio if s.expected else None)
                              for s in surges), "" if surges else "未发现突发聚集。")
    sections = (
        Section("一、受理情况", (Paragraph(intake), channel, kind)),
        Section("二、类别与街镇", (categories, streets, topic_table)),
        Section("三、回访与本月排名", (Paragraph(callbacks),
                                Table("本月街道乡镇排名", "本月截至当日街道乡镇排名", RANKING_COLUMNS, ranking_rows(streets_mtd)),
                                Table("本月委办局排名", "本月截至当日委办局排名", RANKING_COLUMNS, ranking_rows(bureaus_mtd)))),
        Section("四、突发聚集", (surge_table,)),
        Section("五、重点难点提醒", (reminder,)),
    )
    return Report("daily", title, cn_day(day), issuer(session, day), today, sections,
                  notes=(f"数据截至 {cn_day(latest)}。",))
