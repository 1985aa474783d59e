"""Engine, sessions and migrations: the only place that knows how to reach the database."""
from __future__ import annotations

import functools
import logging
import os
import re
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from app.services import word_search

if TYPE_CHECKING:  # the ORM is imported where sessions are made: a command that reads with Core needs none of it
    # SQLAlchemy itself is imported by the functions that use it: `rank` on a SQLite file reads the paths and
    # the revision from here without it (app/services/sqlite_reader.py)
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

MIGRATIONS = Path(str(files("migrations")))  # a package: also in an installed wheel
ENV_VAR = "HOTLINE_DB_URL"
# A writer waits this long for another's write lock (BEGIN IMMEDIATE) before "database is locked":
# long enough for an import of a few hundred thousand rows, which writes in one transaction
# (all or nothing; docs/DECISIONS.md "Waiting for the write lock")
SQLITE_BUSY_TIMEOUT_MS = 60_000


def default_database_path() -> Path:
    """The embedded database in the user's data folder (QStandardPaths.AppDataLocation)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    if not QCoreApplication.applicationName() or QCoreApplication.applicationName() == "python":
        QCoreApplication.setOrganizationName("Fengtai12345")
        QCoreApplication.setApplicationName("HotlineConsole")
    from app.services.output_files import make_private, private_folder

    folder = private_folder(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    path = folder / "hotline.db"
    for side in ("", "-wal", "-shm"):  # a database made before files were kept private
        if Path(f"{path}{side}").exists():
            make_private(f"{path}{side}")
    return path


def _create_private_database_file(path: Path) -> None:
    """Creates an empty database file owner-only (0600, whatever the umask); SQLite gives its -wal and
    -shm the permissions of the database file. An existing file is left as it is."""
    from app.services.output_files import PRIVATE_FILE, PRIVATE_FOLDER

    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        os.chmod(path.parent, PRIVATE_FOLDER)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return
    except OSError:
        return  # SQLite will say why it cannot open the file
    os.close(fd)
    os.chmod(path, PRIVATE_FILE)


def resolve_url(cli_url: str | None = None) -> str:
    """--db first, then HOTLINE_DB_URL, then the embedded SQLite file."""
    if cli_url:
        return cli_url
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    return f"sqlite:///{default_database_path()}"


def display_url(url: str) -> str:
    """The URL as it may be shown or printed: its password replaced by ***."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001  (not a URL SQLAlchemy can read: mask what looks like user:password@)
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def without_password(text: str, url: str | None) -> str:
    """`text` (an error message) with the URL's password, in any spelling, replaced by ***."""
    if not url:
        return text
    from sqlalchemy.engine import make_url

    text = text.replace(url, display_url(url))
    secrets = set()
    try:
        password = make_url(url).password
    except Exception:  # noqa: BLE001
        password = None
    if password:
        secrets.add(str(password))
    found = re.search(r"://[^:/@]*:([^@]*)@", url)
    if found and found.group(1):
        secrets.add(found.group(1))
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    word_search.register(dbapi_connection)  # the triggers of the word index call it (migration 0012_word_search)


def _sqlite_begin(conn) -> None:
    # Take the write lock at BEGIN so that two writers wait for each other (busy timeout) instead
    # of failing with "database is locked" half-way through a read-then-write transaction.
    # Long readers (exports, reports) ask for read_only=True and take no write lock.
    if conn.get_execution_options().get("read_only"):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, **kwargs) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    # errors carry the SQL but never the values (names, phones, addresses) into logs and messages
    kwargs.setdefault("hide_parameters", True)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            _create_private_database_file(Path(parsed.database).expanduser())
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "isolation_level": None}, **kwargs
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if parsed.get_backend_name() == "postgresql":
        # a cut network must not hang a worker for minutes: give up connecting after a few seconds
        kwargs["connect_args"] = {"connect_timeout": 5, **kwargs.get("connect_args", {})}
    return create_engine(url, **kwargs)


def ping(engine: Engine) -> bool:
    """A cheap health check: can a connection be had and used now? Stale pooled connections are replaced."""
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.execution_options(read_only=True).connect() as conn:  # no SQLite write lock
            conn.exec_driver_sql("SELECT 1")
        return True
    except DBAPIError:
        return False


# PostgreSQL: lock_not_available (lock_timeout, NOWAIT), deadlock_detected, serialization_failure
BUSY_SQLSTATES = ("55P03", "40P01", "40001")
BUSY_TEXTS = ("database is locked", "database table is locked", "database is busy")


