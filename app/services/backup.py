"""Backups of the embedded SQLite database: `python main.py backup FILE.db`, and the console's daily copies.

The copy itself is `db.backup_sqlite` (SQLite's online backup API: consistent while consoles work,
written beside and renamed, owner-only). A PostgreSQL database is backed up with the server's own
tools (pg_dump; README "Backups"). Daily copies live in `backups/` beside the database, one per day
(`hotline-YYYYMMDD.db`), the newest `keep` kept.
"""
from __future__ import annotations

import contextlib
import logging
import re
import time
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from app import db
from app.services import output_files

log = logging.getLogger(__name__)
DAILY_NAME = re.compile(r"(?P<stem>.+)-(?P<day>\d{8})\.db")
DEFAULT_KEEP = 7


class NotEmbedded(ValueError):
    """The database is on a server: its backups are the server's business (pg_dump)."""


def embedded_file(engine: Engine) -> Path:
    files = output_files.database_files(engine)
    if not files:
        raise NotEmbedded(engine.url.get_backend_name())
    return files[0]


def backup(engine: Engine, target: str | Path, force: bool = False) -> Path:
    """A consistent copy of the embedded database at `target` (see db.backup_sqlite)."""
    embedded_file(engine)
    return db.backup_sqlite(engine, target, force)


def backup_folder(engine: Engine) -> Path:
    return embedded_file(engine).parent / "backups"


def daily_backup(engine: Engine, keep: int = DEFAULT_KEEP, today: date | None = None,
                 folder: Path | None = None) -> Path | None:
    """Today's copy of the embedded database, unless it exists already; then only the newest `keep`
    daily copies stay. Returns the new copy's path (None: there was one, or keep is 0: no backups)."""
    if keep <= 0:
        return None
    source = embedded_file(engine)
    folder = output_files.private_folder(folder or backup_folder(engine))
    day = (today or date.today()).strftime("%Y%m%d")
    target = folder / f"{source.stem}-{day}.db"
    made = None
    if not target.exists():
        made = db.backup_sqlite(engine, target)
        log.info("daily backup written to %s", target)
    rotate(folder, source.stem, keep)
    return made


def rotate(folder: Path, stem: str, keep: int) -> list[Path]:
    """Removes all but the newest `keep` daily copies of the database named `stem` (only files that
    are backups the console made: name and application_id); returns those removed."""
    copies = sorted((p for p in folder.iterdir()
                     if (m := DAILY_NAME.fullmatch(p.name)) and m["stem"] == stem and p.is_file()
                     and output_files.sqlite_application_id(p) == output_files.BACKUP_ID),
                    key=lambda p: p.name, reverse=True)
    removed = copies[keep:]
    for p in removed:
        output_files.remove_quietly(p)
    stale = time.time() - 86_400  # a copy cut short (the console was closed or killed meanwhile)
    for p in folder.glob(f".{stem}-*.db.*.tmp"):
        with contextlib.suppress(OSError):
            if p.stat().st_mtime < stale:
                output_files.remove_quietly(p)
    return removed
