"""Takes and keeps the claim on the case a clerk is calling: taken (`take`) and renewed in a worker while the
clerk is on it.

A claim runs CLAIM_MINUTES (callback_queue). While the clerk stays on the case it is renewed when
less than RENEW_WHEN_LEFT is left; a renewal that fails (the database out of reach) is retried at
each check and reported at once, with the time the claim runs out, so the clerk knows a colleague
may be given the same citizen from then on. A renewal that finds the case no longer held by this
clerk reports it as lost.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from app.services import callback_queue as cq
from app.services import clock
from app.ui.context import AppContext
from app.ui.workers import JobRunner

CHECK_MS = 30_000  # how often the keeper looks at the time left
RENEW_WHEN_LEFT = timedelta(minutes=cq.CLAIM_MINUTES - 5)  # renew once five minutes of the claim are used


class ClaimKeeper(QObject):
    taken = Signal(object, object, object)  # the CallbackView asked about, its cq.Claim, when it was asked
    take_failed = Signal(object)  # the exception
    renewed = Signal(int, object)  # case id, the claim's new end
    failed = Signal(int, object, object)  # case id, the claim's end (datetime), the exception
    lost = Signal(int)  # case id: this clerk no longer holds it

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.until: datetime | None = None
        self.jobs = JobRunner(self)  # renewals
        self.taking = JobRunner(self)  # claims asked for (the newest request supersedes the others)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    def take(self, view: cq.CallbackView) -> None:
        """Ask for the claim on `view`'s case in a worker; `taken` tells what came of it (held for this clerk,
        or by whom), and the caller decides whether to hold it (`hold`) or move on."""
        at = clock.now()
        self.taking.start(cq.claim, self.ctx.sf, self.ctx.actor, view.case_id, at, latest_only=True,
                          on_done=lambda claim: self.taken.emit(view, claim, at), on_error=self.take_failed.emit)

    def hold(self, case_id: int, taken_at: datetime) -> None:
        """The claim on `case_id` was just taken, asked for at `taken_at`: it runs CLAIM_MINUTES from then."""
        self.case_id, self.until = case_id, taken_at + timedelta(minutes=cq.CLAIM_MINUTES)
        self.timer.start()

    def drop(self) -> None:
        """The clerk left the case (saved, moved on, closed): nothing to keep any more."""
        self.case_id = self.until = None
        self.timer.stop()

    def check(self) -> None:
        """Renew when the claim is getting old (or after a failed renewal); one renewal at a time."""
        if self.case_id is None or self.jobs.pending():
            return
        if self.until - clock.now() > RENEW_WHEN_LEFT:
            return
        case_id = self.case_id
        self.jobs.start(cq.renew, self.ctx.sf, self.ctx.actor, case_id,
                        on_done=lambda until: self._renewed(case_id, until),
                        on_error=lambda exc: self._failed(case_id, exc))

    def _renewed(self, case_id: int, until: datetime | None) -> None:
        if case_id != self.case_id:
            return
        if until is None:
            self.drop()
            self.lost.emit(case_id)
            return
        self.until = until
        self.renewed.emit(case_id, until)

    def _failed(self, case_id: int, exc: Exception) -> None:
        if case_id == self.case_id:
            self.failed.emit(case_id, self.until, exc)
