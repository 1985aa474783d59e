"""Turns the domain's errors into sentences in the user's language (Chinese by default), for the UI and the CLI."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from sqlalchemy.exc import DBAPIError

from app.db import is_busy, is_file_database_error
from app.services.errors import (
    AppendOnly,
    DemoRefused,
    EditConflict,
    ExchangeFileError,
    FieldProblem,
    HotlineError,
    ImportProblem,
    ImportRejected,
    LoginRefused,
    NotFound,
    PermissionDenied,
    TaskRefused,
    TransitionRefused,
    ValidationFailed,
)
from app.services.periods import FORMS, MAX_YEAR, MIN_YEAR, PeriodError


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`n`: the count whose number (one, many) chooses the English form."""
    # lupdate files module-level tr() calls under the empty context
    return QCoreApplication.translate("", text, disambiguation or None, n)


def field_name(field: str) -> str:
    names = {
        "caller_phone": tr("来电号码"), "caller_name": tr("来电人"), "address": tr("地址"),
        "description": tr("诉求内容"), "category": tr("诉求分类"), "street": tr("街道/乡镇"),
        "community": tr("社区/村"), "channel": tr("渠道"), "request_type": tr("诉求类型"),
        "urgency": tr("紧急程度"), "unit": tr("承办单位"), "deadline_tier": tr("时限档次"),
        "answer": tr("答复内容"), "reply_text": tr("答复内容"), "reason": tr("理由"), "note": tr("说明"),
        "remark": tr("备注"), "resolved": tr("是否解决"), "satisfaction": tr("满意度"), "until": tr("延期至"),
        "contacted": tr("是否联系"), "confidential": tr("保密"),
        "no_phone_reason": tr("无号码原因"),
        "username": tr("用户名"), "display_name": tr("姓名"), "role": tr("角色"), "password": tr("密码"),
        "password_repeat": tr("确认密码"), "old_password": tr("原密码"), "active": tr("启用"), "name": tr("名称"),
        "code": tr("编码"), "kind": tr("类型"), "parent": tr("上级单位"), "population": tr("常住人口"),
        "sort_key": tr("排序拼音"), "aliases": tr("别名"),
        "default_handler": tr("默认承办单位"), "year": tr("年度"), "scope": tr("范围"),
        "effective_from": tr("生效日期"), "contact_hours": tr("联系时限(小时)"), "reply_hours": tr("答复时限(小时)"),
        "w_response": tr("响应率权重"), "w_resolution": tr("解决率权重"), "w_satisfaction": tr("满意率权重"),
        "w_basic": tr("基本满意折算系数"), "weights": tr("三率权重"), "setting": tr("参数"), "value": tr("取值"),
        # proactive tasks and monthly key-topic plans (app/services/tasks.py, plans.py)
        "title": tr("任务"), "detail": tr("说明"), "due": tr("完成期限"), "report": tr("办理情况"),
        "source": tr("来源"), "season": tr("季节"), "month": tr("月份"), "leader": tr("牵头区领导"),
        "target": tr("目标"), "first_day": tr("开始日"), "last_day": tr("结束日"),
        # the knowledge base (app/services/knowledge.py)
        "article": tr("知识条目"), "article_title": tr("标题"), "article_answer": tr("答复口径"),
        "article_source": tr("政策依据"), "keywords": tr("关键词"), "categories": tr("适用分类"),
        "owner_unit": tr("负责单位"), "valid_from": tr("生效日期"), "valid_to": tr("失效日期"),
        "synonym_term": tr("同义词"), "synonym_means": tr("对应词"),
    }
    return names.get(field, field)