def is_busy(exc: BaseException) -> bool:
    """The database is there but busy: another workstation held SQLite's write lock longer than the busy
    timeout, or a PostgreSQL lock could not be had. Nothing of the failed transaction was written;
    trying again a moment later is the remedy (not the network, not the administrator)."""
    orig = getattr(exc, "orig", None) or exc
    if getattr(orig, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    text = str(orig).lower()
    return any(t in text for t in BUSY_TEXTS)


def is_file_database_error(exc: BaseException) -> bool:
    """A failure of the embedded SQLite file (missing folder, no permission, disk full), not of a network."""
    import sqlite3

    return isinstance(getattr(exc, "orig", None) or exc, sqlite3.Error)


def make_session_factory(engine: Engine, read_only: bool = False) -> sessionmaker[Session]:
    """Sessions for one user action each. read_only sessions never take SQLite's write lock."""
    from sqlalchemy.orm import sessionmaker

    import app.services.audit  # noqa: F401  (the append-only guard of the timeline, on every session)

    bind = engine.execution_options(read_only=True) if read_only else engine
    return sessionmaker(bind, expire_on_commit=False)


# Alembic is imported where it is used: it costs about a third of a command's start-up (`rank` needs none of it).

def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()


def sqlite_checkpoint(engine: Engine) -> None:
    """Fold the write-ahead log into the main file, so that the file alone holds every committed change."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def backup_sqlite(engine: Engine, target: str | os.PathLike, force: bool = False) -> Path:
    """A consistent copy of the engine's SQLite database at `target`, made with SQLite's online backup
    API while other connections keep reading and writing (WAL: the copy is one read transaction, which
    blocks no writer). Written beside the target under a temporary name (owner-only) and renamed when
    complete; marked as a backup (application_id) and in rollback-journal mode, so the file alone holds
    everything. Target rules: app/services/output_files.py (OutputRefused)."""
    import sqlite3

    from app.services import output_files

    protected = output_files.database_files(engine)
    if not protected:
        raise ValueError("only an embedded SQLite database file can be backed up this way")
    checked = output_files.check_target(target, force, protected, output_files.BACKUP_ID)
    with output_files.written_whole(checked, force, protected, replaceable_id=output_files.BACKUP_ID,
                                    suffix=".tmp", checked=checked) as temp:
        raw = engine.raw_connection()
        try:
            copy = sqlite3.connect(temp, isolation_level=None)
            try:
                raw.driver_connection.backup(copy)  # all pages in one step: one consistent read
                copy.execute(f"PRAGMA application_id={output_files.BACKUP_ID}")
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
        finally:
            raw.close()
    return checked


def _backup_sqlite_file(engine: Engine, revision: str | None) -> Path | None:
    path = engine.url.database
    if not path or path == ":memory:" or not Path(path).exists() or revision is None:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name, n = f"{path}.before-{revision}-{stamp}.bak", 1
    while Path(name).exists():  # migrated twice within a second (another revision set back meanwhile)
        n += 1
        name = f"{path}.before-{revision}-{stamp}-{n}.bak"
    target = backup_sqlite(engine, name)
    log.info("copied the database to %s before migrating", target.name)
    _drop_old_copies(Path(path), keep=target)
    return target


KEEP_MIGRATION_COPIES = 3


def _drop_old_copies(path: Path, keep: Path) -> None:
    """Keeps the newest KEEP_MIGRATION_COPIES pre-migration copies of `path` (the one just made among them):
    each is as big as the database, and a workstation upgraded every month would otherwise fill its disk."""
    copies = sorted((p for p in path.parent.glob(f"{path.name}.before-*.bak") if p != keep and p.is_file()
                     and not p.is_symlink()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in copies[KEEP_MIGRATION_COPIES - 1:]:
        try:
            old.unlink()
            log.info("removed the older pre-migration copy %s", old.name)
        except OSError:
            log.warning("could not remove the older pre-migration copy %s", old.name)


def known_revision(revision: str) -> bool:
    """Whether this program's migrations know the revision (one it does not know was made by a newer program)."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def _refuse_newer(current: str | None, head: str | None) -> None:
    """SchemaMismatch(newer) when the database is at a revision this program's migrations do not know."""
    from app.services.errors import SchemaMismatch

    if current is not None and current != head and not known_revision(current):
        raise SchemaMismatch(current, head, newer=True)


@functools.lru_cache(maxsize=1)
def _script_head() -> str | None:
    """The newest revision, read from the migration files without importing Alembic (a command's start-up)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = re.search(r"^revision\s*=\s*[\"']([^\"']+)[\"']", source, re.MULTILINE)
        if found:
            revisions.add(found.group(1))
        down = re.search(r"^down_revision\s*=\s*(.+)$", source, re.MULTILINE)
        if down:
            parents.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else head_revision()


def _stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database (None: an empty database), read without Alembic."""
    from sqlalchemy import inspect

    from app.services import statements

    with engine.execution_options(read_only=True).connect() as conn:  # no SQLite write lock
        if not inspect(conn).has_table("alembic_version"):
            return None
        return statements.scalar(conn, "app.db:revision_statement")


@functools.cache
def revision_statement():
    """The revision Alembic recorded (a named statement: `rank` on a SQLite file runs it compiled)."""
    from sqlalchemy import column, select, table

    return select(column("version_num")).select_from(table("alembic_version"))


@functools.cache
def sqlite_names_statement():
    """The tables, views and triggers of a SQLite file: what `rank`'s reader without SQLAlchemy checks
    (app/services/sqlite_reader.py) where this module asks the inspector (has_table) and word_search.is_whole."""
    from sqlalchemy import column, select, table

    master = table("sqlite_master", column("type"), column("name"))
    return select(master.c.type, master.c.name).where(master.c.type.in_(["table", "view", "trigger"]))


def prepare(engine: Engine, migrate: bool = True) -> None:
    """Make sure a console or a command can work on the database, before it does anything.

    A database at a revision this program does not know (newer) is refused on every backend. The
    embedded SQLite file is migrated here when it is older (`migrate`; a command that only reads
    passes False and refuses instead; an empty file is left to the caller). A PostgreSQL database is
    shared by every workstation: it is never migrated here, only checked; `hotline db upgrade` migrates it.
    Raises SchemaMismatch.
    """
    from app.services.errors import SchemaMismatch

    current, head = _stored_revision(engine), _script_head()
    _refuse_newer(current, head)
    sqlite = engine.url.get_backend_name() == "sqlite"
    if sqlite and migrate:
        if current != head:
            upgrade(engine)
        else:  # at this revision: only an empty reference (a new file) is filled, without Alembic's start-up
            from app.services.reference import load_reference_data

            load_reference_data(make_session_factory(engine))
    elif current != head and not (sqlite and current is None):
        raise SchemaMismatch(current, head)
    if sqlite and head is not None and (migrate or current == head):  # at the newest revision now
        _repair_word_index(engine)


def _repair_word_index(engine: Engine) -> None:
    """The embedded file's word index and its triggers, put back when missing (a process stopped between a
    migration that copied `cases` and the repair after it, or Alembic run by hand): without its triggers the
    new cases would silently be missing from search. The check is one read of sqlite_master; the repair runs
    under the write transaction, checking again there (another process may have repaired it meanwhile)."""
    with engine.connect() as conn:
        whole = word_search.is_whole(conn)
    if not whole:
        with engine.begin() as conn:
            if not word_search.is_whole(conn):
                log.warning("the word index of the cases was incomplete: rebuilt")
                word_search.rebuild(conn)


MIGRATION_LOCK = 0x686F746C696E6502  # PostgreSQL advisory lock held by `db upgrade` (one workstation at a time)


def upgrade(engine: Engine, load_reference: bool = True) -> bool:
    """Bring the schema to the newest revision; returns True when a migration ran.

    A SQLite file that already holds data is copied aside first. Reference data (units,
    categories, rules) is loaded into an empty database. On PostgreSQL the whole upgrade holds an
    advisory lock, so that two workstations running it at once migrate once, one after the other.
    A database at a revision this program does not know is refused (SchemaMismatch).
    """
    if engine.url.get_backend_name() != "postgresql":
        return _upgrade(engine, load_reference)
    with engine.connect() as lock:
        lock.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
        lock.commit()
        try:
            return _upgrade(engine, load_reference)
        finally:
            lock.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")
            lock.commit()


def _upgrade(engine: Engine, load_reference: bool) -> bool:
    current, head = current_revision(engine), head_revision()
    _refuse_newer(current, head)
    migrated = False
    if current != head:
        if engine.url.get_backend_name() == "sqlite":
            _backup_sqlite_file(engine, current)
        with engine.begin() as conn:
            from alembic import command

            cfg = alembic_config(engine)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        migrated = True
    if current != head and head is not None:
        with engine.begin() as conn:  # a migration that copied `cases` (SQLite batch mode) dropped its triggers
            if not word_search.is_whole(conn):
                word_search.rebuild(conn)
    if load_reference:
        from app.services.reference import load_reference_data

        load_reference_data(make_session_factory(engine))
    return migrated


def downgrade(engine: Engine, revision: str = "base") -> None:
    with engine.begin() as conn:
        from alembic import command

        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
