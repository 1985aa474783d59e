"""The callback tab (回访): a clerk works down the queue with the keyboard; Enter saves and the next case is already there.

All database work runs in JobRunner workers. While the clerk is on a case, the next one in the queue
is loaded in the background, so that after saving it shows at once; a cheap version check then makes
sure nobody else has just done it.

The tab coordinates its parts, each of which does its own background work behind a public interface: the
queue panel loads its page, the tally counts the clerk's day, the case panel loads, prefetches and shows
a case and fetches its full number, the recorder stores the call, the claim keeper takes and renews the
claim. The tab decides which case comes next (and checks it), the reopen question and the message line.
"""
from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from app.messages import contacted_name, error_text, resolved_name, satisfaction_name
from app.services import callback_queue as cq
from app.services.errors import EditConflict, TransitionRefused
from app.services.lifecycle import CallbackAnswers
from app.services.permissions import ALLOWED, may
from app.ui.callback.answers import (
    QUEUE_KEY,
    REFRESH_KEY,
    listed,
    needs_reopen_offer,
    reopen_by_default,
)
from app.ui.callback.case_panel import CasePanel
from app.ui.callback.claim_keeper import ClaimKeeper
from app.ui.callback.queue_panel import QueuePanel
from app.ui.callback.record_panel import RecordPanel
from app.ui.callback.reopen_dialog import SAVE_ONLY, ReopenDialog
from app.ui.callback.tally_panel import TallyPanel
from app.ui.context import AppContext
from app.ui.workers import Activity, JobRunner

log = logging.getLogger(__name__)
PREFETCH_KEEP = 3  # prefetched views kept at most
ERROR_COLOUR, OK_COLOUR = "#c62828", "#2e7d32"  # the message line: one colour for refusals, one for success
NEXT = object()  # the message line is about the case being left: it stays with the next case shown


