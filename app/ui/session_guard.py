"""Ends the session of a console whose account was disabled or changed by an administrator meanwhile.

Every half minute (in a worker) the signed-in account is read again (accounts.session_ended); when it
was disabled, or its role or unit changed, `ended` carries the sentence to show and the main window
stops the console. A database out of reach ends nothing: the connection banner says so.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.services import accounts
from app.ui.workers import PeriodicCheck

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 30_000


class SessionGuard(QObject):
    ended = Signal(str)  # what to tell the user

    def __init__(self, sf, actor, parent: QObject | None = None, interval_ms: int = CHECK_EVERY_MS):
        super().__init__(parent)
        self.sf = sf
        self.actor = actor
        self._checks = PeriodicCheck(self, interval_ms, self.check)
        self._done = False

    def start(self) -> None:
        if self.actor.staff_id is not None:
            self._checks.start()

    def stop(self) -> None:
        self._checks.stop()

    def check(self) -> None:
        if not self._done:
            self._checks.run(accounts.session_ended, self.sf, self.actor, on_done=self._checked,
                             on_error=lambda exc: log.info("account check failed: %s", exc))

    def _checked(self, reason: str | None) -> None:
        if reason is None or self._done:
            return
        self._done = True
        self._checks.stop()
        self.ended.emit({
            "disabled": self.tr("管理员已停用您的账号,本工作台已退出。未保存的内容没有写入。"),
            "changed": self.tr("管理员已变更您的角色或单位,请重新登录。未保存的内容没有写入。"),
            "gone": self.tr("您的账号已不存在,本工作台已退出。未保存的内容没有写入。"),
        }[reason])
