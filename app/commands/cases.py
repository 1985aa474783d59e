"""The `cases` command: cases of a filter, newest first, as CSV or as a table, for scripts and for checking what
the cases tab shows (the same filter and word search: app/services/case_queries.py). No caller's name or
phone; a confidential (保密) case's description is left out (docs/DECISIONS.md, "The cases command")."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from app.commands import CommandFailed, aligned, read_engine, reading_engine, write_csv

if TYPE_CHECKING:
    from app.services.case_queries import CaseFilter, ListedCase
    from app.services.directory import Directory

COLUMNS = ("case_no", "received_at", "status", "street", "community", "category", "unit", "description")
TABLE_HEADERS = ("工单号", "受理时间", "状态", "街道乡镇", "社区(村)", "类别", "承办单位", "诉求内容")
STATUS_NAMES = {"new": "待派单", "dispatched": "已派单", "accepted": "已签收", "returned": "已退单",
                "replied": "已答复", "closed": "已办结", "merged": "已合并"}  # case_states.STATUSES, as the tab says
DEFAULT_LIMIT = 100
BATCH = 1_000  # rows read at a time (keyset pages), so a large --limit never holds every row at once
TABLE_TEXT = 30  # characters of the description in the table


def add_parser(sub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("cases", help="list cases newest first, filtered as in the cases tab (no names or phones)")
    p.add_argument("--text", metavar="T",
                   help="as the cases tab's search box: words in the address or description; a phone number "
                        "finds the caller's cases, six or more digits a case number by its beginning")
    p.add_argument("--status", metavar="S",
                   help=f"one or more states, by commas: {', '.join(STATUS_NAMES)}")
    p.add_argument("--street", metavar="NAME", help="the street or town (full name)")
    p.add_argument("--unit", metavar="NAME", help="the handling unit, its sub-units included")
    p.add_argument("--category", metavar="NAME", help="the category, its sub-categories included")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="received on or after this day")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="received on or before this day")
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                   help=f"at most N cases (default {DEFAULT_LIMIT})")
    p.add_argument("--format", choices=("csv", "table"), default="csv", help="csv (default) or an aligned table")
    add_db(p)


def _day(text: str | None, option: str):
    if text is None:
        return None
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise CommandFailed(f"{option}: not a day (YYYY-MM-DD): {text!r}") from None


def case_filter(args, directory: Directory) -> CaseFilter:
    """The cases tab's filter for the options; CommandFailed names the option that cannot be used."""
    from app.services.case_queries import CaseFilter
    from app.services.case_states import STATUSES

    if args.limit <= 0:
        raise CommandFailed(f"--limit: must be at least 1 (got {args.limit})")
    statuses: tuple[str, ...] = ()
    if args.status is not None:
        statuses = tuple(dict.fromkeys(s.strip() for s in args.status.split(",")))
        unknown = [s for s in statuses if s not in STATUSES]
        if unknown or not statuses:
            raise CommandFailed(f"--status: unknown state {(unknown or [args.status])[0]!r} "
                                f"(one of {', '.join(STATUSES)})")
    street_id = unit_id = category_id = None
    if args.street is not None:
        street = directory.unit_by_name(args.street.strip())
        if street is None or street.kind not in ("street", "town"):
            raise CommandFailed(f"--street: unknown street or town: {args.street!r} (give its full name, e.g. 右安门街道)")
        street_id = street.id
    if args.unit is not None:
        unit = directory.unit_by_name(args.unit.strip())
        if unit is None:
            raise CommandFailed(f"--unit: unknown unit: {args.unit!r} (give its full name)")
        unit_id = unit.id
    if args.category is not None:
        category = directory.category_by_name(args.category.strip())
        if category is None:
            raise CommandFailed(f"--category: unknown category: {args.category!r}")
        category_id = category.id
    date_from, date_to = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if date_from and date_to and date_from > date_to:
        raise CommandFailed(f"--from {date_from} is after --to {date_to}")
    return CaseFilter(statuses=statuses, unit_id=unit_id, street_id=street_id, category_id=category_id,
                      received_from=date_from, received_to=date_to, search=args.text or "")


def _names(c: ListedCase, directory: Directory) -> tuple[str, str, str, str]:
    """The case's street, community, category and unit by name ("" for none)."""
    def name(unit_id):
        unit = directory.units.get(unit_id) if unit_id is not None else None
        return unit.name if unit else ""

    category = directory.categories.get(c.category_id) if c.category_id is not None else None
    return name(c.street_id), name(c.community_id), category.name if category else "", name(c.unit_id)


def csv_row(c: ListedCase, directory: Directory) -> list[str]:
    from app.services.clock import to_iso
    from app.services.privacy import mask_numbers
    from app.services.table_files import neutralised

    street, community, category, unit = map(neutralised, _names(c, directory))
    return [neutralised(c.case_no), to_iso(c.received_at), c.status, street, community, category, unit,
            "" if c.confidential else neutralised(mask_numbers(c.description or ""))]


def table_row(c: ListedCase, directory: Directory) -> list[str]:
    from app.services.privacy import mask_numbers

    street, community, category, unit = _names(c, directory)
    text = "(保密)" if c.confidential else mask_numbers(" ".join((c.description or "").split()))
    return [c.case_no, f"{c.received_at:%Y-%m-%d %H:%M}", STATUS_NAMES.get(c.status, c.status), street, community,
            category, unit, text[:TABLE_TEXT] + ("…" if len(text) > TABLE_TEXT else "")]


def cmd_cases(args) -> int:
    from app import db
    from app.services.directory import Directory

    engine = reading_engine(args, "cases")  # only reads: an older database is refused, never migrated
    source = engine
    try:
        source = read_engine(args, engine)  # the read replica, when there is one that answers
        with db.make_session_factory(source, read_only=True)() as s:
            directory = Directory.load(s)
            flt = case_filter(args, directory)
            if args.format == "csv":
                write_csv(COLUMNS, (csv_row(c, directory) for c in _listed(s, flt, args.limit)))
            else:
                rows = [table_row(c, directory) for c in _listed(s, flt, args.limit)]
                print("\n".join(aligned([list(TABLE_HEADERS)] + rows)))
                if not rows:
                    print("(没有符合条件的工单)")
    finally:
        if source is not engine:
            source.dispose()
        engine.dispose()
    return 0


def _listed(s, flt: CaseFilter, limit: int):
    """The cases of the filter, newest first, read a batch at a time (keyset pages)."""
    from app.services import case_queries

    after = None
    while limit > 0:
        batch = case_queries.list_cases(s, flt, min(BATCH, limit), after)
        yield from batch
        if len(batch) < min(BATCH, limit):
            return
        limit -= len(batch)
        after = case_queries.page_key(batch[-1])