def action_name(action: str) -> str:
    names = {
        "create": tr("受理"), "answer": tr("直接答复"), "link_repeat": tr("关联重复来电"), "dispatch": tr("派单"),
        "approve_return": tr("同意退单"), "reject_return": tr("驳回退单"), "approve_extension": tr("同意延期"),
        "reject_extension": tr("驳回延期"), "merge": tr("合并"), "close": tr("办结"), "sign": tr("签收"),
        "contact": tr("联系诉求人"), "reply": tr("答复"), "request_return": tr("申请退单"),
        "request_extension": tr("申请延期"), "callback": tr("回访"), "reopen": tr("重办"),
        "edit_accounts": tr("管理账号"), "edit_units": tr("修改单位"), "edit_categories": tr("修改分类和重点题目"),
        "edit_rules": tr("修改时限和考核规则"), "view_accounts": tr("查看账号"), "view_access_log": tr("查看访问记录"),
        "reveal_phone": tr("查看完整号码"), "reveal_confidential": tr("查看保密来电人的号码"),
        "export_personal": tr("导出含个人信息的数据"), "create_first_admin": tr("创建首个管理员"),
        "change_password": tr("修改密码"),
        "create_task": tr("创建治理任务和每月一题计划"), "report_task": tr("上报治理任务办理情况"),
        "close_task": tr("验收治理任务"), "view_tasks": tr("查看治理任务"),
        "import": tr("导入"),
        "report_daily": tr("生成这份日报(承办单位只能生成本单位的提醒名单)"), "report_monthly": tr("生成月报"),
        "report_street": tr("生成这份年度体检报告(承办单位只能生成本街道乡镇的)"),
        "edit_knowledge": tr("编辑知识库"),
    }
    return names.get(action, action)


def event_name(action: str) -> str:
    """The name of a timeline event (CaseEvent.action): the operations' names plus the events they record."""
    names = {
        "redispatch": tr("重新派单"), "repeat_call": tr("重复来电"), "repeat_merged": tr("并入重复工单"),
        "return_requested": tr("申请退单"), "return_approved": tr("同意退单"), "return_rejected": tr("驳回退单"),
        "extension_requested": tr("申请延期"), "extension_approved": tr("同意延期"),
        "extension_rejected": tr("驳回延期"), "callback_attempt": tr("回访未接通"),
        "callback_unreachable": tr("回访未接通,办结"),
        "deadlines_reset": tr("重新计时(联系时限;答复时限)"),
        "no_contact": tr("未能联系诉求人"),
    }
    return names.get(action) or action_name(action)


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
        "nobody": tr("未登录用户"),
    }
    return names.get(role, role)


def _character_detail(detail: str) -> dict[str, str]:
    """"U+0000 at character 5" (validation.character_problem) as its parts, for the sentences below."""
    code, _, position = detail.partition(" at character ")
    return {"code": code, "position": position or "?"}


def problem_text(p: FieldProblem) -> str:
    name = field_name(p.field)
    if p.code == "bad_character":
        return tr("{field}的第 {position} 个字符({code})是控制字符或残缺字符,无法保存,请删除").format(
            field=name, **_character_detail(p.detail))
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
        "too_short": tr("{field}太短(至少 {detail} 位)"),
        "mismatch": tr("两次输入的密码不一致"),
        "bad_username": tr("{field}只能由字母、数字、汉字和 _ . - @ 组成,2 到 64 个字符:{detail}"),
        "last_admin": tr("至少要保留一个启用的管理员账号"),
        "wrong": tr("{field}不正确"),
        "in_past": tr("{field}不能早于今天({detail}):已生效的规则不能改写"),
        "bad_sum": tr("{field}之和必须为 1(现在是 {detail})"),
        "out_of_range": tr("{field}超出范围({detail})"),
        "after_reply": tr("{field}不能长于答复时限"),
        "not_whole_number": tr("{field}必须是大于 0 的整数:{detail}"),
        "due_in_past": tr("{field}不能早于今天({detail})"),
        "not_a_key_topic": tr("{field}不是 {detail} 年的重点题目"),
        "not_a_street": tr("{field}只能选街道或乡镇"),
        "bad_month_day": tr("{field}应写成“月-日”,如 11-15:{detail}"),
        "same_day": tr("{field}不能与开始日相同"),
        "invisible": tr("{field}只有看不见的字符(如零宽空格)"),
        "not_answerable": tr("只有“咨询”类诉求可以直接答复;其他类型请保存并派单"),
        "before_start": tr("{field}不能早于生效日期 {detail}"),
        "expired": tr("{field} {detail} 已过:请先修改有效期再发布"),
        "changed_meanwhile": tr("{field}刚被其他工位修改(现为第 {detail} 版),请刷新后再改"),
        "already": tr("{field}已经是这个状态"),
        "same_as_term": tr("{field}与同义词相同:{detail}"),
        "not_published": tr("{field}未发布或已失效,不能作为答复依据:{detail}"),
    }
    return texts.get(p.code, tr("{field}有误:{detail}")).format(field=name, detail=p.detail)


