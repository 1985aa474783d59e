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
from app.services.output_files import PRIVATE_FILE, make_private, private_folder

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
            if not self.path.parent.exists():  # the data folder: owner-only
                private_folder(self.path.parent)
            tmp = self.path.with_suffix(".tmp")
            tmp.unlink(missing_ok=True)
            # a caller's name, phone and address: owner-only (0600) whatever the umask
            with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE), "w",
                           encoding="utf-8") as f:
                f.write(json.dumps(data, ensure_ascii=False))
            make_private(tmp)
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
