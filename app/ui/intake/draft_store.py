"""The receptionist's half-filled form kept in a local JSON file, so a crash or a lost database loses nothing."""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from app.services import clock
from app.services.actors import Actor

log = logging.getLogger(__name__)


def _folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def draft_owner(database: str, actor: Actor) -> str:
    """Whose draft: the staff account on this database (a console without an account: its workstation and
    role), as a key that names no one, for the file name."""
    who = f"staff {actor.staff_id}" if actor.staff_id is not None else f"{actor.workstation} {actor.role}"
    return hashlib.sha256(f"{database}\n{who}".encode()).hexdigest()[:24]


def default_draft_path(owner: str) -> Path:
    return _folder() / "intake-drafts" / f"{owner}.json"


def remove_shared_draft() -> None:
    """The draft file of earlier versions belonged to the computer's user account, so whoever logged in next
    was offered it; nobody can tell whose it is, so it is removed (it holds a caller's number)."""
    try:
        (_folder() / "intake-draft.json").unlink(missing_ok=True)
    except OSError:
        log.exception("cannot remove the shared intake draft of an earlier version")


class DraftStore:
    """One draft per staff account (`for_staff`), written atomically (temporary file, then rename)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    @classmethod
    def for_staff(cls, database: str, actor: Actor) -> DraftStore:
        remove_shared_draft()
        return cls(default_draft_path(draft_owner(database, actor)))

    def save(self, fields: dict) -> None:
        data = {"saved_at": clock.now().isoformat(sep=" "), "fields": fields}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:  # a full or read-only disk must not stop the call being taken
            log.exception("cannot write the intake draft %s", self.path)

    def load(self) -> tuple[str, dict] | None:
        """(saved_at text, fields) or None when there is no readable draft."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return str(data["saved_at"]), dict(data["fields"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            log.exception("cannot remove the intake draft %s", self.path)
