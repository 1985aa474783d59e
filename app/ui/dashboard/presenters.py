"""Turns the metrics service's figures into what the dashboard's charts, tiles and tables show.

Numbers are never recomputed here: values are the service's, only formatted (rates and scores as
percentages, counts with separators) and coloured."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from app.messages import tr
from app.services import scores
from app.services.dashboard import DashboardFigures, Trend
from app.services.metrics import Group, Ranking, TopicVolume, UnitFigures, WatchList
from app.services.periods import Comparison, Period
from app.services.table_files import Table
from app.ui.dashboard import chart_style as style
from app.ui.dashboard.hbar_chart import Bar, LegendEntry
from app.ui.dashboard.tiles import Tile
from app.ui.dashboard.trend_chart import TrendPoint

HIGHLIGHT = 3  # the top and bottom three of a ranking are coloured
DASH = "—"


def percent(value: float | None, digits: int = 2) -> str:
    return DASH if value is None else f"{value * 100:.{digits}f}%"


def points(value: float | None) -> str:
    """A score 0–1 as points out of 100, as it is announced in the monthly ranking (app/services/scores.py)."""
    return DASH if value is None else scores.points(value)


def signed_points(value: float | None) -> str:
    return DASH if value is None else scores.signed_points(value)


def count(value: int | None) -> str:
    return DASH if value is None else f"{value:,}"


def period_text(period: Period, comparison: Comparison | None = None) -> str:
    """The period in words; a period that is not over says which days it holds and how it is compared:
    "2022年(1–8月,同比同期)"."""
    s, e = period.start, period.end
    if period.kind == "month":
        text = tr("{y}年{m}月").format(y=s.year, m=s.month)
    elif period.kind == "quarter":
        text = tr("{y}年第{q}季度").format(y=s.year, q=(s.month - 1) // 3 + 1)
    elif period.kind == "year":
        text = tr("{y}年").format(y=s.year)
    elif period.kind == "day":
        text = s.isoformat()
    else:
        text = tr("{a} 至 {b}").format(a=s.isoformat(), b=e.isoformat())
    if comparison is None or not comparison.partial:
        return text
    return tr("{period}({covered},{versus})").format(period=text, covered=covered_text(comparison),
                                                     versus=versus_text(comparison))


def covered_text(c: Comparison) -> str:
    """The days a period that is not over holds: "1–8月", "9月1–5日", "1月1日–9月5日"."""
    s, t = c.covered.start, c.covered.end
    if s.year != t.year:
        return tr("{a} 至 {b}").format(a=s.isoformat(), b=t.isoformat())
    whole_months = s.day == 1 and (t + timedelta(days=1)).day == 1
    if whole_months:
        if s.month == t.month:
            return tr("{m}月").format(m=s.month)
        return tr("{m1}–{m2}月").format(m1=s.month, m2=t.month)
    if s.month == t.month:
        return tr("{m}月{d1}–{d2}日").format(m=s.month, d1=s.day, d2=t.day)
    return tr("{m1}月{d1}日–{m2}月{d2}日").format(m1=s.month, d1=s.day, m2=t.month, d2=t.day)


def versus_text(c: Comparison) -> str:
    """How a period that is not over is compared: with the same days of the year before or of the period before."""
    return tr("同比同期") if c.period.kind == "year" else tr("环比同期")


def previous_text(c: Comparison | None) -> str:
    """What changes are against, for headers and tiles: 上期, or 上年同期 … for a period that is not over."""
    if c is None or not c.partial:
        return tr("上期")
    return {"year": tr("上年同期"), "quarter": tr("上季度同期"), "month": tr("上月同期")}.get(c.period.kind,
                                                                                      tr("前期同期"))


def change_text(c: Comparison | None) -> str:
    """The header of a change column: 较上期, 较上年同期 …"""
    return tr("较{previous}").format(previous=previous_text(c))


def group_text(group: Group, unit_names: dict[int, str]) -> str:
    if group.level == "bureau":
        return tr("委办局")
    if group.level == "community":
        return tr("{street}各社区(村)").format(street=unit_names.get(group.street_id, ""))
    return tr("街道乡镇")


# ---------------------------------------------------------------- ranking

def ranking_legend(with_watch: bool = True) -> list[LegendEntry]:
    """The watch list holds streets and towns, so its entry shows only on their ranking."""
    entries = [
        LegendEntry(tr("前{n}名").format(n=HIGHLIGHT), style.TOP.name()),
        LegendEntry(tr("其他"), style.NORMAL.name()),
        LegendEntry(tr("后{n}名").format(n=HIGHLIGHT), style.BOTTOM.name()),
    ]
    if with_watch:
        entries.append(LegendEntry(tr("治理类关注名单"), "#FFFFFF", style.WATCH.name()))
    return entries


def unit_tooltip(f: UnitFigures, comparison: Comparison | None = None) -> str:
    lines = [
        f"<b>{f.name}</b>" + (tr(" · 第{rank}名").format(rank=f.rank) if f.rank else ""),
        tr("综合成绩:{v}").format(v=points(f.score)),
        tr("响应率:{v}").format(v=percent(f.response_rate)),
        tr("解决率:{v}").format(v=percent(f.resolution_rate)),
        tr("满意率:{v}").format(v=percent(f.satisfaction_rate)),
        tr("受理量:{n} 件 · 有效回访:{m} 件").format(n=count(f.cases), m=count(f.callbacks)),
        (tr("{versus}:{v}").format(versus=change_text(comparison), v=signed_points(f.change)) if f.change is not None
         else tr("{versus}:{previous}无成绩").format(versus=change_text(comparison),
                                                    previous=previous_text(comparison))),
    ]
    return "<br>".join(lines) + "<br><i>" + tr("单击查看本期案件") + "</i>"


def ranking_bars(ranking: Ranking, watched: set[int], comparison: Comparison | None = None) -> list[Bar]:
    n = len(ranking.rows)
    bars = []
    for f in ranking.rows:
        if f.rank <= HIGHLIGHT:
            color = style.TOP
        elif f.rank > max(HIGHLIGHT, n - HIGHLIGHT):
            color = style.BOTTOM
        else:
            color = style.NORMAL
        watch = f.unit_id in watched
        # the watch list is said in words too: an outline alone is easy to miss on a projector
        text = tr("{score}  治理类").format(score=points(f.score)) if watch else points(f.score)
        bars.append(Bar(f.unit_id, f"{f.rank}  {f.name}", f.score * 100, text, unit_tooltip(f, comparison), color.name(),
                        style.WATCH.name() if watch else None))
    return bars


def unranked_text(ranking: Ranking) -> str:
    if not ranking.unranked:
        return ""
    names = tr("、").join(f.name for f in ranking.unranked[:12])
    more = tr(" 等 {n} 个").format(n=len(ranking.unranked)) if len(ranking.unranked) > 12 else ""
    return tr("本期无有效回访、不参加排名:{names}{more}").format(names=names, more=more)


def ranking_table(ranking: Ranking, title: str, comparison: Comparison | None = None) -> Table:
    headers = (tr("排名"), tr("单位"), tr("受理量"), tr("有效回访"), tr("响应率"), tr("解决率"), tr("满意率"),
               tr("综合成绩"), change_text(comparison))
    rows = tuple((f.rank, f.name, f.cases, f.callbacks, f.response_rate, f.resolution_rate, f.satisfaction_rate,
                  f.score, f.change) for f in ranking.rows)
    return Table(title, headers, rows, frozenset({4, 5, 6}), frozenset({7}), frozenset({8}))


# ---------------------------------------------------------------- tiles

def _delta_count(now: int, before: int, previous: str) -> tuple[str, str]:
    if not before:
        return (tr("{previous}为 0") if not now else tr("{previous}无受理")).format(previous=previous), "neutral"
    change = now - before
    return tr("较{previous} {d:+,}({r:+.1f}%)").format(previous=previous, d=change, r=change / before * 100), \
        "neutral"


def _tone(change: float) -> tuple[str, str]:
    tone = "good" if change > 0.00005 else "bad" if change < -0.00005 else "neutral"
    return ("▲" if tone == "good" else "▼" if tone == "bad" else "■"), tone


def _delta_rate(now: float | None, before: float | None, previous: str) -> tuple[str, str]:
    if now is None or before is None:
        return tr("较{previous} —").format(previous=previous), "neutral"
    arrow, tone = _tone(now - before)
    return tr("{arrow} {d:+.2f} 个百分点").format(arrow=arrow, d=(now - before) * 100), tone


def _delta_score(change: float | None, previous: str) -> tuple[str, str]:
    if change is None:
        return tr("较{previous} —").format(previous=previous), "neutral"
    arrow, tone = _tone(change)
    return tr("{arrow} 较{previous} {d}").format(arrow=arrow, previous=previous, d=signed_points(change)), tone


def tiles(fig: DashboardFigures) -> list[Tile]:
    now, before = fig.scope, fig.scope_before
    prev = previous_text(fig.comparison)
    received_change, received_tone = _delta_count(now.cases, before.cases, prev)
    callbacks_change, callbacks_tone = _delta_count(now.callbacks, before.callbacks, prev)
    w = fig.ranking.scoring
    shown = [
        Tile("received", tr("受理量(件)"), count(now.cases), received_change, received_tone,
             tr("本期受理的诉求(按受理时间)")),
        Tile("callbacks", tr("有效回访(件)"), count(now.callbacks), callbacks_change, callbacks_tone,
             tr("本期回访时联系上诉求人的回访;未联系上的不计入任何比率")),
        Tile("response", tr("响应率"), percent(now.response_rate),
             *_delta_rate(now.response_rate, before.response_rate, prev),
             tr("响应率 = 诉求人表示承办单位已联系的 ÷ 有效回访")),
        Tile("resolution", tr("解决率"), percent(now.resolution_rate),
             *_delta_rate(now.resolution_rate, before.resolution_rate, prev),
             tr("解决率 = 诉求人表示已解决的 ÷ 有效回访(部分解决不计)")),
        Tile("satisfaction", tr("满意率"), percent(now.satisfaction_rate),
             *_delta_rate(now.satisfaction_rate, before.satisfaction_rate, prev),
             tr("满意率 = (满意 + {w} × 基本满意) ÷ 有效回访").format(w=f"{w.w_basic:g}")),
        Tile("score", tr("综合成绩"), points(now.score), *_delta_score(now.change, prev),
             tr("综合成绩 = {a} × 响应率 + {b} × 解决率 + {c} × 满意率(本期适用的规则)").format(
                 a=f"{w.w_response:g}", b=f"{w.w_resolution:g}", c=f"{w.w_satisfaction:g}")),
    ]
    if not fig.comparison.partial:
        return shown
    # a period that is not over says so on every tile: its days in the title, the comparison in the tooltip
    covered, note = covered_text(fig.comparison), period_text(fig.period, fig.comparison)
    return [replace(t, title=tr("{title} · {covered}").format(title=t.title, covered=covered),
                    tooltip=f"{t.tooltip}\n{note}") for t in shown]


# ---------------------------------------------------------------- trend

def trend_points(trend: Trend) -> list[TrendPoint]:
    out = []
    for p in trend.points:
        tip = "<br>".join([
            f"<b>{p.label}</b>",
            tr("受理量:{n} 件").format(n=count(p.cases)),
            tr("响应率:{v}").format(v=percent(p.response_rate)),
            tr("解决率:{v}").format(v=percent(p.resolution_rate)),
            tr("满意率:{v}").format(v=percent(p.satisfaction_rate)),
        ])
        out.append(TrendPoint(p.label, p.cases, p.response_rate, p.resolution_rate, p.satisfaction_rate, tip))
    return out


def trend_names() -> tuple[str, str, str, str]:
    return tr("受理量"), tr("响应率"), tr("解决率"), tr("满意率")


def trend_table(trend: Trend, title: str) -> Table:
    headers = (tr("月份"), tr("受理量"), tr("有效回访"), tr("响应率"), tr("解决率"), tr("满意率"), tr("综合成绩"))
    rows = tuple((p.label, p.cases, p.callbacks, p.response_rate, p.resolution_rate, p.satisfaction_rate, p.score)
                 for p in trend.points)
    return Table(title, headers, rows, frozenset({3, 4, 5}), frozenset({6}))


# ---------------------------------------------------------------- key topics

def topic_legend(topics: tuple[TopicVolume, ...] | None = None) -> list[LegendEntry]:
    """The two kinds of key topic, with how many of each the year has (counted from the data, not "17+4")."""
    if topics is None:
        return [LegendEntry(tr("市级重点"), style.MUNICIPAL.name()), LegendEntry(tr("区级重点"), style.DISTRICT.name())]
    municipal = sum(1 for t in topics if t.scope != "district")
    return [LegendEntry(tr("市级重点({n})").format(n=municipal), style.MUNICIPAL.name()),
            LegendEntry(tr("区级重点({n})").format(n=len(topics) - municipal), style.DISTRICT.name())]


def topic_change(t: TopicVolume) -> str:
    if t.change_ratio is None:
        return tr("上期无") if t.cases else DASH
    arrow = "▲" if t.change > 0 else "▼" if t.change < 0 else "■"
    return f"{arrow}{abs(t.change_ratio) * 100:.1f}%"


def topic_bars(topics: tuple[TopicVolume, ...], comparison: Comparison | None = None) -> list[Bar]:
    bars = []
    for t in topics:
        scope = tr("区级重点") if t.scope == "district" else tr("市级重点")
        tip = "<br>".join([
            f"<b>{t.name}</b>({scope})",
            tr("本期:{n} 件").format(n=count(t.cases)),
            tr("{previous}:{n} 件").format(previous=previous_text(comparison), n=count(t.previous_cases)),
            tr("变化:{d:+,} 件({r})").format(d=t.change, r=topic_change(t)),
        ])
        color = style.DISTRICT if t.scope == "district" else style.MUNICIPAL
        bars.append(Bar(t.category_id, t.name, t.cases, f"{count(t.cases)}  {topic_change(t)}", tip, color.name()))
    return bars


def topic_table(topics: tuple[TopicVolume, ...], title: str, comparison: Comparison | None = None) -> Table:
    headers = (tr("重点议题"), tr("范围"), tr("本期受理量"),
               tr("{previous}受理量").format(previous=previous_text(comparison)), tr("变化"), tr("变化率"))
    rows = tuple((t.name, tr("区级") if t.scope == "district" else tr("市级"), t.cases, t.previous_cases, t.change,
                  t.change_ratio) for t in topics)
    return Table(title, headers, rows, frozenset({5}))


# ---------------------------------------------------------------- watch list

def watch_headers() -> tuple[str, ...]:
    return (tr("位次"), tr("街道乡镇"), tr("受理量"), tr("常住人口"), tr("每万人诉求量"), tr("治理类"))


def watch_rows(watch: WatchList) -> list[tuple]:
    """Display rows; a street without a known population says its volume is raw."""
    return [
        (r.position, r.name, count(r.cases), count(r.population) if r.population else tr("未知"),
         f"{r.per_10k:.1f}" if r.per_10k is not None else tr("按诉求量"), tr("是") if r.governance else "")
        for r in watch.rows
    ]


def watch_note(watch: WatchList) -> str:
    if watch.basis == "per_10k":
        basis = tr("按每万名常住人口诉求量排序")
    else:
        basis = tr("部分街道乡镇人口未知,按诉求量排序(已知人口的同时给出每万人诉求量)")
    note = tr("{basis};诉求最集中的前 {n} 个列为治理类").format(basis=basis, n=watch.top_n)
    missing = [r.name for r in watch.rows if not r.population]
    if missing:  # say which, so that the administrator knows whose population to enter
        note += "\n" + tr("人口未知的街道乡镇({n} 个):{names}。管理员可在 系统管理 → 单位 中填写常住人口。").format(
            n=len(missing), names=tr("、").join(missing))
    return note


def watch_table(watch: WatchList, title: str) -> Table:
    rows = tuple((r.position, r.name, r.cases, r.population, None if r.per_10k is None else round(r.per_10k, 2),
                  tr("是") if r.governance else tr("否")) for r in watch.rows)
    return Table(title, watch_headers(), rows)


def improved_headers(comparison: Comparison | None = None) -> tuple[str, ...]:
    return (tr("单位"), tr("本期排名"), tr("本期综合成绩"),
            tr("{previous}综合成绩").format(previous=previous_text(comparison)), tr("提升"))


def improved_rows(watch: WatchList) -> list[tuple]:
    return [(f.name, f.rank, points(f.score), points(f.previous_score), signed_points(f.change))
            for f in watch.improved]


def improved_table(watch: WatchList, title: str, comparison: Comparison | None = None) -> Table:
    rows = tuple((f.name, f.rank, f.score, f.previous_score, f.change) for f in watch.improved)
    return Table(title, improved_headers(comparison), rows, points_columns=frozenset({2, 3}),
                 change_columns=frozenset({4}))
