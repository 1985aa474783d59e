"""The `rank` command: the ranking of DESIGN section 3 as CSV (the section 6 contract) or as an aligned table."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.commands import aligned, read_engine, reading_engine, text_width, write_csv  # noqa: F401  (text_width: tests)
from app.services import scores

if TYPE_CHECKING:
    from app.services.directory import Directory
    from app.services.metrics import Group, Ranking, UnitFigures

COLUMNS = ("rank", "unit", "level", "cases", "callbacks", "response_rate", "resolution_rate",
           "satisfaction_rate", "score", "change")
LEVEL_TITLES = {"street": "街道乡镇", "bureau": "委办局", "community": "社区(村)"}  # keys: metrics.LEVELS
TABLE_HEADERS = ("排名", "单位", "层级", "诉求量", "有效回访", "响应率", "解决率", "满意率", "综合成绩", "变化")


class RankRefused(Exception):
    """The command line asks for something that cannot be ranked; the message says what."""


def add_parser(sub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("rank", help="print the ranking of streets, bureaus or one street's communities for a period")
    p.add_argument("--period", required=True,
                   help="2022-08 (month), 2022 (year), 2022-Q3 (quarter), 2022-06-01..2022-08-31 (days), 2022-08-15")
    p.add_argument("--level", choices=tuple(LEVEL_TITLES), default="street",
                   help="street: streets and towns; bureau: bureaus; community: the communities of --street")
    p.add_argument("--street", metavar="NAME", help="the street or town whose communities are ranked")
    p.add_argument("--format", choices=("csv", "table"), default="csv", help="csv (default) or an aligned table")
    add_db(p)


def _group(directory: Directory, level: str, street: str | None) -> Group:
    from app.services.metrics import Group

    if level != "community":
        if street:
            raise RankRefused(f"--street is only used with --level community (got --level {level})")
        return Group.streets() if level == "street" else Group.bureaus()
    if not street:
        raise RankRefused("--level community needs --street NAME (the street or town whose communities are ranked)")
    unit = directory.unit_by_name(street.strip())
    if unit is None or unit.kind not in ("street", "town"):
        raise RankRefused(f"unknown street or town: {street!r} (give its full name, e.g. 右安门街道)")
    return Group.communities(unit.id)


_fraction = scores.fraction  # one rule for scores in every output (app/services/scores.py)


def csv_rows(ranking: Ranking) -> list[list[str]]:
    return [[str(f.rank), f.name, ranking.group.level, str(f.cases), str(f.callbacks), _fraction(f.response_rate),
             _fraction(f.resolution_rate), _fraction(f.satisfaction_rate), _fraction(f.score), _fraction(f.change)]
            for f in ranking.rows]


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.2f}%"


def _points(value: float | None, signed: bool = False) -> str:
    return scores.signed_points(value) if signed else scores.points(value)


def table_lines(ranking: Ranking) -> list[str]:
    level = LEVEL_TITLES[ranking.group.level]

    def cells(f: UnitFigures) -> list[str]:
        return [str(f.rank), f.name, level, str(f.cases), str(f.callbacks), _percent(f.response_rate),
                _percent(f.resolution_rate), _percent(f.satisfaction_rate), _points(f.score), _points(f.change, True)]

    rows = [list(TABLE_HEADERS)] + [cells(f) for f in ranking.rows]
    lines = [f"{ranking.period.label} {level}排名(综合成绩 = 响应率×{ranking.scoring.w_response:g} + "
             f"解决率×{ranking.scoring.w_resolution:g} + 满意率×{ranking.scoring.w_satisfaction:g},"
             f"基本满意计 {ranking.scoring.w_basic:g};变化对比 {ranking.previous.label})"]
    lines += aligned(rows, right=set(range(len(TABLE_HEADERS))) - {1, 2})  # unit and level to the left
    if not ranking.rows:
        lines.append("(本期没有有效回访,无排名)")
    unranked = [f.name for f in ranking.unranked if f.cases]
    if unranked:
        lines.append(f"本期有诉求但无有效回访、未排名:{'、'.join(unranked)}")
    return lines


def _ranking(source, args, period) -> Ranking:
    """The ranking the command prints, read from `source`: a Core connection, or the SQLite or PostgreSQL reader
    that runs the same statements compiled (app/services/sqlite_reader.py, pg_reader.py). The same Python."""
    from app.services import metrics
    from app.services.directory import Directory

    directory = Directory.load(source)
    versus = metrics.comparison(source, period)  # a period not over: against the same days before
    return metrics.ranking(source, period, _group(directory, args.level, args.street), directory, versus.previous)


def _print(args, ranking: Ranking) -> int:
    if args.format == "csv":
        write_csv(COLUMNS, csv_rows(ranking))
    else:
        print("\n".join(table_lines(ranking)))
    return 0


def cmd_rank(args) -> int:
    from app.services import pg_reader, sqlite_reader
    from app.services.errors import NotFound
    from app.services.periods import PeriodError, parse_period

    try:
        period = parse_period(args.period)
    except PeriodError as exc:
        print(f"error: --period: {exc}", file=sys.stderr)
        return 2
    # a SQLite file, or a plain PostgreSQL URL, at this revision: read without SQLAlchemy
    reader = sqlite_reader.open_reader(args) or pg_reader.open_reader(args)
    if reader is not None:
        try:
            with reader:
                ranking = _ranking(reader, args, period)
        except (RankRefused, NotFound) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except reader.errors:
            pass  # nothing was printed: the SQLAlchemy path reads again and reports the failure as it always has
        else:
            return _print(args, ranking)

    engine = reading_engine(args, "stat_monthly_unit")  # only reads: an older database is refused, never migrated
    source = engine
    try:
        source = read_engine(args, engine)  # the read replica, when there is one that answers
        # one read-only transaction on a Core connection: the figures are read with Core statements, so the
        # command needs neither the ORM nor the models (app/summary_tables.py)
        with source.execution_options(read_only=True).connect() as s:
            ranking = _ranking(s, args, period)
    except (RankRefused, NotFound) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if source is not engine:
            source.dispose()
        engine.dispose()
    return _print(args, ranking)
