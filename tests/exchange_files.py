"""Exchange CSV files for the tests: a valid row to vary, and files of many generated rows."""
from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from app.services.exchange import COLUMNS

GOOD_ROW = {
    "case_no": "2022080100001", "received_at": "2022-08-01T09:30:00+08:00", "channel": "phone",
    "request_type": "complaint", "caller_name": "王女士", "caller_phone": "13812345678",
    "address": "天伦北里3号楼", "street": "太平桥街道", "community": "天伦北里社区", "category": "施工扰民",
    "description": "夜间施工噪音", "urgency": "normal", "unit": "太平桥街道", "status": "closed",
    "replied_at": "2022-08-02T10:00:00+08:00", "callback_at": "2022-08-03T11:00:00+08:00", "reached": "yes",
    "contacted": "yes", "resolved": "yes", "satisfaction": "satisfied", "confidential": "no",
}


def write_csv(path: Path, rows: Iterable[dict], header: tuple[str, ...] | list[str] = COLUMNS) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header])
    return path


def numbered(index: int, **changes) -> dict:
    """The good row with its own case number, and changes."""
    return {**GOOD_ROW, "case_no": f"20220801{index:05d}", **changes}


STREETS = [("太平桥街道", ["天伦北里社区", ""]), ("马家堡街道", ["双晨社区", "嘉园二里社区", ""]), ("卢沟桥街道", [""])]
CATEGORIES = ["施工扰民", "违法建设", "道路维修"]


def generated_rows(count: int, seed: int = 7) -> list[dict]:
    return list(iter_generated_rows(count, seed))


def iter_generated_rows(count: int, seed: int = 7) -> Iterator[dict]:
    """`count` valid rows in every status from 2022-01-01 on, each received later than the one before."""
    rng = random.Random(seed)
    start = datetime(2022, 1, 1, 8, 0)
    numbers: dict[str, int] = {}
    for i in range(count):
        received = start + timedelta(minutes=i * 7 + rng.randrange(7))
        day = f"{received:%Y%m%d}"
        numbers[day] = numbers.get(day, 0) + 1
        street, communities = rng.choice(STREETS)
        status = rng.choice(["new", "dispatched", "accepted", "returned", "replied", "closed", "closed", "closed",
                             "merged"])
        row = {
            "case_no": f"{day}{numbers[day]:05d}", "received_at": received.isoformat() + "+08:00",
            "channel": rng.choice(["phone", "web", "wechat", "app"]),
            "request_type": rng.choice(["consultation", "help", "complaint"]), "caller_name": rng.choice(["", "李先生"]),
            "caller_phone": f"139{rng.randrange(10**8):08d}", "address": f"{i}号", "street": street,
            "community": rng.choice(communities), "category": rng.choice(CATEGORIES),
            "description": f"诉求 {i}", "urgency": rng.choice(["normal", "normal", "urgent"]),
            "unit": "" if status in ("new", "returned") else street, "status": status,
            "confidential": "yes" if i % 13 == 5 else "no",  # (no random draw: the other rows stay as they were)
        }
        if status in ("replied", "closed"):
            replied = received + timedelta(hours=rng.randrange(2, 200))
            row["replied_at"] = replied.isoformat() + "+08:00"
            if status == "closed" or rng.random() < 0.3:
                row["callback_at"] = (replied + timedelta(hours=rng.randrange(1, 72))).isoformat() + "+08:00"
                reached = status == "closed" and rng.random() < 0.9
                row["reached"] = "yes" if reached else "no"
                if reached:
                    row["contacted"] = rng.choice(["yes", "yes", "no"])
                    row["resolved"] = rng.choice(["yes", "yes", "partly", "no"])
                    row["satisfaction"] = rng.choice(["satisfied", "satisfied", "basic", "unsatisfied"])
        yield row
