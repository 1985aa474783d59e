"""Fixtures: a fresh, migrated database per test, on a real SQLite file and on a real PostgreSQL server."""
from __future__ import annotations

import itertools
import os
import shutil

import pytest
from sqlalchemy import text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import db  # noqa: E402
from app.services.actors import Actor, system_actor  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402

_counter = itertools.count()


@pytest.fixture(scope="session")
def pg_server():
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """A migrated database holding the reference data, copied for each test (CREATE DATABASE … TEMPLATE)."""
    admin = db.make_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE hotline_template"))
    engine = db.make_engine(pg_server.url("hotline_template"))
    db.upgrade(engine)
    engine.dispose()
    yield "hotline_template"
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    db.sqlite_checkpoint(engine)
    engine.dispose()
    return path


def new_sqlite_url(sqlite_template, tmp_path) -> str:
    path = tmp_path / f"hotline-{next(_counter)}.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def new_pg_url(pg_server, pg_template) -> str:
    name = f"hotline_test_{os.getpid()}_{next(_counter)}"
    admin = db.make_engine(pg_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    admin.dispose()
    return pg_server.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh migrated database with the reference data, on each backend."""
    if request.param == "sqlite":
        return new_sqlite_url(request.getfixturevalue("sqlite_template"), tmp_path)
    return new_pg_url(request.getfixturevalue("pg_server"), request.getfixturevalue("pg_template"))


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path):
    """A fresh migrated SQLite file (for UI tests and file-specific behaviour)."""
    return new_sqlite_url(sqlite_template, tmp_path)


@pytest.fixture
def engine(db_url):
    engine = db.make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sf(engine):
    return db.make_session_factory(engine)


@pytest.fixture
def sqlite_sf(sqlite_url):
    engine = db.make_engine(sqlite_url)
    yield db.make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def system():
    return system_actor()


def make_actor(role: str, unit_id: int | None = None, staff_id: int | None = None) -> Actor:
    return Actor(staff_id=staff_id, role=role, unit_id=unit_id, workstation="test-ws", name=role)


@pytest.fixture(scope="session", autouse=True)
def _garbage_collected_in_the_gui_thread(qapp):
    """As in the console: Python's cycle collector never runs on a worker thread (it would free widgets there)."""
    from app.ui.application import collect_garbage_in_the_gui_thread

    collect_garbage_in_the_gui_thread(qapp)
    return qapp._collector


@pytest.fixture(autouse=True)
def _background_jobs_end_with_their_test(_garbage_collected_in_the_gui_thread):
    """A test's worker jobs finish before the next test starts, so that a loaded machine cannot make
    one test's queries delay another's; then the garbage of the test is collected, in the GUI thread."""
    yield
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(60_000)
    _garbage_collected_in_the_gui_thread.check()
