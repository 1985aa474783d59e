"""The receptionist's half-filled form kept in a local JSON file, so a crash or a lost database loses nothing."""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from app.services import clock

log = logging.getLogger(__name__)


def default_draft_path() -> Path:
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    return folder / "intake-draft.json"


class DraftStore:
    """One draft per workstation user profile; written atomically (temporary file, then rename)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_draft_path()

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
