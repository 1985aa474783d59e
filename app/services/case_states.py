"""The case state machine, in one table: states, actions, from which states, to which, who, and what they need.

Every place that asks "may this be done to this case now?" reads RULES: the lifecycle's checks
(app/services/lifecycle.py), the actions a case offers (case_queries.available_actions), the role
checks (permissions.ALLOWED is a view of RULES), the action dialogs (what to ask for) and the
cases tab. The codes are StrEnums; the database refuses any other status, request type, channel
or urgency (CHECK constraints, migration 0011_state_checks).

Plain data, no Qt and no database: the UI labels its fields itself (app/ui/cases/action_dialogs.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# the codes live beside the tables that hold them; re-exported here with the actions
from app.models.codes import Channel as Channel
from app.models.codes import RequestType as RequestType
from app.models.codes import Status
from app.models.codes import Urgency as Urgency


class Action(StrEnum):
    CREATE = "create"
    ANSWER = "answer"
    LINK_REPEAT = "link_repeat"
    DISPATCH = "dispatch"
    APPROVE_RETURN = "approve_return"
    REJECT_RETURN = "reject_return"
    APPROVE_EXTENSION = "approve_extension"
    REJECT_EXTENSION = "reject_extension"
    MERGE = "merge"
    CLOSE = "close"
    SIGN = "sign"
    CONTACT = "contact"
    REPLY = "reply"
    REQUEST_RETURN = "request_return"
    REQUEST_EXTENSION = "request_extension"
    CALLBACK = "callback"
    REOPEN = "reopen"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
OPEN_STATES: tuple[str, ...] = (Status.NEW.value, Status.DISPATCHED.value, Status.ACCEPTED.value,
                                Status.RETURNED.value)
ANY_STATE: tuple[str, ...] = STATUSES

INTAKE = ("receptionist", "dispatcher", "admin", "system")
DISPATCH = ("dispatcher", "admin", "system")
HANDLE = ("handler", "admin", "system")
CALLBACK = ("callback", "admin", "system")


@dataclass(frozen=True)
class Needs:
    """What the person doing the action supplies. text: None (nothing), "optional" or "required";
    text_field: the service's field of that text (its length limit, validation.MAX_LENGTH)."""

    unit: bool = False
    date: bool = False
    case: bool = False  # another case's number (merge into it)
    text: str | None = None
    text_field: str = "note"


@dataclass(frozen=True)
class Rule:
    """One action. `from_states`: the states it is allowed from (None: a new case, no state yet);
    `to`: the resulting state (None: the state stays); `pending`: the unit's request the case must
    have waiting ("none": no request may be waiting; None: either way); `close_reasons`: for a
    closed case, how it must have been closed; `in_cases_tab`: offered as a button of the cases tab."""

    from_states: tuple[str, ...] | None
    to: str | None
    roles: tuple[str, ...]
    needs: Needs = Needs()
    pending: str | None = None
    close_reasons: tuple[str, ...] | None = None
    in_cases_tab: bool = True


_S = Status
RULES: dict[Action, Rule] = {
    Action.CREATE: Rule(None, _S.NEW, INTAKE, in_cases_tab=False),
    Action.ANSWER: Rule(None, _S.REPLIED, INTAKE, Needs(text="required", text_field="reply_text"), in_cases_tab=False),
    Action.LINK_REPEAT: Rule(OPEN_STATES + (_S.REPLIED,), None, INTAKE, Needs(text="optional"), in_cases_tab=False),
    Action.DISPATCH: Rule((_S.NEW, _S.RETURNED), _S.DISPATCHED, DISPATCH, Needs(unit=True, text="optional")),
    Action.APPROVE_RETURN: Rule(ANY_STATE, _S.RETURNED, DISPATCH, Needs(text="optional"), pending="return"),
    Action.REJECT_RETURN: Rule(ANY_STATE, None, DISPATCH, Needs(text="required"), pending="return"),
    Action.APPROVE_EXTENSION: Rule(ANY_STATE, None, DISPATCH, Needs(text="optional"), pending="extension"),
    Action.REJECT_EXTENSION: Rule(ANY_STATE, None, DISPATCH, Needs(text="required"), pending="extension"),
    Action.MERGE: Rule(OPEN_STATES, _S.MERGED, DISPATCH, Needs(case=True, text="optional")),
    Action.CLOSE: Rule((_S.NEW, _S.REPLIED), _S.CLOSED, DISPATCH, Needs(text="required")),
    Action.SIGN: Rule((_S.DISPATCHED,), _S.ACCEPTED, HANDLE),
    Action.CONTACT: Rule((_S.ACCEPTED,), None, HANDLE, Needs(text="optional")),
    Action.REPLY: Rule((_S.ACCEPTED,), _S.REPLIED, HANDLE, Needs(text="required", text_field="reply_text"),
                       pending="none"),
    Action.REQUEST_RETURN: Rule((_S.DISPATCHED, _S.ACCEPTED), None, HANDLE,
                                Needs(text="required", text_field="reason"), pending="none"),
    Action.REQUEST_EXTENSION: Rule((_S.DISPATCHED, _S.ACCEPTED), None, HANDLE,
                                   Needs(date=True, text="required", text_field="reason"), pending="none"),
    # reached: closed; not reached: stays replied until the last attempt (closed as unreachable)
    Action.CALLBACK: Rule((_S.REPLIED,), _S.CLOSED, CALLBACK, in_cases_tab=False),
    Action.REOPEN: Rule((_S.CLOSED,), _S.DISPATCHED, ("dispatcher", "callback", "admin", "system"),
                        Needs(text="required"), close_reasons=("callback", "manual")),
}

