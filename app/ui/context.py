"""What every tab needs: the session factories, the acting staff member, the units and categories."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.replica import StaleReads
from app.services.actors import Actor
from app.services.directory import Directory
from app.services.snapshot import SnapshotInfo
from app.ui.live import ChangeWatcher


@dataclass
class AppContext:
    engine: Engine
    sf: sessionmaker[Session]  # one short transaction per user action
    read_sf: sessionmaker[Session]  # long reads that must not hold SQLite's write lock
    actor: Actor
    directory: Directory
    changes: ChangeWatcher | None = None  # live notification of other workstations' changes (app/ui/live.py)
    snapshot: SnapshotInfo | None = None  # an offline copy: what it holds (app/services/snapshot.py)
    # reads that may be a moment old (dashboards, 主动治理 lists, searches, exports): the read replica while it
    # answers, else the primary (app/replica.py); never for a change or what a change is decided on
    reads: StaleReads | None = None

    def __post_init__(self) -> None:
        if self.reads is None:
            self.reads = StaleReads(self.read_sf)

    @cached_property
    def reference(self):
        """The store of the units and categories (app/ui/reference_store.py): reload it after an edit,
        connect to its `changed` to rebuild what was built from `directory`."""
        from app.ui.reference_store import ReferenceStore

        return ReferenceStore(self)

    @property
    def url_text(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)
