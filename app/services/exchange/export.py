"""Writes cases to an exchange CSV file, streaming, one row per case with its latest callback."""
from __future__ import annotations

import csv
import os
from collections.abc import Callable
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.models import Callback, Case
from app.services.clock import to_iso
from app.services.directory import Directory
from app.services.errors import ExchangeFileError
from app.services.exchange.progress import ExchangeProgress, ProgressFn
from app.services.exchange.rows import COLUMNS
from app.services.output_files import check_target, database_files, written_whole
from app.services.periods import end_of_day
from app.services.table_files import neutralised

BATCH = 5000
RecordFn = Callable[[int], None]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _received_between(date_from: date | None, date_to: date | None) -> list:
    where = []
    if date_from is not None:
        where.append(Case.received_at >= datetime.combine(date_from, time()))
    if date_to is not None:
        where.append(Case.received_at < end_of_day(date_to))
    return where


def export_cases(sf, path: str | os.PathLike, date_from: date | None = None, date_to: date | None = None,
                 progress: ProgressFn | None = None, force: bool = False, record: RecordFn | None = None) -> int:
    """Write the cases received from `date_from` to `date_to` (inclusive, either open) to `path`.

    Rows come in received order (then the order the cases were recorded), so an export of an
    import of an export is the same file. The file appears only when complete (written beside,
    owner-only, then renamed); an existing file is replaced only with `force`, and never the
    database itself or another database file (`output_files.check_target`, OutputRefused).
    `record(rows)` is called with the number of rows about to be written before anything is
    written (the access log: if it fails, no file). Returns the row count.
    """
    protected = database_files(sf.kw.get("bind"))
    target = check_target(path, force, protected)
    where = _received_between(date_from, date_to)
    latest = aliased(Callback)
    latest_id = (select(Callback.id).where(Callback.case_id == Case.id)
                 .order_by(Callback.round.desc(), Callback.attempt.desc(), Callback.id.desc())
                 .limit(1).correlate(Case).scalar_subquery())
    query = (
        select(Case.case_no, Case.received_at, Case.channel, Case.request_type, Case.caller_name, Case.caller_phone,
               Case.address, Case.street_id, Case.community_id, Case.category_id, Case.description, Case.urgency,
               Case.unit_id, Case.status, Case.replied_at, latest.at, latest.reached, latest.contacted,
               latest.resolved, latest.satisfaction, Case.confidential)
        .outerjoin(latest, latest.id == latest_id)
        .where(*where)
        .order_by(Case.received_at, Case.id)
    )
    with sf() as s:
        options = {"read_only": True}
        if s.get_bind().dialect.name == "postgresql":  # the count recorded is the rows written
            options["isolation_level"] = "REPEATABLE READ"
        conn = s.connection(execution_options=options)
        directory = Directory.load(s)
        unit_names = {u.id: neutralised(u.name) for u in directory.units.values()}
        category_names = {c.id: neutralised(c.name) for c in directory.categories.values()}
        total = s.scalar(select(func.count()).select_from(Case).where(*where)) or 0
        if record is not None:
            record(total)
        done = 0
        try:
            with written_whole(target, force, protected, checked=target) as partial, \
                    open(partial, "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(COLUMNS)
                if progress:
                    progress(ExchangeProgress("export", 0, total))
                result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
                for batch in result.partitions():
                    writer.writerows(
                        (neutralised(case_no), to_iso(received), channel, request_type, neutralised(name or ""),
                         neutralised(phone or ""), neutralised(address or ""), unit_names.get(street, ""),
                         unit_names.get(community, ""), category_names.get(category, ""), neutralised(description),
                         urgency, unit_names.get(unit, ""), status, to_iso(replied), to_iso(cb_at),
                         _yes_no(reached), _yes_no(contacted), resolved or "", satisfaction or "",
                         _yes_no(bool(confidential)))
                        for (case_no, received, channel, request_type, name, phone, address, street, community,
                             category, description, urgency, unit, status, replied, cb_at, reached, contacted,
                             resolved, satisfaction, confidential) in batch
                    )
                    done += len(batch)
                    if progress:
                        progress(ExchangeProgress("export", done, total))
        except OSError as exc:
            raise ExchangeFileError("unwritable", str(target), exc.strerror or str(exc)) from None
    return done
