"""Several workstations at once: each is its own process (spawned), with its own engine, started together."""
from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from app import db
from app.models import Category, Unit
from app.services import lifecycle
from app.services.errors import EditConflict, TransitionRefused


def _workstation(url: str, barrier, results, index: int, fn: Callable, args: tuple) -> None:
    engine = db.make_engine(url)
    try:
        sf = db.make_session_factory(engine)
        barrier.wait(timeout=120)
        results.put((index, fn(sf, *args)))
    except BaseException:
        results.put((index, [("crash", traceback.format_exc())]))
    finally:
        engine.dispose()


def run_at_once(url: str, jobs: list[tuple[Callable, tuple]], timeout: float = 300) -> list[list]:
    """Runs each fn(sf, *args) of `jobs` in its own process, all released at the same moment; their results in order."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(jobs))
    results = ctx.Queue()
    procs = [ctx.Process(target=_workstation, args=(url, barrier, results, i, fn, args))
             for i, (fn, args) in enumerate(jobs)]
    for p in procs:
        p.start()
    try:
        out = dict(results.get(timeout=timeout) for _ in procs)
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.kill()
    return [out[i] for i in range(len(procs))]


def attempt(op: Callable, *args, **kwargs) -> tuple[str, object]:
    """('ok', CaseRef) or ('conflict' | 'refused', case number); anything else propagates."""
    try:
        ref = op(*args, **kwargs)
    except EditConflict as exc:
        return ("conflict", exc.fresh.version if exc.fresh is not None else None)
    except TransitionRefused as exc:
        return ("refused", exc.case_no)
    return ("ok", ref.version)


def street_and_category(sf) -> tuple[int, int]:
    """A street and a leaf category whose cases go to the street (category handled by 'street')."""
    with sf() as s:
        street = s.scalar(select(Unit.id).where(Unit.kind == "street").order_by(Unit.id))
        parents = select(Category.parent_id).where(Category.parent_id.is_not(None))
        category = s.scalar(select(Category.id).where(Category.id.not_in(parents)).order_by(Category.id))
    return street, category


def intake_form(street: int, category: int, received_at: datetime | None = None, n: int = 0) -> lifecycle.IntakeForm:
    return lifecycle.IntakeForm(caller_phone=f"1380000{n % 10000:04d}", description=f"路灯不亮 {n}",
                                category_id=category, street_id=street, received_at=received_at, unit_id=street)