def period_error_text(error: PeriodError) -> str:
    reasons = {
        "empty": tr("没有填写时段"), "bad_month": tr("月份必须在 01–12 之间"), "bad_quarter": tr("季度必须是 Q1–Q4"),
        "bad_year": tr("年份必须在 {low}–{high} 之间"), "bad_date": tr("“{detail}”不是 YYYY-MM-DD 格式的日期"),
        "no_such_date": tr("日期“{detail}”不存在"), "end_before_start": tr("结束日期早于开始日期"),
        "unrecognised": tr("无法识别"),
    }
    reason = reasons.get(error.code, error.reason).format(detail=error.detail, low=MIN_YEAR, high=MAX_YEAR)
    return tr("时段“{text}”无效:{reason}。可用的写法:{forms}").format(text=error.text, reason=reason, forms=FORMS)


def error_text(error: Exception) -> str:
    """One sentence for any error the services raise; unexpected errors get a generic sentence."""
    if isinstance(error, ValidationFailed):
        return ";".join(problem_text(p) for p in error.problems)
    if isinstance(error, TransitionRefused):
        return refusal_text(error)
    if isinstance(error, EditConflict):
        return tr("工单 {case}刚被其他工位修改,已显示最新状态,请确认后重试").format(case=error.case_no)
    if isinstance(error, PermissionDenied):
        return tr("您的角色({role})不能{action};可以操作的角色:{allowed}").format(
            role=role_name(error.role), action=action_name(error.action),
            allowed=tr("、").join(role_name(r) for r in error.allowed if r != "system"))
    if isinstance(error, LoginRefused):
        return login_text(error)
    if isinstance(error, AppendOnly):
        return tr("办理记录只能追加,不能修改或删除")
    if isinstance(error, NotFound):
        return tr("未找到{what}:{key}").format(what=thing_name(error.what), key=error.key)
    if isinstance(error, PeriodError):
        return period_error_text(error)
    if isinstance(error, ImportRejected):
        return import_rejected_text(error)
    if isinstance(error, ExchangeFileError):
        return exchange_file_text(error)
    if isinstance(error, TaskRefused):
        status = {"open": tr("待办理"), "reported": tr("待验收"), "closed": tr("已办结")}.get(error.status, error.status)
        return tr("治理任务 {id} 当前为“{status}”,不能{action}:请刷新后再看").format(
            id=error.task_id, status=status, action=action_name(error.action))
    if isinstance(error, DemoRefused):
        return tr("数据库中已有 {n} 件工单:演示数据只写入空数据库", "", error.cases).format(n=error.cases)
    if isinstance(error, HotlineError):
        return other_refusal_text(error)
    if isinstance(error, DBAPIError):
        if is_busy(error):  # another workstation holds the lock: nothing was written, a retry will do
            return tr("数据库正忙(其他工位正在保存),本次操作没有完成,请稍后再试一次")
        if is_file_database_error(error):  # the embedded file: its folder is gone, no permission, disk full
            return tr("无法访问数据库文件,请确认文件仍在且可写,或联系管理员")
        return tr("无法访问数据库,请检查网络或联系管理员后重试")  # the server is down, the network dropped
    return tr("操作未完成:{error}").format(error=type(error).__name__)


