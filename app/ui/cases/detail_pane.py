"""One case in full: its fields, deadlines with the time left (or overdue), and the timeline of its events."""
from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from app.messages import code_label, error_text, event_name, status_name, tr
from app.services import case_queries, privacy
from app.services.case_queries import CaseDetail
from app.ui.context import AppContext
from app.ui.icons import CONTACT_MISSED, NEARLY_OVERDUE, OVERDUE, icon_img
from app.ui.workers import JobRunner


def as_label(text: str) -> str:
    """A name used as a button, a title or a table cell: capitalised (English names are lower case, as they
    also stand inside sentences; Chinese is unchanged)."""
    return text[:1].upper() + text[1:]


def span_text(delta: timedelta) -> str:
    minutes = int(abs(delta).total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return tr("{d}天{h}小时").format(d=days, h=hours)
    if hours:
        return tr("{h}小时{m}分").format(h=hours, m=mins)
    return tr("{m}分钟").format(m=mins)


def deadline_text(deadline: datetime | None, now: datetime, done_at: datetime | None) -> str:
    """'2022-08-03 10:00(剩余 2天3小时)', '(已超期 5小时)', or for a finished step whether it was in time."""
    if deadline is None:
        return ""
    text = f"{deadline:%Y-%m-%d %H:%M}"
    if done_at is not None:
        return text + (tr("(按时)") if done_at <= deadline else tr("(超期 {span} 完成)").format(
            span=span_text(done_at - deadline)))
    if now > deadline:
        return text + tr("(已超期 {span})").format(span=span_text(now - deadline))
    return text + tr("(剩余 {span})").format(span=span_text(deadline - now))


def _t(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


REVEAL_LINK = "reveal:phone"


def phone_html(d: CaseDetail, revealed: str | None, can_reveal: bool) -> str:
    """The masked number, a link to show it in full (recorded), or 保密 for a caller hidden from this role."""
    hidden, show = tr("保密"), tr("显示完整号码")
    if d.confidential and d.caller_name is None and d.caller_phone is None:
        return escape(hidden)
    if revealed is not None:
        return escape(revealed)
    if not d.caller_phone and d.no_phone_reason:
        return escape(tr("无号码({reason})").format(reason=d.no_phone_reason))
    text = escape(d.caller_phone or "")
    if d.caller_phone and can_reveal:
        text += f" <a href='{REVEAL_LINK}'>{escape(show)}</a>"
    return text


def detail_html(d: CaseDetail, phone: str | None = None) -> str:
    """`phone`: the caller's number as HTML (masked with a reveal link); by default the row's value escaped."""
    open_ = d.status in ("new", "dispatched", "accepted", "returned")
    flag = ""
    phone_label = tr("来电号码")
    overdue_text, nearly_text, nobody = tr("超期"), tr("即将超期"), tr("系统/未登录")
    title, description, process = tr("工单"), tr("诉求内容"), tr("办理过程")
    if d.overdue:
        flag = f' {icon_img(OVERDUE)}<span style="color:#b3261e">{escape(overdue_text)}</span>'
    elif d.nearly_overdue:
        flag = f' {icon_img(NEARLY_OVERDUE)}<span style="color:#a05a00">{escape(nearly_text)}</span>'
    if d.contact_missed:
        flag += f' {icon_img(CONTACT_MISSED)}<span style="color:#a05a00">{escape(tr("联系超时"))}</span>'
    fields = [
        (tr("状态"), status_name(d.status) + (f"({code_label('pending', d.pending_request)})" if d.pending_request else "")),
        (tr("受理时间"), _t(d.received_at)),
        (tr("渠道 / 类型 / 紧急"), " / ".join((code_label("channel", d.channel), code_label("request_type", d.request_type),
                                             code_label("urgency", d.urgency)))),
        (tr("来电人"), d.caller_name or (tr("保密") if d.confidential else "")),
        (phone_label, (d.caller_phone or "") if phone is None else phone),
        (tr("街道 / 社区"), " / ".join(x for x in (d.street_name, d.community_name) if x)),
        (tr("地址"), d.address or ""), (tr("诉求分类"), d.category_path),
        (tr("承办单位"), d.unit_name or ""), (tr("时限档次"), code_label("tier", d.deadline_tier)),
        (tr("联系时限"), deadline_text(d.contact_deadline, d.now, d.contacted_at or (None if open_ else d.replied_at))),
        (tr("答复时限"), deadline_text(d.reply_deadline, d.now, d.replied_at)),
        (tr("派单 / 签收 / 联系"), " / ".join(_t(x) or "—" for x in (d.dispatched_at, d.signed_at, d.contacted_at))),
        (tr("答复时间"), _t(d.replied_at)), (tr("答复内容"), d.reply_text or ""),
        (tr("回访期限"), _t(d.callback_due)),
        (tr("办结"), " ".join(x for x in (_t(d.closed_at), code_label("close_reason", d.close_reason)) if x)),
        (tr("合并到"), d.merged_into_no or ""),
        (tr("重复来电 / 重办"), tr("{r} 次 / {o} 次").format(r=d.repeat_count, o=d.reopen_count)),
    ]
    if d.pending_request:
        fields.append((tr("待审批"), f"{code_label('pending', d.pending_request)}:{d.pending_note or ''}"
                       + (tr(",延期至 {t}").format(t=_t(d.pending_until)) if d.pending_until else "")))
    rows = "".join(f"<tr><td style='color:#555;padding-right:10px;white-space:nowrap'>{escape(k)}</td>"
                   f"<td>{v if k == phone_label and phone is not None else escape(v)}</td></tr>"
                   for k, v in fields if v)
    events = "".join(
        "<tr>"
        f"<td style='white-space:nowrap'>{_t(e.at)}</td><td>{escape(as_label(event_name(e.action)))}</td>"
        f"<td>{escape(status_name(e.from_status) if e.from_status else '')} → {escape(status_name(e.to_status or ''))}</td>"
        f"<td>{escape(e.unit_name or '')}</td><td>{escape(e.actor_name or nobody)}</td>"
        f"<td>{escape(e.workstation or '')}</td><td>{escape(e.note or '')}</td></tr>"
        for e in d.events)
    head = "".join(f"<th align='left' style='white-space:nowrap'>{escape(h)}</th>" for h in (
        tr("时间"), tr("操作"), tr("状态"), tr("单位"), tr("操作人"), tr("工位"), tr("说明")))
    return (f"<h3>{escape(title)} {escape(d.case_no)}{flag}</h3>"
            f"<table cellspacing='2'>{rows}</table>"
            f"<p><b>{escape(description)}</b><br>{escape(d.description)}</p>"
            f"<p><b>{escape(process)}</b></p>"
            f"<table cellspacing='0' cellpadding='3' border='1' style='border-color:#ccc;border-collapse:collapse'>"
            f"<tr>{head}</tr>{events}</table>")


class CaseDetailPane(QWidget):
    """Shows one case; `loaded(CaseDetail)` after each (re)load."""

    loaded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail: CaseDetail | None = None
        self.case_id: int | None = None
        self.jobs = JobRunner(self)
        self.view = QTextBrowser(self, objectName="caseDetailView")
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._link)
        self.revealed: str | None = None  # the full number, once revealed for the case shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.setPlaceholderText(tr("在左侧选择一件工单查看详情"))

    def load(self, case_id: int | None) -> None:
        if case_id != self.case_id:
            self.revealed = None
        self.case_id = case_id
        if case_id is None:
            self.detail = None
            self.view.clear()
            self.loaded.emit(None)
            return
        reading = tr("正在读取工单…")
        self.view.setHtml(f"<p style='color:#666'>{escape(reading)}</p>")
        self.jobs.start(case_queries.case_detail, self.ctx.read_sf, case_id, self.ctx.actor, latest_only=True,
                        on_done=self._show, on_error=self._failed)

    def reload(self) -> None:
        self.load(self.case_id)

    def _show(self, detail: CaseDetail) -> None:
        self.detail = detail
        self._render()
        self.loaded.emit(detail)

    def _render(self) -> None:
        view = privacy.caller_view(self.ctx.actor, self.detail.caller_name, self.detail.caller_phone,
                                   self.detail.confidential)
        self.view.setHtml(detail_html(self.detail, phone_html(self.detail, self.revealed, view.can_reveal)))

    def _link(self, url) -> None:
        if url.toString() == REVEAL_LINK and self.detail is not None:
            case_id = self.detail.id  # written to the access log: who, where, when, which case
            self.jobs.start(privacy.reveal_phone, self.ctx.sf, self.ctx.actor, case_id, on_error=self._failed,
                            on_done=lambda number: self._revealed(case_id, number))

    def _revealed(self, case_id: int, number: str) -> None:
        if self.detail is not None and self.detail.id == case_id:
            self.revealed = number
            self._render()

    def _failed(self, exc: Exception) -> None:
        self.detail = None
        self.view.setHtml(f"<p style='color:#b3261e'>{escape(error_text(exc))}</p>")
        self.loaded.emit(None)
