"""Every file the console or a command writes for the user: exports, snapshots, backups, dashboard tables and charts.

One rule for all of them (`check_target`, `written_whole`):
- an existing file is replaced only when the user said so (`force`: `--force`, or the save dialog's
  "replace?" question);
- never replaced, whatever `force` says: the database the command works on, its -wal/-shm/-journal,
  any other SQLite database file (recognised by its header) unless it is a copy of the kind being
  written (a snapshot over a snapshot, a backup over a backup, marked by SQLite's application_id) and
  not in use (no -wal/-shm beside it), a read-only file, a folder, a symbolic link, or anything that
  is not a plain file;
- the content goes to a temporary file beside the target, renamed over it only when complete, so a
  failed or interrupted write leaves no half file under the final name;
- files holding citizens' personal data are created owner-only (0600) whatever the umask; files
  without it (rankings, charts) get the permissions the user's umask gives (`private=False`).
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from app.services.errors import HotlineError

if TYPE_CHECKING:  # annotations only: `rank` finds the embedded file through here without SQLAlchemy
    from sqlalchemy import URL, Engine

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")
# SQLite's header field `application_id` (offset 68) marks the copies the console writes
SNAPSHOT_ID = 0x484C534E  # "HLSN": `python main.py snapshot`
BACKUP_ID = 0x484C424B  # "HLBK": `python main.py backup` and the console's daily backups
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


class OutputRefused(HotlineError):
    """The output file cannot be written where asked; `reason` says why (one of TEXT's keys)."""

    TEXT = {
        "exists": "{path}: the file already exists (add --force to replace it)",
        "database": "{path}: that is the database itself or one of its files; it is never replaced",
        "other_database": "{path}: that is a SQLite database file; it is never replaced by this output",
        "in_use": "{path}: that database is in use (its -wal/-shm files are beside it); it is never replaced",
        "read_only": "{path}: the file is read-only; it is not replaced",
        "is_folder": "{path}: that is a folder, not a file name",
        "symlink": "{path}: that is a symbolic link; give the real file name",
        "not_a_file": "{path}: that is not a plain file",
        "no_folder": "{path}: the folder does not exist",
        "unwritable": "{path}: cannot write in this folder",
    }

    def __init__(self, reason: str, path: str | os.PathLike, detail: str = ""):
        self.reason = reason
        self.path = Path(path)
        self.detail = detail
        super().__init__(self.TEXT[reason].format(path=path) + (f" ({detail})" if detail else ""))


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (threads may be creating files)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o077)  # elsewhere (Windows, macOS): the classic swap, briefly to a safe value
    os.umask(mask)
    return mask


def make_private(path: str | os.PathLike) -> None:
    """Owner-only permissions (0600 for a file, 0700 for a folder); silently nothing where chmod cannot."""
    p = Path(path)
    try:
        os.chmod(p, PRIVATE_FOLDER if p.is_dir() else PRIVATE_FILE)
    except OSError:
        pass


def private_folder(path: str | os.PathLike) -> Path:
    """Creates the folder (and missing parents) owner-only; an existing folder is made owner-only."""
    p = Path(path)
    p.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    make_private(p)
    return p


def sqlite_file_name(url: URL) -> str | None:
    """The file name of a SQLite URL as written (None for a server database or an in-memory one)."""
    if url.get_backend_name() != "sqlite":
        return None
    name = url.database
    if name and name.startswith("file:"):  # a URI filename (…?mode=ro&uri=true)
        name = name[len("file:"):].split("?", 1)[0]
    if not name or name == ":memory:":
        return None
    return name


def database_files(engine: Engine | None) -> tuple[Path, ...]:
    """The SQLite file an engine works on (empty for a server database or an in-memory one)."""
    name = sqlite_file_name(engine.url) if engine is not None else None
    return (Path(os.path.abspath(os.path.expanduser(name))),) if name else ()


def _absolute(path: str | os.PathLike) -> Path:
    return Path(os.path.abspath(os.path.expanduser(os.fspath(path))))


