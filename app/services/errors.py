"""The domain's errors. Each carries what the UI needs to say, in the user's language, what went wrong."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class HotlineError(Exception):
    """Base of every error the services raise on purpose."""


class NotFound(HotlineError):
    def __init__(self, what: str, key: Any):
        super().__init__(f"{what} not found: {key}")
        self.what = what
        self.key = key


class TransitionRefused(HotlineError):
    """The case's state does not allow the action."""

    def __init__(self, case_no: str, action: str, status: str, reason: str = ""):
        super().__init__(f"case {case_no}: {action} is not allowed in state {status}" + (f" ({reason})" if reason else ""))
        self.case_no = case_no
        self.action = action
        self.status = status
        self.reason = reason


class EditConflict(HotlineError):
    """Another workstation changed the case first; `fresh` is the case as it is now."""

    def __init__(self, case_no: str, fresh: Any = None):
        super().__init__(f"case {case_no} was changed by someone else")
        self.case_no = case_no
        self.fresh = fresh


class PermissionDenied(HotlineError):
    def __init__(self, action: str, role: str, allowed: tuple[str, ...]):
        super().__init__(f"{action} is not allowed for role {role}; allowed: {', '.join(allowed)}")
        self.action = action
        self.role = role
        self.allowed = allowed


@dataclass
class FieldProblem:
    field: str
    code: str  # machine-readable: required | too_long | bad_phone | unknown | not_allowed | bad_time …
    detail: str = ""


@dataclass
class ValidationFailed(HotlineError):
    problems: list[FieldProblem] = field(default_factory=list)

    def __post_init__(self):
        super().__init__("; ".join(f"{p.field}: {p.code} {p.detail}".strip() for p in self.problems))
