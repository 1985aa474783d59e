"""The timeline is append-only: events, callbacks and the access log are inserted, never changed or deleted.

Enforced twice: here, in the ORM (a flush that would update or delete such a row, or an ORM
``update()``/``delete()`` statement against them, raises AppendOnly), and in the database itself by
the triggers of migrations 0002_staff, 0006_tasks and 0013_knowledge (which stop raw SQL too, on SQLite and PostgreSQL).
Imported by app.db.make_session_factory, so every session of the application has the guard.
"""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Mapper, Session

from app.models import AccessLog, Callback, CaseEvent, KnowledgeAnswer, KnowledgeArticleVersion, TaskEvent
from app.services.errors import AppendOnly

APPEND_ONLY = (CaseEvent, Callback, AccessLog, TaskEvent, KnowledgeArticleVersion, KnowledgeAnswer)
APPEND_ONLY_TABLES = tuple(m.__tablename__ for m in APPEND_ONLY)


def _refuse(operation: str):
    def listener(_mapper: Mapper, _connection, target) -> None:
        raise AppendOnly(type(target).__tablename__, operation)
    return listener


for _model in APPEND_ONLY:
    event.listen(_model, "before_update", _refuse("UPDATE"))
    event.listen(_model, "before_delete", _refuse("DELETE"))


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state) -> None:
    if not (state.is_update or state.is_delete):
        return
    for mapper in state.all_mappers:
        if mapper.class_ in APPEND_ONLY:
            raise AppendOnly(mapper.class_.__tablename__, "UPDATE" if state.is_update else "DELETE")