def sqlite_application_id(path: Path) -> int | None:
    """The application_id of a SQLite file, None when the file is not a SQLite database."""
    try:
        with open(path, "rb") as f:
            head = f.read(72)
    except OSError:
        return None
    if not head.startswith(SQLITE_HEADER):
        return None
    return int.from_bytes(head[68:72], "big") if len(head) >= 72 else 0


def _same_file(a: Path, b: Path) -> bool:
    if a == b or os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _in_use(path: Path) -> bool:
    return any(Path(f"{path}{side}").exists() for side in ("-wal", "-shm"))


def check_target(path: str | os.PathLike, force: bool = False, protected: Iterable[Path] = (),
                 replaceable_id: int | None = None) -> Path:
    """The absolute target, or OutputRefused before any work is done (see the module's rules).

    `protected`: the database files the command reads (database_files(engine)); `replaceable_id`:
    the application_id of the kind of copy being written, which --force may replace.
    """
    target = _absolute(path)
    if os.path.islink(target):
        raise OutputRefused("symlink", target)
    for db_file in protected:
        for side in ("", *SIDE_FILES):
            if _same_file(target, Path(f"{db_file}{side}")):
                raise OutputRefused("database", target)
    for side in SIDE_FILES:  # another database's log: replacing it would corrupt that database
        if target.name.endswith(side) and sqlite_application_id(target.with_name(target.name[: -len(side)])) is not None:
            raise OutputRefused("database", target)
    if target.is_dir():
        raise OutputRefused("is_folder", target)
    if target.exists() or os.path.lexists(target):
        if not target.is_file():
            raise OutputRefused("not_a_file", target)
        app_id = sqlite_application_id(target)
        if app_id is not None:
            if replaceable_id is None or app_id != replaceable_id:
                raise OutputRefused("other_database", target)
            if _in_use(target):
                raise OutputRefused("in_use", target)
        if not force:
            raise OutputRefused("exists", target)
        if not target.stat().st_mode & 0o222:  # someone protected it on purpose (even root is told)
            raise OutputRefused("read_only", target)
    folder = target.parent
    if not folder.is_dir():
        raise OutputRefused("no_folder", folder)
    if not os.access(folder, os.W_OK):
        raise OutputRefused("unwritable", folder)
    return target


def remove_quietly(*paths: Path) -> None:
    for p in paths:
        for side in ("", *SIDE_FILES):
            try:
                Path(f"{p}{side}").unlink(missing_ok=True)
            except OSError:
                pass


def _alive(pid: int) -> bool:
    if os.name != "posix":  # (signal 0 means something else on Windows)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_orphans(target: Path, suffix: str) -> list[Path]:
    """Temporary files of earlier writes of `target` whose process is gone (killed, power cut): they
    may hold personal data, and nobody will rename them any more."""
    removed = []
    prefix = f".{target.name}."
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix) and n.endswith(suffix)]
    except OSError:
        return removed
    for name in names:
        pid = name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            remove_quietly(target.parent / name)
            removed.append(target.parent / name)
    return removed


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def written_whole(path: str | os.PathLike, force: bool = False, protected: Iterable[Path] = (),
                  private: bool = True, replaceable_id: int | None = None, suffix: str = ".part",
                  checked: Path | None = None) -> Iterator[Path]:
    """Yields an empty temporary file beside the target to write (0600); when the block ends without
    error it replaces the target (checked again, so nothing slipped in meanwhile) with the
    permissions the file's kind asks for. On any error the temporary file (and any -wal/-shm/-journal
    SQLite left beside it) is removed and the error goes on. `checked`: a target already checked."""
    protected = tuple(protected)
    target = checked or check_target(path, force, protected, replaceable_id)
    remove_orphans(target, suffix)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=suffix, dir=target.parent)
    except OSError as exc:
        raise OutputRefused("unwritable", target.parent, exc.strerror or str(exc)) from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        _fsync(temp)
        check_target(target, force, protected, replaceable_id)
        if not private:
            os.chmod(temp, 0o666 & ~current_umask())
        os.replace(temp, target)
    except BaseException:
        remove_quietly(temp)
        raise
    finally:
        for side in SIDE_FILES:  # SQLite's own files of the temporary database, if it left any
            Path(f"{temp}{side}").unlink(missing_ok=True)
