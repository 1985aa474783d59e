"""The schema comes only from Alembic, and the models and the migrations agree, on both backends."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from app import db
from app.models import Base, Category, DeadlineRule, KeyTopic, ScoringRule, Unit
from app.services import word_search


def test_models_and_migrations_agree(engine):
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_object": word_search.not_the_word_index}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(engine):
    db.downgrade(engine, "base")
    assert "cases" not in inspect(engine).get_table_names()
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    assert {"cases", "case_events", "callbacks", "units", "stat_daily"} <= set(inspect(engine).get_table_names())


def test_reference_data_loaded_once(engine, sf):
    with sf() as s:
        units = s.scalar(select(func.count()).select_from(Unit))
        assert units == 57
        assert s.scalar(select(func.count()).select_from(Category)) == 56
        assert s.scalar(select(Unit.name).where(Unit.code == "110106002")) == "太平桥街道"
        assert s.scalar(select(Unit.population).where(Unit.code == "110106010")) == 204697
        assert s.scalar(select(func.count()).select_from(KeyTopic).where(KeyTopic.year == 2022)) == 13
        assert s.scalar(select(func.count()).select_from(DeadlineRule)) == 4
        assert s.scalar(select(func.count()).select_from(ScoringRule)) == 1
    assert db.upgrade(engine) is False  # running it again changes nothing
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == units


def test_sqlite_file_is_copied_aside_before_migrating(tmp_path):
    path = tmp_path / "old.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    db.downgrade(engine, "base")
    with engine.begin() as conn:  # a database at an older revision that holds data
        conn.exec_driver_sql("CREATE TABLE keep_me (x INTEGER)")
        conn.exec_driver_sql("DELETE FROM alembic_version")
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES ('0004_callback_claims')")
    engine.dispose()
    engine = db.make_engine(f"sqlite:///{path}")
    try:
        db.upgrade(engine)
    except Exception:
        pass  # the tables do not match the revision: the migration fails; the copy must exist regardless
    backups = list(tmp_path.glob("old.db.before-0004_callback_claims-*.bak"))
    assert len(backups) == 1


def test_only_the_newest_pre_migration_copies_are_kept(tmp_path):
    import os

    path = tmp_path / "old.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    engine.dispose()
    olds = []
    for i in range(4):  # copies left by four earlier upgrades, oldest first
        old = tmp_path / f"old.db.before-000{i}_x-2026010{i + 1}-120000.bak"
        old.write_bytes(b"copy")
        os.utime(old, (1_700_000_000 + i, 1_700_000_000 + i))
        olds.append(old)
    other = tmp_path / "other.db.before-0001_x-20260101-120000.bak"  # another database's copy stays
    other.write_bytes(b"copy")
    made = db._backup_sqlite_file(db.make_engine(f"sqlite:///{path}"), "0004_callback_claims")
    left = sorted(p.name for p in tmp_path.glob("old.db.before-*.bak"))
    assert made.name in left and len(left) == db.KEEP_MIGRATION_COPIES
    assert olds[3].name in left and olds[2].name in left  # the newest earlier ones
    assert not olds[0].exists() and not olds[1].exists()
    assert other.exists()


def test_sqlite_pragmas(sqlite_url):
    engine = db.make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.SQLITE_BUSY_TIMEOUT_MS


def test_db_upgrade_command_twice(tmp_path, capsys):
    from app.cli import main

    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["db", "upgrade", "--db", url]) == 0
    assert "was None" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", url]) == 0
    assert "no change" in capsys.readouterr().out
    engine = db.make_engine(url)
    with db.make_session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == 57


def test_database_url_resolution(monkeypatch):
    monkeypatch.setenv(db.ENV_VAR, "sqlite:///from-env.db")
    assert db.resolve_url("sqlite:///from-cli.db") == "sqlite:///from-cli.db"
    assert db.resolve_url(None) == "sqlite:///from-env.db"
    monkeypatch.delenv(db.ENV_VAR)
    assert db.resolve_url(None).endswith("hotline.db")


def test_0003_drops_the_monthly_rows_of_no_unit_yet_and_downgrade_brings_them_back(engine, sf, system):
    from app.models import StatDaily, StatMonthlyUnit
    from app.services import lifecycle
    from tests.factories import form

    lifecycle.create_case(sf, system, form(sf), dispatch=False)  # received under "no unit yet"
    lifecycle.create_case(sf, system, form(sf, phone="13912345678"), dispatch=True)
    with sf() as s:
        assert s.scalar(select(func.count()).where(StatMonthlyUnit.unit_id == 0)) == 0
        no_unit_days = s.scalar(select(func.sum(StatDaily.received)).where(StatDaily.unit_id == 0))
    assert no_unit_days == 1
    db.downgrade(engine, "0002_staff")  # the summary as the earlier revisions kept it
    with sf() as s:
        assert s.scalar(select(func.sum(StatMonthlyUnit.received)).where(StatMonthlyUnit.unit_id == 0)) == 1
    db.upgrade(engine)
    with sf() as s:
        assert s.scalar(select(func.count()).where(StatMonthlyUnit.unit_id == 0)) == 0
        assert s.scalar(select(func.sum(StatMonthlyUnit.received))) == 1


def test_user_names_differing_only_in_case_are_renamed_by_0010(engine, sf):
    from sqlalchemy.exc import IntegrityError

    from app.models import Staff

    db.downgrade(engine, "0004_callback_claims")
    with engine.begin() as conn:  # accepted before 0005: two of "Clerk"/"clerk" (and a third)
        for name in ("Clerk", "clerk", "CLERK", "other"):
            conn.exec_driver_sql(
                "INSERT INTO staff (username, display_name, role, active, failed_logins, created_at) "
                f"VALUES ('{name}', 'x', 'callback', true, 0, '2026-01-01 00:00:00')")
    db.upgrade(engine)
    with sf() as s:
        rows = s.execute(select(Staff.id, Staff.username).order_by(Staff.id)).all()
    assert [n for _, n in rows] == ["Clerk", f"clerk.dup{rows[1].id}", f"CLERK.dup{rows[2].id}", "other"]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.exec_driver_sql("UPDATE staff SET username = 'OTHER' WHERE username = 'Clerk'")