def other_refusal_text(error: HotlineError) -> str:
    """The refusal of an output file (its module is imported only when one is shown), or the error's own words."""
    from app.services.output_files import OutputRefused

    if isinstance(error, OutputRefused):
        database = tr("这是数据库文件,导出不能覆盖它,请换一个文件名")
        reasons = {"exists": tr("文件已存在(要替换请加 --force)"), "is_folder": tr("这是一个文件夹,不是文件名"),
                   "no_folder": tr("文件夹不存在"), "unwritable": tr("无法在此文件夹中写入"), "database": database,
                   "other_database": database, "in_use": database, "read_only": tr("这个文件是只读的,请换一个文件名"),
                   "symlink": tr("这是一个符号链接,请选择实际的文件")}
        return tr("无法写入 {path}:{reason}").format(path=error.path, reason=reasons.get(error.reason, error.reason))
    return str(error)


def refusal_text(error: TransitionRefused) -> str:
    """Why the action was refused: the case's state, or the real reason when the state is not it."""
    case, action = error.case_no, action_name(error.action)
    if not error.reason:
        return tr("工单 {case}当前状态为“{status}”,不能{action}").format(
            case=case, status=status_name(error.status), action=action)
    reasons = {
        "no_return_request": tr("工单 {case}没有待审批的退单申请,无需{action}"),
        "no_extension_request": tr("工单 {case}没有待审批的延期申请,无需{action}"),
        "merge_into_itself": tr("不能把工单 {case}合并到它自己:请填写另一件(最初受理的)工单的编号"),
        "merge_into_merged": tr("工单 {detail}本身已合并到其他工单,不能作为原工单:请合并到它所并入的那件工单"),
        "closed_as": tr("工单 {case}以“{detail}”办结,不能{action}"),
        "no_unit": tr("工单 {case}没有可以退回的承办单位,不能{action};请派单员重新派单"),
        "pending": tr("工单 {case}有{detail}等待派单员审批,审批前不能{action}"),
        "not_contacted": tr("工单 {case}尚未联系诉求人,不能{action}:请先“联系诉求人”,或在答复时写明未能联系的原因"),
    }
    detail = error.detail
    if error.reason == "closed_as":
        detail = close_reason_name(detail)
    elif error.reason == "pending":
        detail = {"return": tr("退单申请"), "extension": tr("延期申请")}.get(detail, detail)
    text = reasons.get(error.reason)
    if text is None:
        return tr("不能{action}工单 {case}").format(case=case, action=action)
    return text.format(case=case, action=action, detail=detail)


def close_reason_name(reason: str | None) -> str:
    names = {"callback": tr("回访后办结"), "unreachable": tr("回访未接通"), "manual": tr("人工办结"),
             # in their own context: the same words name the actions 直接答复 and 合并
             "answered": QCoreApplication.translate("caseCodes", "直接答复"),
             "merged": QCoreApplication.translate("caseCodes", "合并")}
    return names.get(reason or "", reason or "")


# ---------------------------------------------------------------- the catalogue of codes' labels
# Every screen names a case's codes (channel, request type, urgency, tier, close reason, pending request)
# and the callback answers through these functions, so that one code has one label everywhere.

def code_label(kind: str, code: str | None) -> str:
    """The label of a case's code: kind is channel, request_type, urgency, tier, close_reason or pending."""
    if kind == "tier":
        return tier_name(code)
    if kind == "close_reason":
        return close_reason_name(code)
    labels = {
        "channel": {"phone": tr("电话"), "web": tr("网站"), "wechat": tr("微信"), "weibo": tr("微博"),
                    "app": tr("客户端"), "forwarded": tr("上级转办")},
        "request_type": {"consultation": tr("咨询"), "help": tr("求助"), "complaint": tr("投诉"), "report": tr("举报"),
                         "suggestion": tr("建议"), "praise": tr("表扬")},
        # in their own context: the same Chinese words name other things elsewhere (一般 tier, 申请退单 action)
        "urgency": {"normal": QCoreApplication.translate("caseCodes", "一般"),
                    "urgent": QCoreApplication.translate("caseCodes", "紧急")},
        "pending": {"return": QCoreApplication.translate("caseCodes", "申请退单"),
                    "extension": QCoreApplication.translate("caseCodes", "申请延期")},
    }
    return labels.get(kind, {}).get(code or "", code or "")


