"""The names of the summary counters, in their column order, without SQLAlchemy (app/summary_tables.py and
app/models/stats.py describe the columns; `rank` on a SQLite file reads them without SQLAlchemy)."""
from __future__ import annotations

COUNTERS = (
    "received",  # cases received (by received day)
    "replied",  # replies given (by reply day)
    "overdue",  # replies given after the reply deadline (by reply day)
    "callbacks",  # callback attempts made (by callback day)
    "reached",  # callbacks that reached the citizen: the counted callbacks
    "contacted",  # reached callbacks where the unit had contacted the citizen
    "resolved",  # reached callbacks answered "solved"
    "partly",  # reached callbacks answered "partly solved"
    "satisfied",  # 满意
    "basic",  # 基本满意
    "unsatisfied",  # 不满意
)
