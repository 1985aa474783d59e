"""The case being called: who to ring, what they asked, what the unit replied, earlier attempts, the call script.

It loads views in its own workers: the case to show (`load`; `view_loaded`, the newest load supersedes the
others) and the next one ahead of time (`prefetch`; `prefetched`); which case to load and whether to show
it is the tab's. It also fetches the full number to dial (`reveal`, written to the access log by the
service) and shows it when the view asked about is still the one shown (`revealed` / `reveal_failed`).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.messages import resolved_name, satisfaction_name
from app.services import callback_queue as cq
from app.services import privacy
from app.services.actors import Actor
from app.services.callback_queue import Attempt, CallbackView
from app.services.clock import now
from app.services.directory import Directory
from app.services.privacy import mask_phone
from app.ui.workers import JobRunner


def _label(object_name: str, wrap: bool = True, selectable: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _box(title: str, *widgets: QWidget) -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(10, 6, 10, 8)
    layout.setSpacing(3)
    heading = QLabel(title)
    heading.setStyleSheet("color: #555; font-weight: bold;")
    layout.addWidget(heading)
    for w in widgets:
        layout.addWidget(w)
    return frame


class CasePanel(QWidget):
    reveal_requested = Signal()  # the clerk asks for the full number to dial (F3); recorded in the access log
    revealed = Signal(object, str)  # the CallbackView, its full number (shown if that view is still on screen)
    reveal_failed = Signal(object)  # the exception
    view_loaded = Signal(int, object, bool)  # case id asked for, its CallbackView (None: gone), keep_answers
    prefetched = Signal(int, object)  # case id, its CallbackView (None: gone)
    load_failed = Signal(object)  # the exception of a `load`

    def __init__(self, directory: Directory, parent: QWidget | None = None, may_reveal: bool = True):
        super().__init__(parent)
        self.setObjectName("callbackCasePanel")
        self.directory = directory
        self.may_reveal = may_reveal  # the clerk's role may see full numbers (else the button stays off)
        self.view: CallbackView | None = None  # the case shown (None: a message instead)
        self.jobs = JobRunner(self)  # the full number
        self.views = JobRunner(self)  # the case to show
        self.prefetches = JobRunner(self)  # the next case, while the clerk is on this one
        self.title = _label("callbackCaseTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.phone = _label("callbackPhone", wrap=False)
        self.phone.setStyleSheet("font-size: 22px; font-weight: bold; color: #0d47a1;")
        self.reveal_button = QPushButton(self.tr("显示号码拨打 [F3]"), objectName="revealPhoneButton")
        self.reveal_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the recording panel
        self.reveal_button.clicked.connect(self.reveal_requested)
        self.caller = _label("callbackCaller")
        self.due = _label("callbackDue")
        self.request = _label("callbackRequest")
        self.reply = _label("callbackReply")
        self.replier = _label("callbackReplier")
        self.replier.setStyleSheet("color: #555;")
        self.attempts = _label("callbackAttempts")
        self.script = _label("callbackScript")
        self.script.setStyleSheet("color: #33691e;")

        head = QGridLayout()
        head.addWidget(self.title, 0, 0, 1, 3)  # the whole width: the title wraps only when it must
        head.addWidget(self.phone, 1, 0)
        head.addWidget(self.reveal_button, 1, 1)
        head.addWidget(self.caller, 1, 2)
        head.addWidget(self.due, 2, 0, 1, 3)
        head.setColumnStretch(2, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(head)
        # in the order of the call: what to say first, then what the citizen asked and the unit answered
        layout.addWidget(_box(self.tr("回访话术"), self.script))
        layout.addWidget(_box(self.tr("市民诉求"), self.request))
        layout.addWidget(_box(self.tr("承办单位答复"), self.reply, self.replier))
        self.attempts_box = _box(self.tr("回访记录"), self.attempts)  # only when there were earlier calls
        layout.addWidget(self.attempts_box)
        layout.addStretch(1)
        self.show_message(self.tr("正在加载回访队列…"))

    def show_message(self, text: str) -> None:
        """An empty panel saying why (loading, queue empty)."""
        self.view = None
        self.title.setText(text)
        self.reveal_button.setEnabled(False)
        for label in (self.phone, self.caller, self.due, self.request, self.reply, self.replier, self.attempts,
                      self.script):
            label.clear()
        self.attempts_box.setVisible(False)

    def show_view(self, v: CallbackView) -> None:
        self.view = v
        d = self.directory
        unit = d.units.get(v.unit_id) if v.unit_id else None
        street = d.units.get(v.street_id) if v.street_id else None
        community = d.units.get(v.community_id) if v.community_id else None
        place = " ".join(x for x in (street.name if street else "", community.name if community else "",
                                      v.address or "") if x)
        self.title.setText(self.tr("工单 {no} · {category} · {place}").format(
            no=v.case_no, category=d.category_path(v.category_id) or self.tr("未分类"), place=place or self.tr("无地址")))
        self.phone.setText(mask_phone(v.caller_phone) or self.tr("无电话"))
        self.reveal_button.setEnabled(bool(v.caller_phone) and self.may_reveal)
        self.caller.setText(self.tr("{name} · 受理于 {received:%Y-%m-%d %H:%M}").format(
            name=v.caller_name or self.tr("未留姓名"), received=v.received_at))
        if v.callback_due is not None:
            late = v.callback_due < now()
            self.due.setText(self.tr("回访时限 {due:%m-%d %H:%M}{late} · 本轮第 {n}/{limit} 次拨打").format(
                due=v.callback_due, late=self.tr("(已超时)") if late else "", n=v.attempts_this_round + 1,
                limit=v.max_attempts))
            self.due.setStyleSheet("color: #c62828;" if late else "")
        else:
            self.due.clear()
        self.request.setText(v.description)
        self.reply.setText(v.reply_text or "")
        when = f"{v.replied_at:%Y-%m-%d %H:%M}" if v.replied_at else ""
        self.replier.setText(self.tr("{unit} {who} 答复于 {when}").format(
            unit=unit.name if unit else "", who=v.replied_by or "", when=when).replace("  ", " "))
        self.attempts.setText("\n".join(self._attempt_text(a) for a in v.attempts) or self.tr("尚无回访记录"))
        self.attempts_box.setVisible(bool(v.attempts))  # the first call: the due line says "第 1/3 次"
        self.script.setText(self.tr(
            "您好,这里是12345市民服务热线回访。您在 {day:%m月%d日} 反映的“{topic}”问题,{unit}已经答复。"
            "想占用您一分钟:\n1. 承办单位是否与您联系过?\n2. 您反映的问题是否解决了?\n3. 您对办理结果是否满意?"
        ).format(day=v.received_at, topic=d.category_path(v.category_id).split(" / ")[-1] or self.tr("诉求"),
                 unit=unit.name if unit else self.tr("承办单位")))

    def load(self, read_sf, actor: Actor, case_id: int, keep_answers: bool = False) -> None:
        """Load `case_id` as `actor` may see it, in a worker; `view_loaded` carries `keep_answers` back (the
        case on screen seen again, the clerk's answers kept, rather than a case opened)."""
        self.views.start(cq.load_view, read_sf, actor, case_id, latest_only=True,
                         on_done=lambda v: self.view_loaded.emit(case_id, v, keep_answers),
                         on_error=self.load_failed.emit)

    def prefetch(self, read_sf, actor: Actor, case_id: int) -> None:
        """Load `case_id` ahead of time; a failure is not said (opening the case will say it)."""
        self.prefetches.start(cq.load_view, read_sf, actor, case_id, latest_only=True,
                              on_done=lambda v: self.prefetched.emit(case_id, v), on_error=lambda _exc: None)

    def reveal(self, sf, actor: Actor, view: CallbackView) -> None:
        """The full number of `view` in a worker (the service writes who, where, when and which case to the
        access log); shown when it comes unless another case is on screen by then."""
        self.jobs.start(privacy.reveal_phone, sf, actor, view.case_id, "callback",
                        on_done=lambda number: self._revealed(view, number), on_error=self.reveal_failed.emit)

    def _revealed(self, view: CallbackView, number: str) -> None:
        if self.view is view:
            self.show_full_number(number)
        self.revealed.emit(view, number)

    def show_full_number(self, number: str) -> None:
        self.phone.setText(number)
        self.reveal_button.setEnabled(False)

    def _attempt_text(self, a: Attempt) -> str:
        head = self.tr("第 {round} 轮第 {n} 次 {at:%m-%d %H:%M} {clerk}").format(
            round=a.round + 1, n=a.attempt, at=a.at, clerk=a.clerk).strip()
        if not a.reached:
            return head + self.tr(":未接通")
        text = self.tr(":{contacted},{resolved},{satisfaction}").format(
            contacted=self.tr("已联系") if a.contacted else self.tr("未联系"),
            resolved=resolved_name(a.resolved), satisfaction=satisfaction_name(a.satisfaction))
        return head + text + (f"({a.remark})" if a.remark else "")
