"""The checks of an intake form that need no database, run on every keystroke.

They are the in-memory half of lifecycle.validate_intake (same FieldProblem codes, built from
app.services.validation); create_case still runs validate_intake in its transaction.
"""
from __future__ import annotations

from app.services.directory import Directory
from app.services.errors import FieldProblem
from app.services.lifecycle import IntakeForm, answer_problem
from app.services.validation import caller_phone_problems, is_blank, text_problem


def form_problems(form: IntakeForm, directory: Directory, answering: bool = False,
                  answer: str | None = None) -> list[FieldProblem]:
    """Problems in the order of the form, each once per field."""
    problems = [*caller_phone_problems(form.caller_phone, form.no_phone_reason),
                text_problem("caller_name", form.caller_name)]
    if answering:
        problems.append(answer_problem(form.request_type))
    if form.street_id is None and not answering:
        problems.append(FieldProblem("street", "required"))
    if form.community_id is not None:
        community = directory.units.get(form.community_id)
        if community is None or (form.street_id is not None and community.parent_id != form.street_id):
            problems.append(FieldProblem("community", "not_in_street"))
    problems.append(text_problem("address", form.address))
    if form.category_id is None:
        problems.append(FieldProblem("category", "required"))
    problems.append(text_problem("description", form.description, required=True))
    if answering:
        if is_blank(answer):
            problems.append(FieldProblem("answer", "required"))
        else:
            problems.append(text_problem("reply_text", answer))
    return [p for p in problems if p]
