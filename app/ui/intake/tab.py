"""The intake tab (受理): take a call, see the caller's history, link a repeat call, save & dispatch or answer now."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.messages import error_text, problem_text
from app.services import case_queries, lifecycle
from app.services.errors import ValidationFailed
from app.services.intake_form import form_problems
from app.services.lifecycle import answer_problem
from app.services.validation import normalize_phone
from app.ui.cases.detail_pane import CaseDetailPane
from app.ui.context import AppContext
from app.ui.intake.draft_store import DraftStore
from app.ui.intake.form_panel import IntakeFormPanel, MessageLine
from app.ui.intake.history_panel import CaseListPanel
from app.ui.intake.knowledge_panel import FOCUS_KEY, USE_KEY, KnowledgePanel
from app.ui.layout_memory import LayoutMemory
from app.ui.workers import Activity, JobRunner

DRAFT_DELAY_MS = 300
LOOKUP_DELAY_MS = 150
WAITING_NOTICE_MS = 1500  # a save that takes longer is waiting for the database


class IntakeTab(QWidget):
    busy_changed = Signal(bool)  # background work under way or done (all of the tab's runners)
    HISTORY_LIMIT = 50  # the caller's cases listed (the count above the list covers all of them)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, draft_store: DraftStore | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("intakeTab")
        self.setWindowTitle(self.tr("受理"))
        self.drafts = draft_store or DraftStore.for_staff(ctx.url_text, ctx.actor)  # the staff account's own
        self.history_jobs = JobRunner(self)
        self.lookup_jobs = JobRunner(self)
        self.preview_jobs = JobRunner(self)
        self.save_jobs = JobRunner(self)
        self.saving = False
        self.answer_tried = False  # the last save tried was "直接答复": its problems (the answer) stay shown
        self.last_case_no = ""
        self.history_phone: str | None = None
        self.preview = None  # the latest IntakePreview and the (category, street) it is for
        self.preview_key: tuple | None = None
        self._pending_draft: dict | None = None

        self.form = IntakeFormPanel(ctx, self)
        self.draft_bar = self._build_draft_bar()
        self.result = QLabel(self, objectName="resultLabel")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("复制工单号 (Ctrl+Shift+C)"), self, objectName="copyCaseNoButton")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_case_no)
        self.save_button = QPushButton(self, objectName="saveButton")
        self.save_button.clicked.connect(self.save_and_dispatch)
        self.answer_button = QPushButton(self.tr("直接答复 (Ctrl+Shift+Enter)"), self, objectName="answerButton")
        self.answer_button.setToolTip(self.tr("咨询类诉求在电话中已答复:需填写答复内容,工单由热线中心直接答复"))
        self.answer_button.clicked.connect(self.answer_now)
        self.clear_button = QPushButton(self.tr("清空"), self, objectName="clearButton")
        self.clear_button.clicked.connect(self.clear_form)
        self.readiness = MessageLine(self, "readinessLabel", "#8a5a00")  # its line is reserved

        self.history = CaseListPanel(self.tr("来电人历史诉求"), self.tr("输入来电号码后显示该号码的历史诉求(未办结的在前)"), self)
        self.history.setObjectName("historyPanel")
        self.history.list.setToolTip(self.tr("Ctrl+H 跳到此列表,上下键选择,回车查看,Ctrl+L 关联为重复来电"))
        self.history.list.setObjectName("historyList")
        self.link_button = QPushButton(self.tr("关联为重复来电 (Ctrl+L)"), self, objectName="linkRepeatButton")
        self.link_button.setToolTip(self.tr("Ctrl+L:不新建工单,把本次来电记到所选的未办结工单上(重复来电)"))
        self.link_button.setEnabled(False)
        self.link_button.clicked.connect(self.link_repeat)
        self.duplicates = CaseListPanel(self.tr("可能重复的诉求"),
                                        self.tr("选择分类和社区后,显示近30天同社区同分类的未办结工单"), self)
        self.duplicates.setObjectName("duplicatesPanel")
        self.duplicates.list.setObjectName("duplicatesList")
        self.knowledge = KnowledgePanel(ctx.read_sf, self)  # the knowledge base's articles for this call
        self.knowledge.use_requested.connect(self.use_article)
        # an answer emptied is no longer the article's: the case then records no article
        self.form.answer.textChanged.connect(lambda: self.form.answer_text() or self.knowledge.forget_use())
        self.history.open_requested.connect(self.open_case)
        self.duplicates.open_requested.connect(self.open_case)
        self.history.list.currentItemChanged.connect(lambda *_: self._update_link_button())

        self._layout()
        self._shortcuts()
        self.draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS, timeout=self.write_draft)
        # a save still running after a moment waits for another writer (an import on SQLite): say so
        self.waiting_timer = QTimer(self, singleShot=True, interval=WAITING_NOTICE_MS, timeout=self._say_waiting)
        self.lookup_timer = QTimer(self, singleShot=True, interval=LOOKUP_DELAY_MS, timeout=self.refresh_lookups)
        self.form.changed.connect(self._form_changed)
        self.form.field_left.connect(self._update_readiness)
        self.form.phone.textChanged.connect(self._phone_changed)
        self.form.request_type.currentIndexChanged.connect(lambda _i: self._update_answer_button())
        self._update_answer_button()
        self._update_readiness()
        self._offer_draft()
        self.form.phone.setFocus()
        self.activity = Activity(self)
        self.activity.busy_changed.connect(self.busy_changed)

    def is_busy(self) -> bool:
        """Background work of this tab is under way (busy_changed says when that changes)."""
        return self.activity.is_busy()

    # ------------------------------------------------------------ layout

    def _build_draft_bar(self) -> QFrame:
        bar = QFrame(self, objectName="draftBar")
        bar.setStyleSheet("#draftBar { background: #fff4ce; border: 1px solid #e0c060; border-radius: 3px; }")
        self.draft_label = QLabel(bar)
        restore = QPushButton(self.tr("恢复草稿"), bar, objectName="restoreDraftButton")
        discard = QPushButton(self.tr("丢弃"), bar, objectName="discardDraftButton")
        restore.clicked.connect(self.restore_draft)
        discard.clicked.connect(self.discard_draft)
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.draft_label, 1)
        row.addWidget(restore)
        row.addWidget(discard)
        bar.hide()
        return bar

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        result_row.addWidget(self.copy_button)
        left = QWidget(self)
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.form, 1)  # the description takes the height there is
        lv.addWidget(self.readiness)
        lv.addLayout(buttons)
        lv.addLayout(result_row)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.history, 3)
        rv.addWidget(self.link_button)
        rv.addWidget(self.duplicates, 2)
        rv.addWidget(self.knowledge, 5)
        for panel in (self.history, self.duplicates, self.knowledge):  # the stretches share the height out
            panel.list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
            panel.layout().setStretchFactor(panel.list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self, objectName="intakeSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 11)
        splitter.setStretchFactor(1, 9)
        splitter.setSizes([1100, 900])  # the history's columns need the room
        self.layout_memory = LayoutMemory(self.ctx.actor, "intake", self)
        self.layout_memory.splitter("splitter", splitter)
        self.layout_memory.header("history", self.history.list.header())
        self.layout_memory.header("duplicates", self.duplicates.list.header())
        outer = QVBoxLayout(self)
        outer.addWidget(self.draft_bar)
        outer.addWidget(splitter, 1)
        QWidget.setTabOrder(self.form.answer, self.save_button)
        QWidget.setTabOrder(self.save_button, self.answer_button)

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("Ctrl+Return", self.save_and_dispatch), ("Ctrl+Enter", self.save_and_dispatch),
                           ("Ctrl+Shift+Return", self.answer_now), ("Ctrl+Shift+Enter", self.answer_now),
                           ("Ctrl+L", self.link_repeat), ("Ctrl+Shift+C", self.copy_case_no),
                           ("Ctrl+H", self.history.list.setFocus),
                           (USE_KEY, self.knowledge.use_selected), (FOCUS_KEY, self.knowledge.focus_list),
                           ("Alt+1", lambda: self.form.routing_hint.take(0)),
                           ("Alt+2", lambda: self.form.routing_hint.take(1))):
            QShortcut(QKeySequence(keys), self, slot, context=context)

    # ------------------------------------------------------------ as the user types

    def _form_changed(self) -> None:
        self._update_readiness()
        self.knowledge.set_query(self.form.description.toPlainText(), self.form.category.value)
        self.draft_timer.start()
        self.lookup_timer.start()

    def problems(self, answering: bool = False):
        typed = self.form.picker_problems()
        named = {p.field for p in typed}
        return typed + [p for p in form_problems(self.form.intake_form(), self.ctx.directory, answering,
                                                 self.form.answer_text()) if p.field not in named]

    def _update_readiness(self) -> None:
        problems = self.problems()  # of "save and dispatch": the button says them
        shown = self.problems(answering=True) if self.answer_tried else problems  # of the save last tried
        self.form.show_problems(shown, everything=False)
        # the reason under the buttons answers a save that was tried; before that the button says it
        self.readiness.setText(self._cannot_save(shown) if self.form.save_tried and shown else "")
        if self.saving:
            self.save_button.setText(self.tr("正在保存…"))
            self.save_button.setEnabled(False)
            return
        self.save_button.setEnabled(not problems)
        if problems:
            self.save_button.setText(self.tr("保存并派单(尚缺 {n} 项)").format(n=len(problems)))
            self.save_button.setToolTip(self._cannot_save(problems))
        elif self._saves_without_dispatch():
            self.save_button.setText(self.tr("保存,待派单 (Ctrl+Enter)"))
            self.save_button.setToolTip(self.tr("没有可派的承办单位:工单保存为待派单,由派单员派出(Ctrl+Enter)"))
        else:
            self.save_button.setText(self.tr("保存并派单 (Ctrl+Enter)"))
            self.save_button.setToolTip(self.tr("保存工单并派给承办单位(Ctrl+Enter)"))

    def _cannot_save(self, problems) -> str:
        return self.tr("尚不能保存:{why}").format(why=";".join(problem_text(p) for p in problems))

    def _saves_without_dispatch(self) -> bool:
        """No unit typed and the preview of this category and street has none that dispatch accepts."""
        form = self.form.intake_form()
        return (form.unit_id is None and self.preview is not None and self.preview.unit_id is None
                and self.preview_key == self._preview_key_now())

    def _phone_changed(self, text: str) -> None:
        number = normalize_phone(text)
        if number == self.history_phone:
            return
        self.history_phone = number
        if number is None:
            self.history.clear_rows()
            self._update_link_button()
            return
        self.history.status.setText(self.tr("正在查询 {phone} 的历史诉求…").format(phone=number))
        self.history_jobs.start(case_queries.caller_history, self.ctx.read_sf, self.ctx.actor, number,
                                self.HISTORY_LIMIT, latest_only=True, on_done=lambda found: self._show_history(number, found),
                                on_error=self._lookup_failed)

    def _show_history(self, number: str, found: case_queries.CallerHistory) -> None:
        if number != self.history_phone:  # the phone was changed while this lookup ran
            return
        if found.cut:
            status = self.tr("{phone}:共 {n} 件,未办结 {open} 件,显示最近 {shown} 件(未办结的在前)", "", found.total).format(
                phone=number, n=found.total, open=found.unfinished, shown=len(found.rows))
        elif found.rows:
            status = self.tr("{phone}:共 {n} 件,未办结 {open} 件", "", found.total).format(phone=number, n=found.total,
                                                                      open=found.unfinished)
        else:
            status = self.tr("{phone}:没有历史诉求").format(phone=number)
        self.history.show_rows(found.rows, status)
        self.history.select_first_open()
        self._update_link_button()

    def _lookup_failed(self, exc: Exception) -> None:
        self.history.status.setText(self.tr("查询失败:{error}").format(error=error_text(exc)))

    def _update_link_button(self) -> None:
        row = self.history.selected()
        self.link_button.setEnabled(row is not None and row.is_open and not self.saving)

    def refresh_lookups(self) -> None:
        form = self.form.intake_form()
        if form.category_id is not None and form.community_id is not None:
            self.duplicates.status.setText(self.tr("正在查找可能重复的工单…"))
            self.lookup_jobs.start(case_queries.possible_duplicates, self.ctx.read_sf, form.category_id,
                                   form.community_id, latest_only=True, on_done=self._show_duplicates,
                                   on_error=lambda exc: self.duplicates.status.setText(error_text(exc)))
        else:
            self.duplicates.clear_rows()
        if form.category_id is not None or form.street_id is not None:
            key = self._preview_key_now()
            self.preview_jobs.start(case_queries.intake_preview, self.ctx.read_sf, form.category_id, form.street_id,
                                    form.urgency, form.deadline_tier, community_id=form.community_id,
                                    latest_only=True, on_done=lambda preview: self._show_preview(key, preview),
                                    on_error=lambda exc: self.form.suggestion.setText(error_text(exc)))
        else:
            self.form.suggestion.setText("")
            self.form.routing_hint.clear()
            self.preview = self.preview_key = None

    def _preview_key_now(self) -> tuple:
        """What the suggestion depends on: a suggestion looked up for other values is not shown (a call ended
        and the next one began while it ran)."""
        form = self.form.intake_form()
        return (form.category_id, form.street_id, form.community_id)

    def _show_duplicates(self, rows) -> None:
        if rows:
            status = self.tr("近30天同社区同分类有 {n} 件未办结工单,可能是同一问题(回车或双击查看)").format(n=len(rows))
        else:
            status = self.tr("近30天同社区同分类没有未办结工单")
        self.duplicates.show_rows(rows, status)

    def _show_preview(self, key: tuple, preview) -> None:
        if key != self._preview_key_now():
            return
        units = self.ctx.directory.units
        unit = units.get(preview.unit_id) if preview.unit_id else None
        refused = units.get(preview.refused_unit_id) if preview.refused_unit_id else None
        self.preview, self.preview_key = preview, key
        self.form.show_suggestion(unit.name if unit else None, self.form.tier.itemText(
            max(0, self.form.tier.findData(preview.tier))), preview.contact_by, preview.reply_by,
            refused.name if refused else None)
        self._show_routing(preview, unit.name if unit else "")
        self._update_readiness()

    def _show_routing(self, preview, unit_name: str) -> None:
        units = self.ctx.directory.units
        alternatives = [(u, units[u].name) for u in preview.alternatives if u in units]
        self.form.routing_hint.show_suggestion(preview.basis, unit_name, alternatives)

    # ------------------------------------------------------------ saving

    def save_and_dispatch(self) -> None:
        self._save(answering=False)

    def answer_now(self) -> None:
        self._save(answering=True)

    def _save(self, answering: bool) -> None:
        if self.saving:
            return
        problems = self.problems(answering)
        self.answer_tried = answering
        if problems:
            self.form.save_tried = True
            self.form.show_problems(problems, everything=True)
            self.readiness.setText(self._cannot_save(problems))
            self.form.focus_field(problems[0].field)
            return
        form = self.form.intake_form()
        self._set_saving(True)
        if answering:
            used = self.knowledge.used
            self.save_jobs.start(lifecycle.answer_at_intake, self.ctx.sf, self.ctx.actor, form, self.form.answer_text(),
                                 article=(used.article_id, used.version) if used else None,
                                 on_done=lambda ref: self._saved(ref, self.tr("已受理并直接答复:工单 {no}")),
                                 on_error=self._save_failed)
        else:
            self.save_jobs.start(lifecycle.create_case, self.ctx.sf, self.ctx.actor, form, dispatch=True,
                                 on_done=lambda ref: self._saved(ref, self._created_text(ref),
                                                                 waiting=ref.status != "dispatched"),
                                 on_error=self._save_failed)

    def _created_text(self, ref) -> str:
        """What saving did: dispatched to a unit, or saved new for the dispatcher (no unit takes it)."""
        unit = self.ctx.directory.units.get(ref.unit_id) if ref.unit_id else None
        if ref.status == "dispatched" and unit is not None:
            return self.tr("已受理并派单:工单 {no},承办单位 {unit}").replace("{unit}", unit.name)
        if ref.status == "dispatched":
            return self.tr("已受理并派单:工单 {no}")
        return self.tr("已受理,未派单:工单 {no} 没有可派的承办单位,已留待派单员派单")

    def use_article(self, match) -> None:
        """The knowledge article's answer into 答复内容; an answer from the knowledge base is for a consultation."""
        consultation = self.form.request_type.findData("consultation")
        if answer_problem(self.form.request_type.currentData()) is not None and consultation >= 0:
            self.form.request_type.setCurrentIndex(consultation)
        self.form.answer.setPlainText(match.answer)
        self.form.answer.setFocus()
        self.form.answer.moveCursor(self.form.answer.textCursor().MoveOperation.End)

    def link_repeat(self) -> None:
        row = self.history.selected()
        if self.saving or row is None or not row.is_open:
            if self.form.no_number.isChecked():
                self.result.setText(self.tr("无号码的来电没有按号码的历史诉求,不能关联为重复来电"))
            elif normalize_phone(self.form.phone.text()) is None:
                self.result.setText(self.tr("请先输入来电号码,再在历史诉求中选择要关联的未办结工单"))
            else:
                self.result.setText(self.tr("请在历史诉求中选择一件未办结的工单再关联"))
            return
        note = self.form.description.toPlainText().strip() or self.tr("重复来电")
        self._set_saving(True)
        self.save_jobs.start(lifecycle.link_repeat_call, self.ctx.sf, self.ctx.actor, row.id, note,
                             on_done=lambda ref: self._saved(ref, self.tr("已将本次来电关联到工单 {no}(重复来电)")),
                             on_error=self._save_failed)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        if saving:
            self.waiting_timer.start()
        else:
            self.waiting_timer.stop()
        self.form.setEnabled(not saving)
        self._update_answer_button()
        self._update_readiness()
        self._update_link_button()

    def _say_waiting(self) -> None:
        if self.saving:
            self.result.setStyleSheet("color: #8a5a00; font-weight: bold")
            self.result.setText(self.tr("正在保存:数据库正忙(另一项写入,如导入,正在进行),正在等待,最长一分钟…"))

    def _update_answer_button(self) -> None:
        """直接答复 is offered for a consultation only (the service refuses any other request type)."""
        self.answer_button.setEnabled(not self.saving and answer_problem(self.form.request_type.currentData()) is None)

    def _saved(self, ref, message: str, waiting: bool = False) -> None:
        """Saved; `waiting`: the case still waits for someone (not dispatched), said in amber."""
        self.last_case_no = ref.case_no
        self.result.setText(message.format(no=ref.case_no))
        self.result.setStyleSheet("color: #8a5a00; font-weight: bold" if waiting else "color: #1d6b2f; font-weight: bold")
        self.copy_button.setEnabled(True)
        self.draft_timer.stop()
        self.drafts.clear()
        self.clear_form()
        self._set_saving(False)
        self.form.phone.setFocus()

    def _save_failed(self, exc: Exception) -> None:
        self._set_saving(False)
        self.write_draft()  # nothing typed is lost, whatever went wrong
        self.result.setStyleSheet("color: #b3261e; font-weight: bold")
        if isinstance(exc, ValidationFailed):
            self.form.show_problems(exc.problems, everything=True)
            self.form.focus_field(exc.problems[0].field)
            self.result.setText(self.tr("未保存:{error}").format(error=error_text(exc)))
        else:
            self.result.setText(self.tr("未保存,已输入的内容保留为草稿:{error}").format(error=error_text(exc)))

    def copy_case_no(self) -> None:
        if self.last_case_no:
            QGuiApplication.clipboard().setText(self.last_case_no)
            self.copy_button.setText(self.tr("已复制 {no}").format(no=self.last_case_no))
            QTimer.singleShot(2000, self.copy_button, lambda: self.copy_button.setText(self.tr("复制工单号 (Ctrl+Shift+C)")))

    def clear_form(self) -> None:
        """Ready for the next call; the draft of this one is dropped with it."""
        self.draft_timer.stop()
        self.drafts.clear()
        self.form.clear()
        self.answer_tried = False
        self.history_phone = None
        self.history.clear_rows()
        self.duplicates.clear_rows()
        self.knowledge.clear()
        self.form.suggestion.setText("")
        self.form.routing_hint.clear()
        self.preview = self.preview_key = None
        self._update_readiness()
        self._update_link_button()
        self.form.phone.setFocus()

    # ------------------------------------------------------------ drafts

    def write_draft(self) -> None:
        if self.form.is_empty():
            self.drafts.clear()
        else:
            self.drafts.save(self.form.to_dict())

    def _offer_draft(self) -> None:
        draft = self.drafts.load()
        if draft is None:
            return
        saved_at, fields = draft
        self._pending_draft = fields
        self.draft_label.setText(self.tr("有一份 {at} 未保存的受理草稿(来电 {phone}),是否恢复?").format(
            at=saved_at[:16], phone=fields.get("phone") or self.tr("未填")))
        self.draft_bar.show()

    def restore_draft(self) -> None:
        fields, self._pending_draft = self._pending_draft, None
        self.draft_bar.hide()
        if fields:
            self.form.load_dict(fields)
            self._phone_changed(self.form.phone.text())
            self.refresh_lookups()
            self._update_readiness()
        self.form.phone.setFocus()

    def discard_draft(self) -> None:
        self._pending_draft = None
        self.draft_bar.hide()
        if self.form.is_empty():
            self.drafts.clear()
        self.form.phone.setFocus()

    # ------------------------------------------------------------ opening a listed case

    def open_case(self, case_id: int) -> None:
        dialog = QDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setObjectName("caseDetailDialog")
        dialog.setWindowTitle(self.tr("工单详情"))
        pane = CaseDetailPane(self.ctx, dialog)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(pane)
        layout.addWidget(buttons)
        dialog.resize(760, 640)
        pane.load(case_id)
        dialog.open()
