"""Turns the domain's errors into sentences in the user's language (Chinese by default), for the UI and the CLI."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.errors import (
    EditConflict,
    FieldProblem,
    HotlineError,
    NotFound,
    PermissionDenied,
    TransitionRefused,
    ValidationFailed,
)


def tr(text: str) -> str:
    # lupdate files module-level tr() calls under the empty context
    return QCoreApplication.translate("", text)


def field_name(field: str) -> str:
    names = {
        "caller_phone": tr("来电号码"), "caller_name": tr("来电人"), "address": tr("地址"),
        "description": tr("诉求内容"), "category": tr("诉求分类"), "street": tr("街道/乡镇"),
        "community": tr("社区/村"), "channel": tr("渠道"), "request_type": tr("诉求类型"),
        "urgency": tr("紧急程度"), "unit": tr("承办单位"), "deadline_tier": tr("时限档次"),
        "answer": tr("答复内容"), "reply_text": tr("答复内容"), "reason": tr("理由"), "note": tr("说明"),
        "remark": tr("备注"), "resolved": tr("是否解决"), "satisfaction": tr("满意度"), "until": tr("延期至"),
        "contacted": tr("是否联系"),
    }
    return names.get(field, field)


def action_name(action: str) -> str:
    names = {
        "create": tr("受理"), "answer": tr("直接答复"), "link_repeat": tr("关联重复来电"), "dispatch": tr("派单"),
        "approve_return": tr("同意退单"), "reject_return": tr("驳回退单"), "approve_extension": tr("同意延期"),
        "reject_extension": tr("驳回延期"), "merge": tr("合并"), "close": tr("办结"), "sign": tr("签收"),
        "contact": tr("联系诉求人"), "reply": tr("答复"), "request_return": tr("申请退单"),
        "request_extension": tr("申请延期"), "callback": tr("回访"), "reopen": tr("重办"),
    }
    return names.get(action, action)


def status_name(status: str) -> str:
    names = {
        "new": tr("待派单"), "dispatched": tr("已派单"), "accepted": tr("已签收"), "returned": tr("已退单"),
        "replied": tr("已答复"), "closed": tr("已办结"), "merged": tr("已合并"),
    }
    return names.get(status, status)


def role_name(role: str) -> str:
    names = {
        "receptionist": tr("接线员"), "dispatcher": tr("派单员"), "handler": tr("承办单位"),
        "callback": tr("回访员"), "supervisor": tr("领导/督办"), "admin": tr("管理员"), "system": tr("系统"),
    }
    return names.get(role, role)


def problem_text(p: FieldProblem) -> str:
    name = field_name(p.field)
    texts = {
        "required": tr("{field}必须填写"),
        "too_long": tr("{field}太长(最多 {detail} 字)"),
        "bad_phone": tr("{field}格式不对:请输入11位手机号,或带区号的固定电话(如 010-63812345,分机用 - 连接)"),
        "unknown": tr("{field}不存在:{detail}"),
        "not_allowed": tr("{field}的取值不允许:{detail}"),
        "not_in_street": tr("{field}不属于所选街道"),
        "not_later": tr("{field}必须晚于现在的答复时限 {detail}"),
        "bad_time": tr("{field}不是有效的时间:{detail}"),
        "duplicate": tr("{field}重复:{detail}"),
    }
    return texts.get(p.code, tr("{field}有误:{detail}")).format(field=name, detail=p.detail)


def error_text(error: Exception) -> str:
    """One sentence for any error the services raise; unexpected errors get a generic sentence."""
    if isinstance(error, ValidationFailed):
        return ";".join(problem_text(p) for p in error.problems)
    if isinstance(error, TransitionRefused):
        text = tr("工单 {case}当前状态为“{status}”,不能{action}").format(
            case=error.case_no, status=status_name(error.status), action=action_name(error.action))
        return text + (f"({error.reason})" if error.reason else "")
    if isinstance(error, EditConflict):
        return tr("工单 {case}刚被其他工位修改,已显示最新状态,请确认后重试").format(case=error.case_no)
    if isinstance(error, PermissionDenied):
        return tr("您的角色({role})不能{action};可以操作的角色:{allowed}").format(
            role=role_name(error.role), action=action_name(error.action),
            allowed="、".join(role_name(r) for r in error.allowed if r != "system"))
    if isinstance(error, NotFound):
        return tr("未找到:{what} {key}").format(what=error.what, key=error.key)
    if isinstance(error, HotlineError):
        return str(error)
    return tr("操作未完成:{error}").format(error=type(error).__name__)