# the order of the cases tab's buttons
CASES_TAB_ACTIONS: tuple[Action, ...] = (
    Action.DISPATCH, Action.SIGN, Action.CONTACT, Action.REPLY, Action.REQUEST_RETURN, Action.APPROVE_RETURN,
    Action.REJECT_RETURN, Action.REQUEST_EXTENSION, Action.APPROVE_EXTENSION, Action.REJECT_EXTENSION,
    Action.MERGE, Action.REOPEN, Action.CLOSE,
)
assert set(CASES_TAB_ACTIONS) == {a for a, r in RULES.items() if r.in_cases_tab}

_PENDING_REFUSAL = {"return": "no_return_request", "extension": "no_extension_request"}


def refusal(action: str, status: str, pending_request: str | None = None,
            close_reason: str | None = None) -> tuple[str, str] | None:
    """Why the table refuses `action` on a case in this state: None when it allows it, else
    (reason, detail) for TransitionRefused ("" reason: the state itself is wrong)."""
    rule = RULES[Action(action)]
    if rule.from_states is not None and status not in rule.from_states:
        return "", ""
    if rule.pending == "none" and pending_request:
        return "pending", pending_request
    if rule.pending in _PENDING_REFUSAL and pending_request != rule.pending:
        return _PENDING_REFUSAL[rule.pending], ""
    if rule.close_reasons is not None and status == Status.CLOSED and close_reason not in rule.close_reasons:
        return "closed_as", close_reason or ""
    return None


def allowed_actions(status: str, pending_request: str | None, close_reason: str | None) -> set[str]:
    """The cases tab's actions that the state allows (the role is checked apart: permissions.allows)."""
    return {a.value for a in CASES_TAB_ACTIONS if refusal(a, status, pending_request, close_reason) is None}


def target(action: str) -> str:
    """The state the action leads to (for actions that change it)."""
    to = RULES[Action(action)].to
    assert to is not None, action
    return str(to)


def roles(action: str) -> tuple[str, ...]:
    return RULES[Action(action)].roles


# the event a case's timeline records for an action (case_events.action); events not listed here are
# notes on the way (deadlines_reset, no_contact, repeat_merged) that follow an action
EVENT_ACTIONS: dict[str, Action] = {
    "create": Action.CREATE, "answer": Action.ANSWER, "repeat_call": Action.LINK_REPEAT,
    "dispatch": Action.DISPATCH, "redispatch": Action.DISPATCH, "sign": Action.SIGN, "contact": Action.CONTACT,
    "reply": Action.REPLY, "return_requested": Action.REQUEST_RETURN, "return_approved": Action.APPROVE_RETURN,
    "return_rejected": Action.REJECT_RETURN, "extension_requested": Action.REQUEST_EXTENSION,
    "extension_approved": Action.APPROVE_EXTENSION, "extension_rejected": Action.REJECT_EXTENSION,
    "merge": Action.MERGE, "close": Action.CLOSE, "reopen": Action.REOPEN, "callback": Action.CALLBACK,
    "callback_attempt": Action.CALLBACK, "callback_unreachable": Action.CALLBACK,
}


def event_problem(event: str, from_status: str | None, to_status: str | None) -> str | None:
    """What in a recorded event the table does not allow (None: it agrees): a check for timelines that are
    written without the lifecycle (the demo's bulk load, an import)."""
    action = EVENT_ACTIONS.get(event)
    if action is None:
        return None
    rule = RULES[action]
    if rule.from_states is not None and from_status not in rule.from_states:
        return f"{event} from {from_status}"
    if event == "create":  # recorded as new; a dispatch or an answer follows at once
        return None
    expected = from_status if rule.to is None or event == "callback_attempt" else str(rule.to)
    if to_status != expected:
        return f"{event} {from_status} → {to_status}, not → {expected}"
    return None
