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


class LoginRefused(HotlineError):
    """A login that did not succeed.

    reason: "wrong_password" (also for an unknown user name, so names cannot be probed),
    "wait" (too soon after a failure: try again in `retry_after` seconds), "locked" (too many
    failures: locked until `locked_until`), "disabled" (the account was switched off).
    """

    def __init__(self, reason: str, retry_after: float = 0.0, locked_until=None, failures_left: int | None = None):
        super().__init__(f"login refused: {reason}")
        self.reason = reason
        self.retry_after = retry_after
        self.locked_until = locked_until
        self.failures_left = failures_left


class AppendOnly(HotlineError):
    """Something tried to change or delete a row of the timeline (events, callbacks, access log)."""

    def __init__(self, table: str, operation: str):
        super().__init__(f"{table} is append-only: {operation} refused")
        self.table = table
        self.operation = operation