class CallbackTab(QWidget):
    case_shown = Signal(int)  # a case is on screen and ready to record
    queue_loaded = Signal()
    saved = Signal(object)  # SaveOutcome, after the next case was opened
    save_failed = Signal(object)  # the exception, when the clerk stays on the case
    busy_changed = Signal(bool)  # background work under way or done (all of the tab's runners)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("callbackTab")
        self.setWindowTitle(self.tr("回访"))
        self.may_record = ctx.actor.role in ALLOWED["callback"]
        self.may_reopen = ctx.actor.role in ALLOWED["reopen"]
        self.may_reveal = may(ctx.actor, "reveal_phone")
        self.current: cq.CallbackView | None = None
        self.cache: dict[int, cq.CallbackView] = {}
        self.saving = False
        self._offer: ReopenDialog | None = None  # the reopen question, while it is open
        self._deferred: bool | None = None  # a queue reload held back while the question was open (its open_first)

        self.queue = QueuePanel(ctx.directory)
        ctx.reference.changed.connect(self.queue.set_directory)  # an administrator's edit (reference_store.py)
        self.case = CasePanel(ctx.directory, may_reveal=self.may_reveal)
        self.record = RecordPanel(self)
        self.record.setEnabled(False)
        self.tally = TallyPanel()
        self.message = QLabel()
        self.message.setObjectName("callbackMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(22)
        self._layout()

        self._check_jobs = JobRunner(self)
        self._open_first = False  # what the latest refresh asked for: open the first case when the queue is in
        self.queue.filter_changed.connect(lambda: self.refresh(open_first=True))
        self.queue.loaded.connect(self._queue_loaded)
        self.queue.load_failed.connect(self._failed)
        self.tally.load_failed.connect(self._failed)
        self.queue.case_chosen.connect(self._chosen)
        self.record.save_requested.connect(self.save)
        self.record.not_reached_requested.connect(self.not_reached)
        self.record.stored.connect(self._saved)
        self.record.store_failed.connect(self._save_failed)
        self.claims = ClaimKeeper(ctx, self)  # takes the claim on the case on screen and renews it while the clerk is on it
        self.claims.renewed.connect(self._claim_renewed)
        self.claims.failed.connect(self._claim_at_risk)
        self.claims.lost.connect(self._claim_lost)
        self.claims.taken.connect(self._claimed)
        self.claims.take_failed.connect(self._failed)
        self._at_risk = False  # the message line says that a renewal failed
        self.case.reveal_requested.connect(self.reveal_phone)
        self.case.reveal_failed.connect(self._failed)
        self.case.view_loaded.connect(self._view_loaded)
        self.case.load_failed.connect(self._failed)
        self.case.prefetched.connect(self._prefetched)
        reveal = QShortcut(QKeySequence(Qt.Key.Key_F3), self)
        reveal.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        reveal.activated.connect(self.reveal_phone)
        refresh = QShortcut(QKeySequence(REFRESH_KEY), self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.refresh)
        to_queue = QShortcut(QKeySequence(QUEUE_KEY), self)
        to_queue.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        to_queue.activated.connect(self.queue.table.setFocus)
        self._message_for: int | None | object = None  # the case the message line is about (NEXT: the next shown)
        # a role that only reads the queue is told so, and the line comes back to it
        self._standing = "" if self.may_record else self.tr("您的角色只能查看回访队列,不能记录回访")
        if self._standing:
            self._say(self._standing, error=True)
        self._connect_live_queue()
        self.activity = Activity(self)
        self.activity.busy_changed.connect(self.busy_changed)
        QTimer.singleShot(0, self.refresh)

    def is_busy(self) -> bool:
        """Background work of this tab is under way (busy_changed says when that changes)."""
        return self.activity.is_busy()

    def _layout(self) -> None:
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(8, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.case)
        column.addWidget(scroll, 1)
        column.addWidget(self.record)
        column.addWidget(self.message)
        left = QWidget()
        queue_column = QVBoxLayout(left)
        queue_column.setContentsMargins(0, 0, 0, 0)
        queue_column.addWidget(self.queue, 1)
        queue_column.addWidget(self.tally)  # under the list: the case's side keeps its height for the call
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setSizes([620, 740])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

    def _connect_live_queue(self) -> None:
        """Other clerks' callbacks and units' replies show in the queue within seconds, without F5."""
        if self.ctx.changes is not None:
            self.ctx.changes.changed.connect(self.refresh)

    # ---------------------------------------------------------------- loading

    def refresh(self, open_first: bool = False) -> None:
        """Reload the queue, its counts and the clerk's tally (after each save, on F5, on a filter change)."""
        self._open_first = open_first  # the queue panel delivers only the latest reload
        self.queue.reload(self.ctx.read_sf, self.ctx.actor)
        self.tally.reload(self.ctx.read_sf, self.ctx.actor)

    def _queue_loaded(self, _page: cq.QueuePage) -> None:
        open_first = self._open_first
        current = self.current.case_id if self.current else None
        self.queue.select_case(current)
        self.queue_loaded.emit()
        if self.saving:
            return
        left_queue = current is not None and self.queue.model.row_of(current) is None  # done elsewhere meanwhile
        if self._offer is not None:  # the question names this case: it stays under it until answered
            self._defer(open_first)
            if left_queue and not open_first:
                self._offer.show_problem(self.tr("工单 {no} 刚由其他工位处理,可能已不需回访;保存时将再次核对").format(
                    no=self.current.case_no))
            return
        if left_queue and not open_first:
            self._say_gone(self.current.case_no)
        if open_first or current is None or left_queue:
            first = self.queue.model.next_after(None)  # the first case no other clerk is calling
            if first is None:
                self._show_empty()
            elif first != current:
                self.open_case(first)
        else:
            self._prefetch()

    def _chosen(self, case_id: int) -> None:
        if not self.saving and self._offer is None and (self.current is None or case_id != self.current.case_id):
            self.open_case(case_id)

    def open_case(self, case_id: int) -> None:
        view = self.cache.pop(case_id, None)
        if view is not None:
            self._show(view, verify=True)
            return
        self.record.setEnabled(False)
        self.case.show_message(self.tr("正在打开工单…"))
        self.case.load(self.ctx.read_sf, self.ctx.actor, case_id)

    def _view_loaded(self, case_id: int, view: cq.CallbackView | None, keep_answers: bool) -> None:
        if keep_answers:
            self._refreshed_keeping_answers(view)
        else:
            self._show(view, verify=False, case_id=case_id)

    def _show(self, view: cq.CallbackView | None, verify: bool, case_id: int | None = None) -> None:
        if self._offer is not None:  # never replace the case under the open question
            self._defer(False)
            return
        if view is None or not view.waiting:
            gone = view.case_id if view else case_id
            self._say_gone(view.case_no if view else gone)
            self._drop_and_open_next(gone)
            return
        self.current = view
        self._case_changed(view.case_id)
        if self.claims.case_id != view.case_id:
            self.claims.drop()
        self.case.show_view(view)
        self.record.reset()
        self.record.setEnabled(self.may_record)
        # the answer keys work in the list too: arrowing on stays possible. Not while the tab is hidden:
        # the focus would leave the tab the clerk is on (showEvent gives it to the answers)
        if self.isVisible() and not self.queue.table.hasFocus():
            self.record.setFocus()
        self.queue.select_case(view.case_id)
        self.case_shown.emit(view.case_id)
        if self.may_record and self.isVisible():  # hold it for this clerk, and check it is still as it was loaded
            self.claims.take(view)
        elif verify:
            self._check_jobs.start(cq.current_version, self.ctx.read_sf, view.case_id, latest_only=True,
                                   on_done=lambda now: self._verified(view, now), on_error=self._failed)
        self._prefetch()

    def showEvent(self, event) -> None:
        """The clerk comes to the tab: the case on screen is held for them from now (not while another tab is up)."""
        super().showEvent(event)
        if not self.queue.table.hasFocus():  # the clerk's keys work at once: on the answers, or the list while loading
            (self.record if self.record.isEnabled() else self.queue.table).setFocus()
        if self.may_record and self.current is not None and not self.saving:
            self.claims.take(self.current)

    def hideEvent(self, event) -> None:
        """The clerk went to another tab: the claim is no longer renewed (showEvent takes it again). A window
        minimised (a spontaneous hide) keeps renewing: the clerk may be on the phone."""
        super().hideEvent(event)
        if not event.spontaneous():
            self.claims.drop()

    def _claimed(self, view: cq.CallbackView, claim: cq.Claim, at: datetime) -> None:
        if self.current is view and claim.taken and self.isVisible():
            self.claims.hold(view.case_id, at)
        if self.current is not view or self.saving:
            return
        if self._offer is not None:
            self._defer(False)
            return
        if claim.status == "replied" and not claim.taken:
            self._say(self.tr("工单 {no} 正由{who}回访,已打开下一件").format(no=view.case_no, who=claim.holder),
                      error=True, next_case=True)
            self._drop_and_open_next(view.case_id)
            return
        self._verified(view, (claim.status, claim.version) if claim.status is not None else None)

    def _claim_renewed(self, case_id: int, _until) -> None:
        if self._at_risk and self.current is not None and self.current.case_id == case_id:
            self._at_risk = False
            self._say(self.tr("工单 {no} 已重新为您保留").format(no=self.current.case_no))

    def _claim_at_risk(self, case_id: int, until, exc: Exception) -> None:
        """A renewal failed: say so before the claim runs out (it is tried again at the next check)."""
        if self.current is None or self.current.case_id != case_id or self.saving:
            return
        self._at_risk = True
        self._say(self.tr("未能续占工单 {no}({why});{until:%H:%M} 后其他回访员可能拨打同一市民,请尽快保存").format(
            no=self.current.case_no, why=error_text(exc), until=until), error=True)

    def _claim_lost(self, case_id: int) -> None:
        """This clerk no longer holds the case on screen: take it again if it is free, else move on, saying who has it."""
        if self.current is not None and self.current.case_id == case_id and not self.saving and self.isVisible():
            self.claims.take(self.current)

    def release_claim(self) -> None:
        """The console closes: the case on screen is free for the other clerks at once (else in CLAIM_MINUTES)."""
        self.claims.drop()
        if not self.may_record:
            return
        try:
            cq.release(self.ctx.sf, self.ctx.actor)
        except Exception:  # the server is out of reach: the claim runs out by itself
            log.info("callback claim not released", exc_info=True)

    def reveal_phone(self) -> None:
        """F3: the full number of the case on screen, to dial; written to the access log (who, where, when, case)."""
        view = self.current
        if view is None or not view.caller_phone or not self.may_reveal:
            return
        self.case.reveal(self.ctx.sf, self.ctx.actor, view)

    def _verified(self, view: cq.CallbackView, now: tuple[str, int] | None) -> None:
        if self.current is not view or self.saving or now == (view.status, view.version):
            return
        if self._offer is not None:
            self._defer(False)
            return
        if now is None or now[0] != "replied":
            self._say_gone(view.case_no)
            self._drop_and_open_next(view.case_id)
        else:  # changed but still waiting (a repeat call linked…): show it as it is now, keeping any answers chosen
            self.case.load(self.ctx.read_sf, self.ctx.actor, view.case_id, keep_answers=True)

    def _drop_and_open_next(self, case_id: int | None) -> None:
        nxt = self.queue.model.next_after(case_id)
        if case_id is not None:
            self.queue.remove_case(case_id)
            self.cache.pop(case_id, None)
        self.current = None
        if nxt is None:
            self._show_empty()
        else:
            self.open_case(nxt)
        self.refresh()

    def _prefetch(self) -> None:
        nxt = self.queue.model.next_after(self.current.case_id if self.current else None)
        if nxt is None or nxt in self.cache:
            return
        for stale in [k for k in self.cache if k != nxt][: max(0, len(self.cache) - PREFETCH_KEEP + 1)]:
            del self.cache[stale]
        self.case.prefetch(self.ctx.read_sf, self.ctx.actor, nxt)

    def _prefetched(self, case_id: int, view: cq.CallbackView | None) -> None:
        if view is not None and (self.current is None or self.current.case_id != case_id):
            self.cache[case_id] = view

    def _show_empty(self) -> None:
        self.current = None
        self._case_changed(0)
        self.claims.drop()
        self.record.reset()
        self.record.setEnabled(False)
        self.case.show_message(self.tr("暂无待回访的工单(F5 刷新)"))
        self.case_shown.emit(0)

    # ---------------------------------------------------------------- recording

    def save(self) -> None:
        """Enter: save the three answers (offering a reopen when unsolved or unsatisfied), then the next case."""
        if self.saving or self.current is None or not self.may_record or self._offer is not None:
            return
        answers = self.record.answers()
        if answers is None:
            return
        view = self.current
        if self.may_reopen and view.can_reopen and needs_reopen_offer(answers.resolved, answers.satisfaction):
            self._offer_reopen(view, answers)
        else:
            self._start_save(view, answers, None)

    def not_reached(self) -> None:
        """F2: the citizen did not answer; the attempt is counted and the case waits for a later try."""
        if not self.saving and self.current is not None and self.may_record and self._offer is None:
            self._start_save(self.current, None, None)

    def _summary(self, a: CallbackAnswers) -> str:
        return listed((contacted_name(a.contacted), resolved_name(a.resolved), satisfaction_name(a.satisfaction)))

    def _offer_reopen(self, view: cq.CallbackView, answers: CallbackAnswers) -> None:
        unit = self.ctx.directory.units.get(view.unit_id)
        words = answers.remark or self.tr("回访:{summary}").format(summary=self._summary(answers))
        dialog = ReopenDialog(view.case_no, unit.name if unit else "", self._summary(answers), words,
                              reopen_by_default(answers.resolved, answers.satisfaction), self)

        def finished(code: int) -> None:
            self._offer = None
            deferred, self._deferred = self._deferred, None
            dialog.deleteLater()
            self.window().activateWindow()  # the keys work on the tab again at once
            # the answer is for the case the question named (`view`); the save's version check refuses
            # it, saying so, if a colleague saved that case meanwhile
            if code == QDialog.DialogCode.Accepted:
                self._start_save(view, answers, dialog.note())
            elif code == SAVE_ONLY:
                self._start_save(view, answers, None)
            else:
                self.record.setFocus()
                if deferred is not None:  # what came in meanwhile is looked at now
                    self.refresh(open_first=deferred)

        dialog.finished.connect(finished)
        self._offer = dialog
        dialog.open()

    def _defer(self, open_first: bool) -> None:
        """A change of the case on screen waits for the open question to be answered."""
        self._deferred = bool(self._deferred) or open_first

    def _start_save(self, view: cq.CallbackView, answers: CallbackAnswers | None, reopen_note: str | None) -> None:
        self.saving = True
        self._say(self.tr("正在保存工单 {no}…").format(no=view.case_no), progress=True)
        self.record.store(self.ctx.sf, self.ctx.actor, view, answers, reopen_note)

    def _saved(self, view: cq.CallbackView, answers: CallbackAnswers | None, out: cq.SaveOutcome) -> None:
        self.saving = False
        if answers is None and out.closed_as == "unreachable":
            text = self.tr("工单 {no} 已 {n} 次未接通,按无法联系办结(不计入三率)", "", out.attempts).format(no=out.case_no, n=out.attempts)
        elif answers is None:
            text = self.tr("工单 {no} 未接通(本轮第 {n}/{limit} 次),稍后再拨").format(
                no=out.case_no, n=out.attempts, limit=view.max_attempts)
        else:
            text = self.tr("已保存工单 {no}:{summary}").format(no=out.case_no, summary=self._summary(answers))
            if out.reopened:
                unit = self.ctx.directory.units.get(view.unit_id)
                text += self.tr(";已退回 {unit} 重办").format(unit=unit.name if unit else "")
            elif out.reopen_refused is not None:
                text += self.tr(";未能退回重办:{why}").format(why=error_text(out.reopen_refused))
        self._say(text, error=out.reopen_refused is not None, next_case=True)
        self._drop_and_open_next(view.case_id)
        self.saved.emit(out)

    def _save_failed(self, view: cq.CallbackView, exc: Exception) -> None:
        self.saving = False
        still_waiting = isinstance(exc, EditConflict) and exc.fresh is not None and exc.fresh.status == "replied"
        done_by_other = (isinstance(exc, EditConflict) and not still_waiting) or (
            isinstance(exc, TransitionRefused) and exc.status != "replied")
        if still_waiting:  # changed meanwhile (a colleague's unanswered call, a repeat call) but still to call back
            self._say(self.tr("工单 {no} 刚被其他工位修改,已显示最新内容;答案保留,请确认后再按 Enter 保存").format(
                no=view.case_no), error=True)
            self.case.load(self.ctx.read_sf, self.ctx.actor, view.case_id, keep_answers=True)
        elif done_by_other:
            self._say(self.tr("工单 {no} 刚由其他回访员完成回访,本次未保存,已打开下一件").format(no=view.case_no),
                      error=True, next_case=True)
            self._drop_and_open_next(view.case_id)
        else:
            self.record.setEnabled(True)
            self.record.setFocus()
            self.record.show_problem(error_text(exc))
            self._clear_message()
        self.save_failed.emit(exc)

    def _refreshed_keeping_answers(self, view: cq.CallbackView | None) -> None:
        if self._offer is not None:
            self._defer(False)
            return
        if view is None or not view.waiting:
            self._show(view, verify=False, case_id=self.current.case_id if self.current else None)
            return
        self.current = view
        self.case.show_view(view)
        self.record.setEnabled(self.may_record)
        self.record.setFocus()
        self.case_shown.emit(view.case_id)

    # ---------------------------------------------------------------- messages

    def _say(self, text: str, error: bool = False, next_case: bool = False, progress: bool = False) -> None:
        """The message line: refusals and failures in red (tone "error"), what was done in green ("ok"),
        work under way in the ordinary colour ("info"). It is about the case on screen, or with
        `next_case` about the one being left, shown until the clerk moves on from the next case."""
        tone = "error" if error else "info" if progress or not text else "ok"
        self.message.setText(text)
        self.message.setProperty("tone", tone)
        self.message.setStyleSheet({"error": f"color: {ERROR_COLOUR};", "ok": f"color: {OK_COLOUR};"}.get(tone, ""))
        self._message_for = NEXT if next_case else (self.current.case_id if self.current else None)

    def _say_gone(self, case_no) -> None:
        """The case was done or changed at another workstation and is no longer waiting: the next one opens."""
        self._say(self.tr("工单 {no} 刚由其他工位处理,已不在待回访队列,已打开下一件").format(no=case_no),
                  error=True, next_case=True)

    def _clear_message(self) -> None:
        self._at_risk = False
        self._say(self._standing, error=bool(self._standing))

    def _case_changed(self, case_id: int) -> None:
        """A case (0: none) is now on screen: a message about an earlier one goes."""
        if self._message_for is NEXT:
            self._message_for = case_id
        elif self._message_for != case_id:
            self._clear_message()

    def _failed(self, exc: Exception) -> None:
        self._say(error_text(exc), error=True)