def contacted_name(value: bool | None) -> str:
    return {True: tr("已联系"), False: tr("未联系")}.get(value, "")


def resolved_name(value: str | None) -> str:
    return {"yes": tr("已解决"), "partly": tr("部分解决"), "no": tr("未解决")}.get(value or "", "")


def satisfaction_name(value: str | None) -> str:
    return {"satisfied": tr("满意"), "basic": tr("基本满意"), "unsatisfied": tr("不满意")}.get(value or "", "")


def hours_text(hours: int) -> str:
    """A time limit as people say it: 2小时, 24小时, 7天 (whole days from two days on)."""
    if hours >= 48 and hours % 24 == 0:
        return tr("{n}天", "", hours // 24).format(n=hours // 24)
    return tr("{n}小时").format(n=hours)


def tier_text(tier: str, hours: tuple[int, int] | None) -> str:
    """A tier with the contact and reply limits in force (the administrator can change them): 紧急(2小时联系/24小时答复)."""
    if hours is None:
        return tier_name(tier)
    return tr("{tier}({contact}联系/{reply}答复)").format(tier=tier_name(tier), contact=hours_text(hours[0]),
                                                  reply=hours_text(hours[1]))


def thing_name(what: str) -> str:
    """The name of what NotFound did not find (the services name it in English)."""
    names = {"case": tr("工单"), "staff": tr("账号"), "street": tr("街道/乡镇"), "unit": tr("单位"),
             "category": tr("诉求分类"), "key topic": tr("重点题目"), "deadline rule": tr("时限规则")}
    return names.get(what, what)


def login_text(error: LoginRefused) -> str:
    if error.reason == "disabled":
        return tr("该账号已停用,请联系管理员")
    # the same for an unknown name, a wrong password and a paused or locked account (names cannot be probed)
    return tr("用户名或密码错误") + tr(";连续输错须稍候再试,多次输错账号将被锁定(可请管理员解锁)")


def tier_name(tier: str | None) -> str:
    names = {"urgent": tr("紧急"), "utility": tr("水电气热"), "general": tr("一般"), "complex": tr("疑难复杂")}
    return names.get(tier or "", tier or "")


def unit_kind_name(kind: str) -> str:
    names = {"district": tr("区"), "hotline_centre": tr("热线中心"), "street": tr("街道"), "town": tr("乡镇"),
             "bureau": tr("委办局"), "company": tr("公共服务企业"), "community": tr("社区/村"),
             "section": tr("科所站队")}
    return names.get(kind, kind)


def scope_name(scope: str) -> str:
    return {"municipal": tr("市级"), "district": tr("区级")}.get(scope, scope)


def access_action_name(action: str) -> str:
    names = {
        "reveal_phone": tr("查看完整号码"), "export": tr("导出个人信息"), "login": tr("登录"),
        "login_failed": tr("登录失败"), "login_locked": tr("账号锁定"), "login_refused": tr("拒绝登录"),
        "account_create": tr("新建账号"), "account_update": tr("修改账号"), "account_password_reset": tr("重置密码"),
        "account_password_change": tr("修改密码"), "account_enable": tr("启用账号"), "account_disable": tr("停用账号"),
        "account_unlock": tr("解锁账号"), "admin_unit": tr("修改单位"), "admin_category": tr("修改分类"),
        "admin_key_topic": tr("修改重点题目"), "admin_rule": tr("修改规则"), "admin_season": tr("修改季节"),
        "report": tr("保存报表"),
    }
    return names.get(action, action)


# ---------------------------------------------------------------- exchange CSV (import/export)

def exchange_column_name(column: str) -> str:
    names = {
        "case_no": tr("工单编号"), "received_at": tr("受理时间"), "replied_at": tr("答复时间"),
        "callback_at": tr("回访时间"), "reached": tr("是否回访成功"), "status": tr("状态"), "unit": tr("承办单位"),
    }
    return names.get(column) or field_name(column)


def import_problem_text(p: ImportProblem) -> str:
    """One problem of an imported file: line, column (Chinese name and CSV name) and reason."""
    texts = {
        "bad_header": tr("表头不是交换格式:{detail}"),
        "field_count": tr("应有 21 列,实际 {detail} 列"),
        "field_count_base": tr("应有 20 列(与表头一致,表头没有 confidential 列),实际 {detail} 列"),
        "required": tr("必须填写"),
        "required_when": tr("当 {detail} 时必须填写"),
        "empty_when": tr("当 {detail} 时必须为空"),
        "too_long": tr("太长(最多 {detail} 字)"),
        "not_allowed": tr("取值不允许:{detail}"),
        "bad_time": tr("不是 ISO 8601 时间:{detail}"),
        "no_offset": tr("时间缺少时区(应写成如 2022-08-01T09:30:00+08:00):{detail}"),
        "before_received": tr("早于受理时间 {detail}"),
        "reached_after_reply": tr("答复后已回访成功的工单应为已办结,但状态为 {detail}"),
        "bad_phone": tr("不是手机号或带区号的固定电话:{detail}"),
        "unknown": tr("不存在:{detail}"),
        "not_a_street": tr("不是街道或乡镇:{detail}"),
        "not_a_community": tr("不是社区或村:{detail}"),
        "not_in_street": tr("社区不属于街道 {detail}"),
        "duplicate_in_file": tr("工单编号与第 {detail} 行重复"),
        "duplicate_in_db": tr("工单编号在数据库中已存在:{detail}"),
        "bad_csv": tr("无法按 CSV 读取:{detail}"),
        "invisible": tr("只有看不见的字符(如零宽空格)"),
        "changed_meanwhile": tr("检查文件期间数据库被修改({detail}),请重新导入"),
    }
    if p.code == "bad_character":
        reason = tr("第 {position} 个字符({code})是控制字符或残缺字符,无法保存").format(**_character_detail(p.detail))
    else:
        reason = texts.get(p.code, "{detail}").format(detail=p.detail)
    if p.column:
        return tr("第 {line} 行,{column} 列:{reason}").format(
            line=p.line, column=f"{exchange_column_name(p.column)}({p.column})", reason=reason)
    return tr("第 {line} 行:{reason}").format(line=p.line, reason=reason)


def import_rejected_text(error: ImportRejected, shown: int = 20) -> str:
    lines = [import_problem_text(p) for p in error.problems[:shown]]
    if error.total > len(lines):
        lines.append(tr("……另有 {count} 处问题", "", error.total - len(lines)).format(count=error.total - len(lines)))
    return tr("文件有 {count} 处问题,未导入任何数据:", "", error.total).format(count=error.total) + "\n" + "\n".join(lines)


def exchange_file_text(error: ExchangeFileError) -> str:
    texts = {
        "missing": tr("找不到文件:{path}"),
        "not_utf8": tr("{path} 不是 UTF-8 编码({detail}),请另存为 UTF-8(如 GBK 文件需先转换)"),
        "empty": tr("{path} 是空文件:交换文件第一行应为表头"),
        "unreadable": tr("无法读取 {path}:{detail}"),
        "unwritable": tr("无法写入 {path}:{detail}"),
    }
    return texts[error.code].format(path=error.path, detail=error.detail)


def snapshot_text(info) -> str:
    """What an offline copy (app/services/snapshot.SnapshotInfo) holds, for the status bar."""
    if info.cases == "all":
        held = tr("汇总数据和全部工单")
    elif info.cases == "from" and info.since is not None:
        held = tr("汇总数据和 {day} 起受理的工单").format(day=info.since.isoformat())
    else:
        held = tr("仅汇总数据,不含工单")
    return tr("离线副本({made} 制作):{held}").format(made=info.made_at, held=held)


def snapshot_missing_cases(info) -> str:
    """Said instead of "0 cases" when the cases asked for are not in the offline copy."""
    if info.cases == "from" and info.since is not None:
        return tr("此离线副本只含 {day} 起受理的工单,更早的工单请在服务器上查看").format(day=info.since.isoformat())
    return tr("此离线副本不含工单(只有汇总数据),工单请在服务器上查看")
