"""Checks of what a receptionist types: phone formats, required fields, lengths. Shared by intake and import."""
from __future__ import annotations

import re

from app.services.errors import FieldProblem

CHANNELS = ("phone", "web", "wechat", "weibo", "app", "forwarded")
REQUEST_TYPES = ("consultation", "help", "complaint", "report", "suggestion", "praise")
URGENCIES = ("normal", "urgent")
STATUSES = ("new", "dispatched", "accepted", "returned", "replied", "closed", "merged")
RESOLVED_VALUES = ("yes", "partly", "no")
SATISFACTION_VALUES = ("satisfied", "basic", "unsatisfied")
DEADLINE_TIERS = ("urgent", "utility", "general", "complex")

MAX_LENGTH = {"caller_name": 64, "caller_phone": 32, "no_phone_reason": 100, "address": 200, "description": 2000, "reply_text": 2000,
              "remark": 500, "note": 1000}

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# landline: area code (010 and 02x have three digits, the others four) then 7–8 digits, optional
# extension ("-123", "转123", "ext 123")
_LANDLINE = re.compile(r"^(010|02\d|0[3-9]\d{2})-?([2-9]\d{6,7})(?:(?:-|转|ext\.?|x)(\d{1,6}))?$", re.IGNORECASE)


def normalize_phone(raw: str) -> str | None:
    """A mainland mobile (13812345678) or landline with area code (010-63812345, 010-63812345-123).

    Returns the number in its stored form, or None when it is neither.
    """
    text = re.sub(r"[\s()（）]", "", raw or "")
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    if _MOBILE.match(text):
        return text
    m = _LANDLINE.match(text)
    if m:
        area, number, ext = m.groups()
        return f"{area}-{number}" + (f"-{ext}" if ext else "")
    return None


def phone_problem(raw: str, field: str = "caller_phone") -> FieldProblem | None:
    if not (raw or "").strip():
        return FieldProblem(field, "required")
    if normalize_phone(raw) is None:
        return FieldProblem(field, "bad_phone", raw)
    return None


def caller_phone_problems(raw: str, no_phone_reason: str | None = None) -> list[FieldProblem]:
    """The caller's number, or (`no_phone_reason` not None) a call without one: then the number is empty
    and the reason (withheld, not shown, …) is required."""
    if no_phone_reason is None:
        problem = phone_problem(raw)
        return [problem] if problem else []
    if (raw or "").strip():  # a number and "no number" at once
        return [FieldProblem("no_phone_reason", "not_allowed", raw.strip())]
    if not no_phone_reason.strip():
        return [FieldProblem("no_phone_reason", "required")]
    problem = length_problem("no_phone_reason", no_phone_reason.strip())
    return [problem] if problem else []


def length_problem(field: str, value: str | None) -> FieldProblem | None:
    limit = MAX_LENGTH.get(field)
    if value and limit and len(value) > limit:
        return FieldProblem(field, "too_long", str(limit))
    return None


def choice_problem(field: str, value: str | None, allowed: tuple[str, ...]) -> FieldProblem | None:
    if not value:
        return FieldProblem(field, "required")
    if value not in allowed:
        return FieldProblem(field, "not_allowed", value)
    return None
