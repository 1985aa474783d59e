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


# Why an action is refused when the case's state is not the reason (TransitionRefused.reason), in English
# for logs and the command line; app/messages.py says each in the user's language.
REFUSAL_TEXT = {
    "no_return_request": "no return was asked for",
    "no_extension_request": "no extension was asked for",
    "merge_into_itself": "a case cannot be merged into itself",
    "merge_into_merged": "case {detail} is itself merged into another case",
    "closed_as": "it was closed as {detail}",
    "no_unit": "there is no handling unit to send it back to",
    "pending": "a {detail} request is waiting for the dispatcher",
    "not_contacted": "the citizen has not been contacted (record the contact, or why there was none)",
}


class TransitionRefused(HotlineError):
    """The case's state does not allow the action; or, with `reason` (a key of REFUSAL_TEXT), something else does not.

    `detail` fills the reason's sentence (a case number, a close reason, a pending request).
    """

    def __init__(self, case_no: str, action: str, status: str, reason: str = "", detail: str = ""):
        why = REFUSAL_TEXT[reason].format(detail=detail) if reason else f"not allowed in state {status}"
        super().__init__(f"case {case_no}: {action} refused: {why}")
        self.case_no = case_no
        self.action = action
        self.status = status
        self.reason = reason
        self.detail = detail


class TaskRefused(HotlineError):
    """A proactive task's state does not allow the step: `status` is where it is, `action` what was asked."""

    def __init__(self, task_id: int, action: str, status: str):
        super().__init__(f"task {task_id}: {action} is not allowed in state {status}")
        self.task_id = task_id
        self.action = action
        self.status = status


class DemoRefused(HotlineError):
    """The database already holds cases; demo data goes only into an empty one."""

    def __init__(self, cases: int):
        super().__init__(f"the database already holds {cases} cases; demo data is only written into an empty database")
        self.cases = cases


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

    reason: "wrong_password" (also for an unknown user name, and for any attempt while the account
    is paused or locked after failures, so that neither names nor guesses can be told apart), or
    "disabled" (the right password of an account that was switched off). `retry_after`: seconds
    the dialog waits before it offers the next attempt.
    """

    def __init__(self, reason: str, retry_after: float = 0.0):
        super().__init__(f"login refused: {reason}")
        self.reason = reason
        self.retry_after = retry_after


class AppendOnly(HotlineError):
    """Something tried to change or delete a row of the timeline (events, callbacks, access log)."""

    def __init__(self, table: str, operation: str):
        super().__init__(f"{table} is append-only: {operation} refused")
        self.table = table
        self.operation = operation


@dataclass
class ImportProblem:
    """One problem of an exchange CSV file: where it is (line 1 is the header) and what is wrong."""

    line: int
    column: str  # a column of the exchange format, or "" for the whole row
    code: str  # see PROBLEM_TEXT
    detail: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: " + PROBLEM_TEXT.get(self.code, "{detail}").format(column=self.column, detail=self.detail)


# English sentences of the import problems (the command line); app/messages.py has the Chinese ones.
PROBLEM_TEXT = {
    "bad_header": "the header is not the exchange format: {detail}",
    "field_count": "expected 21 fields, found {detail}",
    "field_count_base": "expected 20 fields (as the header, which has no confidential column), found {detail}",
    "required": "a value is required",
    "required_when": "a value is required when {detail}",
    "empty_when": "must be empty when {detail}",
    "too_long": "too long (at most {detail} characters)",
    "not_allowed": "value not allowed: {detail}",
    "bad_time": "not an ISO 8601 time: {detail}",
    "no_offset": "the time has no UTC offset (write e.g. 2022-08-01T09:30:00+08:00): {detail}",
    "before_received": "earlier than received_at: {detail}",
    "reached_after_reply": "a reached callback after the reply closes the case, but status is {detail}",
    "bad_phone": "not a mobile number or a landline with area code: {detail}",
    "unknown": "unknown {column}: {detail}",
    "not_a_street": "not a street or town: {detail}",
    "not_a_community": "not a community or village: {detail}",
    "not_in_street": "community is not in street {detail}",
    "duplicate_in_file": "case number already used on line {detail}",
    "duplicate_in_db": "case number already in the database: {detail}",
    "bad_csv": "not readable as CSV: {detail}",
    "bad_character": "a character that cannot be stored (a control character or a broken one): {detail}",
    "invisible": "holds only invisible characters (such as zero-width spaces)",
    "changed_meanwhile": "the database changed while the file was being checked ({detail}); import again",
}


class ImportRejected(HotlineError):
    """The file has problems; nothing was written. `problems` holds the first ones, `total` counts all."""

    MAX_KEPT = 1000

    def __init__(self, problems: list[ImportProblem], total: int | None = None):
        self.problems = problems[: self.MAX_KEPT]
        self.total = total if total is not None else len(problems)
        shown = "; ".join(str(p) for p in self.problems[:5])
        more = f" (and {self.total - 5} more)" if self.total > 5 else ""
        super().__init__(f"import rejected, nothing written: {shown}{more}")


class ExchangeFileError(HotlineError):
    """The file itself cannot be used: missing, not UTF-8, empty, or not readable/writable."""

    TEXT = {
        "missing": "file not found: {path}",
        "not_utf8": "{path} is not UTF-8 ({detail}); save it as UTF-8 (e.g. a GBK file must be converted)",
        "empty": "{path} is empty: an exchange file starts with the header line",
        "unreadable": "cannot read {path}: {detail}",
        "unwritable": "cannot write {path}: {detail}",
    }

    def __init__(self, code: str, path: str, detail: str = ""):
        self.code = code
        self.path = path
        self.detail = detail
        super().__init__(self.TEXT[code].format(path=path, detail=detail))


class SchemaMismatch(HotlineError):
    """The database is not at the schema revision this program was built for, and will not be migrated here.

    `current` None: an empty database. `newer`: a revision this program does not know (a newer program
    migrated it). A PostgreSQL database is migrated only by `hotline db upgrade`.
    """

    def __init__(self, current: str | None, head: str | None, newer: bool = False):
        if newer:
            text = f"the database is at revision {current}, newer than this program ({head}): use the newer program"
        else:
            text = (f"the database is at revision {current or 'none (empty)'}, this program needs {head}: "
                    "run `hotline db upgrade`")
        super().__init__(text)
        self.current = current
        self.head = head
        self.newer = newer
