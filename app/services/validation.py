"""Checks of what a receptionist types: phone formats, required fields, lengths. Shared by intake and import."""
from __future__ import annotations

import re

from app.services.case_states import STATUSES as STATUSES  # re-exported
from app.services.case_states import Channel, RequestType, Urgency
from app.services.errors import FieldProblem

# the codes, in this order, come from the StrEnums of app/services/case_states.py (the database's CHECKs too)
CHANNELS = tuple(c.value for c in Channel)
REQUEST_TYPES = tuple(r.value for r in RequestType)
URGENCIES = tuple(u.value for u in Urgency)
RESOLVED_VALUES = ("yes", "partly", "no")
SATISFACTION_VALUES = ("satisfied", "basic", "unsatisfied")
DEADLINE_TIERS = ("urgent", "utility", "general", "complex")

MAX_LENGTH = {"caller_name": 64, "caller_phone": 32, "no_phone_reason": 100, "address": 200, "description": 2000,
              "reply_text": 2000, "remark": 500, "note": 2000, "reason": 2000}  # note: as long as a description (a repeat call's words)

# ASCII digits only ([0-9], not \d, which also takes Arabic-Indic and other digits); full-width digits
# and signs (as a Chinese input method types them) are made ASCII first
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
# landline: area code (010 and 02x have three digits, the others four) then 7–8 digits, optional
# extension ("-123", "转123", "ext 123")
_LANDLINE = re.compile(r"^(010|02[0-9]|0[3-9][0-9]{2})-?([2-9][0-9]{6,7})(?:(?:-|转|ext\.?|x)([0-9]{1,6}))?$",
                       re.IGNORECASE)
_FULL_WIDTH = str.maketrans({**{0xFF10 + i: 0x30 + i for i in range(10)}, "＋": "+", "－": "-", "ｘ": "x"})

# characters no text field may hold: NUL (PostgreSQL cannot store it), the other control characters
# except tab and line breaks, and lone surrogates (not Unicode text: no database can encode them)
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# a character that shows: neither white space nor an invisible format character (zero-width space and
# joiners, direction marks, word joiner, byte order mark, soft hyphen)
_VISIBLE = re.compile("[^\\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def character_problem(field: str, value: str | None) -> FieldProblem | None:
    """A character that cannot be stored (see _BAD_CHARACTER): `bad_character`, detail "U+0000 at character 5"."""
    found = _BAD_CHARACTER.search(value) if value else None
    if found is None:
        return None
    return FieldProblem(field, "bad_character", f"U+{ord(found.group()):04X} at character {found.start() + 1}")


def has_bad_character(text: str) -> bool:
    return _BAD_CHARACTER.search(text) is not None


def is_blank(value: str | None) -> bool:
    """Nothing visible: empty, white space, or only invisible characters such as zero-width spaces."""
    return not value or _VISIBLE.search(value) is None


def text_problem(field: str, value: str | None, required: bool = False) -> FieldProblem | None:
    """The first problem of a free text: a character that cannot be stored, nothing visible (required:
    `required`; else `invisible` when it holds only invisible characters), too long."""
    problem = character_problem(field, value)
    if problem:
        return problem
    if is_blank(value):
        if required:
            return FieldProblem(field, "required")
        if value and value.strip():
            return FieldProblem(field, "invisible")
        return None
    return length_problem(field, value)


def normalize_phone(raw: str) -> str | None:
    """A mainland mobile (13812345678) or landline with area code (010-63812345, 010-63812345-123).

    Returns the number in its stored form, or None when it is neither.
    """
    text = re.sub(r"[\s()（）]", "", (raw or "").translate(_FULL_WIDTH))
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
    if is_blank(raw):
        return FieldProblem(field, "required")
    problem = character_problem(field, raw)
    if problem:
        return problem
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
