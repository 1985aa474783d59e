"""The `backup` command: a consistent copy of the embedded SQLite database while consoles work."""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable

PG_ADVICE = ("error: the database is on a PostgreSQL server: back it up with the server's own tools, e.g. "
             "`pg_dump -Fc -f hotline.dump NAME` (restore with pg_restore; see README, Backups)")


def add_parser(sub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("backup", help="write a consistent copy of the embedded SQLite database to FILE.db")
    p.add_argument("file", metavar="FILE.db", help="the copy to write")
    p.add_argument("--force", action="store_true", help="replace FILE.db if it is an earlier backup")
    add_db(p)


def cmd_backup(args) -> int:
    from sqlalchemy.engine import make_url

    from app import db
    from app.services import backup, output_files
    from app.services.output_files import OutputRefused

    url = make_url(db.resolve_url(getattr(args, "db", None)))
    if url.get_backend_name() != "sqlite":
        print(PG_ADVICE, file=sys.stderr)
        return 2
    source = output_files.sqlite_file_name(url)
    if source is None or not os.path.isfile(os.path.expanduser(source)):
        print(f"error: there is no database file at {source or url.database or url}", file=sys.stderr)
        return 2
    engine = db.make_engine(url.render_as_string(hide_password=False))
    started = time.perf_counter()
    try:
        path = backup.backup(engine, args.file, force=args.force)
    except OutputRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    size = path.stat().st_size / 1e6
    print(f"backup written to {path} ({size:,.1f} MB in {time.perf_counter() - started:.1f} s)")
    return 0
