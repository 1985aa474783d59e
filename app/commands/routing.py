"""The `routing evaluate` command: today's rule and the learned routing scored on held-out months (DESIGN section 6)."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime

from app.commands import aligned, reading_engine, write_csv

COLUMNS = ("method", "cases", "top1", "top3")
TABLE_HEADERS = ("方法", "件数", "首选命中率", "前三命中率")
METHOD_NAMES = {"rule": "静态规则", "learned": "历史学习"}


def add_parser(sub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("routing", help="routing learned from where cases finally ended")
    rsub = p.add_subparsers(dest="routing_command", required=True)
    e = rsub.add_parser("evaluate", help="top-1 / top-3 of the static rule and of the learned routing on held-out cases")
    e.add_argument("--train-to", metavar="YYYY-MM-DD", required=True, help="learn from the cases closed by this day")
    e.add_argument("--test-from", metavar="YYYY-MM-DD", required=True, help="score the cases received from this day")
    e.add_argument("--test-to", metavar="YYYY-MM-DD", required=True, help="… to this day (inclusive)")
    e.add_argument("--format", choices=("csv", "table"), default="csv", help="csv (default) or an aligned table")
    add_db(e)


def _day(option: str, text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        from app.services.routing import RoutingRefused

        raise RoutingRefused(f"{option}: not a day (YYYY-MM-DD): {text!r}") from None


def cmd_evaluate(args) -> int:
    from app import db
    from app.services import routing

    try:
        train_to = _day("--train-to", args.train_to)
        test_from = _day("--test-from", args.test_from)
        test_to = _day("--test-to", args.test_to)
        engine = reading_engine(args, "routing_counts")
        try:
            with db.make_session_factory(engine, read_only=True)() as s:
                scores = routing.evaluate(s, train_to, test_from, test_to)
        finally:
            engine.dispose()
    except routing.RoutingRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format == "csv":
        write_csv(COLUMNS, ([x.method, str(x.cases), f"{x.top1:.4f}", f"{x.top3:.4f}"] for x in scores))
    else:
        rows = [list(TABLE_HEADERS)] + [[METHOD_NAMES[x.method], str(x.cases), f"{x.top1:.1%}", f"{x.top3:.1%}"]
                                        for x in scores]
        print(f"派单建议的准确率:学习截至 {train_to:%Y-%m-%d} 办结的诉求,检验 {test_from:%Y-%m-%d} 至 "
              f"{test_to:%Y-%m-%d} 受理的诉求(以最终承办单位为准)")
        print("\n".join(aligned(rows, right={1, 2, 3})))
    return 0
