"""The `watch` command: the seasonal watch list (`--season NAME --year Y`) or chronic problems (`--chronic`)."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.commands import aligned, as_of_day, read_engine, reading_engine, write_csv
from app.services import scores

if TYPE_CHECKING:
    from app.services.chronic import WatchList, WatchRow

SEASON_COLUMNS = ("street", "community", "category", "cases_last_season", "cases_per_season", "seasons_listed",
                  "resolution_rate", "unit")
CHRONIC_COLUMNS = ("street", "community", "category", "cases", "months", "resolution_rate",
                   "district_resolution_rate", "unit")


def add_parser(sub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("watch", help="seasonal watch list (--season NAME --year Y) or chronic problems (--chronic)")
    p.add_argument("--season", metavar="NAME", help="a season (供暖, 汛期, 入学季 or one the administrator added)")
    p.add_argument("--year", type=int, help="the year the season starts in (its three predecessors are looked at)")
    p.add_argument("--chronic", action="store_true", help="chronic problems of the 12 months up to --as-of")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="with --chronic: the last day looked at (default: today)")
    p.add_argument("--by", choices=("community", "address"), default="community",
                   help="with --chronic: community × category pairs (default) or addresses (an `address` column)")
    p.add_argument("--format", choices=("csv", "table"), default="csv", help="csv (default) or an aligned table")
    add_db(p)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _cells(args, result: WatchList, r: WatchRow, table: bool) -> list[str]:
    rate = _percent if table else scores.fraction  # CSV: fractions as rank writes them
    if args.chronic:
        return [r.street, r.community, r.category, str(r.cases), str(r.months), rate(r.resolution_rate),
                rate(result.district_resolution_rate), r.unit] + ([r.address] if args.by == "address" else [])
    per_season = f"{r.cases_per_season:.1f}" if table else f"{r.cases_per_season:.2f}"
    return [r.street, r.community, r.category, str(r.cases), per_season, str(r.seasons_listed),
            rate(r.resolution_rate), r.unit]


def _header(args) -> list[str]:
    extra = ["address"] if args.chronic and args.by == "address" else []
    return list(CHRONIC_COLUMNS if args.chronic else SEASON_COLUMNS) + extra


def _table(args, result: WatchList) -> list[str]:
    if args.chronic:
        title = (f"顽疾:截至 {args.as_of_day:%Y-%m-%d} 的 12 个月,{'社区' if args.by == 'community' else '地址'}×类别,"
                 f"全区解决率 {_percent(result.district_resolution_rate)}")
        heads = ["街道乡镇", "社区(村)", "类别", "件数", "月数", "解决率", "全区解决率", "主要承办单位"]
        heads += ["地址"] if args.by == "address" else []
    else:
        spans = ";".join(f"{a:%Y-%m-%d}–{b:%Y-%m-%d}" for a, b in reversed(result.spans))
        basis = "按每千人件数排序" if result.by_population else "按件数排序(有社区无人口数据)"
        title = f"季节性预警:{args.season} {args.year},依据往季 {spans},{basis}"
        heads = ["街道乡镇", "社区(村)", "类别", "上季件数", "季均件数", "上榜季数", "解决率", "主要承办单位"]
    rows = [heads] + [_cells(args, result, r, True) for r in result.rows]
    lines = [title] + aligned(rows)
    if not result.rows:
        lines.append("(名单为空)")
    return lines


def cmd_watch(args) -> int:
    from app import db
    from app.services.chronic import WatchRefused

    try:
        if args.chronic == bool(args.season):
            raise WatchRefused("give either --season NAME --year Y or --chronic [--as-of D]")
        if args.season and args.year is None:
            raise WatchRefused("--season needs --year (the year the season starts in)")
        if args.season and not 2000 <= args.year <= 2100:
            raise WatchRefused(f"--year out of range: {args.year}")
        args.as_of_day = as_of_day(args.as_of, WatchRefused) if args.chronic else None
        engine = reading_engine(
            args, "seasons", "the database is not at the current revision; run `python main.py db upgrade` first")
        source = engine
        try:
            source = read_engine(args, engine)  # the read replica, when there is one that answers
            if args.chronic and args.by == "community":
                # the place summary, read with Core statements on one read-only connection: like `rank`, no
                # ORM and no models to import (app/services/chronic.py)
                from app.services import chronic

                with source.execution_options(read_only=True).connect() as conn:
                    result = chronic.chronic_by_community(conn, args.as_of_day)
            else:
                from app.services import watch

                with db.make_session_factory(source, read_only=True)() as s:
                    result = (watch.chronic(s, args.as_of_day, args.by) if args.chronic
                              else watch.seasonal(s, args.season, args.year))
        finally:
            if source is not engine:
                source.dispose()
            engine.dispose()
    except WatchRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "csv":
        write_csv(_header(args), (_cells(args, result, r, False) for r in result.rows))
    else:
        print("\n".join(_table(args, result)))
    return 0
