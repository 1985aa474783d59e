"""The `hotspots` command: the surges (突发聚集) of the last days as CSV (DESIGN section 6) or as a table."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from app.commands import aligned, as_of_day, read_engine, reading_engine, write_csv

if TYPE_CHECKING:
    from datetime import date

    from app.services.hotspots import Surge

COLUMNS = ("street", "community", "category", "cases", "expected", "ratio", "p_value", "first_received",
           "last_received")
BY = ("community", "address")  # app/services/hotspots.BY (not imported here: the parser stays light)
TABLE_HEADERS = ("街道乡镇", "社区(村)", "类别", "件数", "预期", "倍数", "P值", "首件受理", "末件受理")


def add_parser(sub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("hotspots", help="surges: a category in one community (or address) far above its usual level")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the last day looked at (default: today)")
    p.add_argument("--days", type=int, default=7, help="how many days up to --as-of (default 7)")
    p.add_argument("--by", choices=BY, default="community",
                   help="community (default) or address (an `address` column is added)")
    p.add_argument("--format", choices=("csv", "table"), default="csv", help="csv (default) or an aligned table")
    add_db(p)


def _time(t: datetime) -> str:
    return f"{t:%Y-%m-%dT%H:%M:%S}+08:00"


def csv_row(s: Surge, by: str) -> list[str]:
    row = [s.street, s.community, s.category, str(s.cases), f"{s.expected:.2f}", f"{s.ratio:.1f}",
           f"{s.p_value:.2e}", _time(s.first_received), _time(s.last_received)]
    return row + [s.address] if by == "address" else row


def table_lines(surges: list[Surge], as_of: date, days: int, by: str) -> list[str]:
    headers = list(TABLE_HEADERS) + (["地址"] if by == "address" else [])
    rows = [headers] + [[s.street, s.community, s.category, str(s.cases), f"{s.expected:.1f}", f"{s.ratio:.1f}",
                         f"{s.p_value:.1e}", f"{s.first_received:%m-%d %H:%M}", f"{s.last_received:%m-%d %H:%M}"]
                        + ([s.address] if by == "address" else []) for s in surges]
    lines = [f"突发聚集:截至 {as_of:%Y-%m-%d} 的 {days} 天,按{'社区' if by == 'community' else '地址'}"]
    lines += aligned(rows)
    if not surges:
        lines.append("(没有突发聚集)")
    return lines


def cmd_hotspots(args) -> int:
    from app import db
    from app.services import hotspots
    from app.services.hotspots import HotspotRefused

    try:
        as_of = as_of_day(args.as_of, HotspotRefused)
        engine = reading_engine(args, "cases")
        source = engine
        try:
            source = read_engine(args, engine)  # the read replica, when there is one that answers
            with db.make_session_factory(source, read_only=True)() as s:
                surges = hotspots.find(s, as_of, args.days, args.by)
        finally:
            if source is not engine:
                source.dispose()
            engine.dispose()
    except HotspotRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "csv":
        write_csv(list(COLUMNS) + (["address"] if args.by == "address" else []), (csv_row(x, args.by) for x in surges))
    else:
        print("\n".join(table_lines(surges, as_of, args.days, args.by)))
    return 0
