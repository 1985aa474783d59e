"""hotline.log holds no citizen's data: a failing background job writes where it failed, not the values."""
from __future__ import annotations

import logging

from sqlalchemy import text

from app import db, safe_log
from app.ui.workers import JobRunner

PHONE, NAME, ADDRESS = "13912345678", "王秘密", "右安门外大街99号"


def _insert_incomplete_case(sf):
    with sf.begin() as s:  # NOT NULL columns missing: the database refuses the row (and PostgreSQL quotes it)
        s.execute(text("INSERT INTO cases (caller_name, caller_phone, address) VALUES (:n, :p, :a)"),
                  {"n": NAME, "p": PHONE, "a": ADDRESS})


def test_a_failing_job_logs_no_personal_data(qtbot, db_url, tmp_path):
    engine = db.make_engine(db_url)
    sf = db.make_session_factory(engine)
    path = tmp_path / "hotline.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    safe_log.install([handler])  # as the console's log file (app/ui/application.py)
    root = logging.getLogger()
    root.addHandler(handler)
    errors = []
    try:
        runner = JobRunner()
        runner.start(_insert_incomplete_case, sf, on_error=errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
        logging.getLogger("app.test").error("job failed: %s", errors[0])  # an exception as a message argument
    finally:
        root.removeHandler(handler)
        handler.close()
        engine.dispose()
    logged = path.read_text(encoding="utf-8")
    assert "background job failed" in logged and "IntegrityError" in logged and "INSERT INTO cases" in logged
    assert "_insert_incomplete_case" in logged  # where it happened is kept
    for secret in (PHONE, NAME, ADDRESS):
        assert secret not in logged
    assert "SQL parameters hidden" in str(errors[0])  # the engine keeps the values out of the message too


def test_describe_keeps_what_helps_and_drops_values():
    from app.services.errors import FieldProblem, ValidationFailed

    bad = ValidationFailed([FieldProblem("caller_phone", "bad_phone", PHONE)])
    assert safe_log.describe(bad) == "app.services.errors.ValidationFailed: caller_phone: bad_phone"
    assert safe_log.describe(KeyError(PHONE)) == "KeyError"
    assert safe_log.describe(FileNotFoundError(2, "No such file or directory", f"/tmp/{NAME}.csv")) == (
        "FileNotFoundError: [Errno 2] No such file or directory")
