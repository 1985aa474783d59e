"""The codes a case's columns hold, as StrEnums. The database refuses any other (CHECK constraints of
app/models/cases.py, migration 0011_state_checks); the state machine that moves between the statuses
is app/services/case_states.py."""
from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    NEW = "new"
    DISPATCHED = "dispatched"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    REPLIED = "replied"
    CLOSED = "closed"
    MERGED = "merged"


class RequestType(StrEnum):
    CONSULTATION = "consultation"
    HELP = "help"
    COMPLAINT = "complaint"
    REPORT = "report"
    SUGGESTION = "suggestion"
    PRAISE = "praise"


class Channel(StrEnum):
    PHONE = "phone"
    WEB = "web"
    WECHAT = "wechat"
    WEIBO = "weibo"
    APP = "app"
    FORWARDED = "forwarded"


class Urgency(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"
