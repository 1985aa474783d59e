"""The reports of issue 15 (日报, 月报, 年度体检报告): their figures against `rank` and hand-computed lists, the
XLSX files, and the `report` command (refusals, access log, snapshot). History: tests/metrics_fixture.py."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy import select

from app.cli import main
from app.models import AccessLog, Setting
from app.services import clock, lifecycle, scores
from app.services.actors import system_actor
from app.services.directory import Directory
from app.services.lifecycle import CallbackAnswers, IntakeForm
from app.services.reports.builder import ReportRefused, ReportRequest, build
from app.services.reports.document import Table
from app.services.reports.request import LEVEL_TITLES
from app.services.reports.xlsx import write_xlsx
from tests.metrics_fixture import BUREAU_1, CATEGORY, SECTION_1, A, B, C, D, E, build_history

RANKING_HEADER = ["名次", "单位", "层级", "受理量", "有效回访", "响应率", "解决率", "满意率", "综合成绩", "较上期"]
TODAY = date(2022, 9, 10)


@pytest.fixture
def history(sf, monkeypatch):
    h = build_history(sf, monkeypatch)
    monkeypatch.setattr(clock, "now", lambda: datetime(2022, 9, 10, 9, 0))  # August is over
    return h


def report(sf, request: ReportRequest, today: date = TODAY, actor=None):
    with sf() as s:
        return build(s, actor or system_actor(), request, today)


def table(rep, sheet: str) -> Table:
    return next(t for t in rep.tables() if t.sheet == sheet)


def rank_csv(capsys, url: str, level: str) -> list[list[str]]:
    assert main(["rank", "--period", "2022-08", "--level", level, "--db", url]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    return rows[1:]


def as_csv(values: tuple) -> list[str]:
    """An XLSX ranking row written as `rank --format csv` writes it (scores in points back to fractions)."""
    rank, unit, level, cases, callbacks, *rates, score, change = values
    back = {v: k for k, v in LEVEL_TITLES.items()}
    points = [None if v is None else v / 100 for v in (score, change)]
    return [str(rank), unit, back[level], str(cases), str(callbacks), *(scores.fraction(r) for r in rates),
            *(scores.fraction(p) for p in points)]


def test_monthly_ranking_sheets_equal_rank_csv(sf, history, db_url, tmp_path, capsys):
    rep = report(sf, ReportRequest("monthly", month=date(2022, 8, 1)))
    path = write_xlsx(rep, tmp_path / "月报.xlsx")
    book = openpyxl.load_workbook(path)
    for sheet, level in (("街道乡镇排名", "street"), ("委办局排名", "bureau")):
        rows = list(book[sheet].iter_rows(values_only=True))
        assert list(rows[0]) == RANKING_HEADER
        data = [r for r in rows[1:] if r[0] is not None and not isinstance(r[0], str)]
        assert [as_csv(r) for r in data] == rank_csv(capsys, db_url, level)
        assert book[sheet].freeze_panes == "A2"
        assert book[sheet]["F2"].number_format == scores.RATE_FORMAT
        assert book[sheet]["I2"].number_format == scores.POINTS_FORMAT
    # every text cell is a text, never a formula; charts are native
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)
    assert book["三率趋势"]._charts and book["受理量趋势"]._charts
    assert int(book["街道乡镇排名"].page_setup.paperSize) == 9  # A4


def test_monthly_report_ranks_each_bureaus_sections_within_it(sf, history):
    # three levels on the bureaus' side too: 委办局 → 科所站队 (c10, handled by 能源运行科: 1 / 0 / 0)
    sections = table(report(sf, ReportRequest("monthly", month=date(2022, 8, 1))), "科所站队排名")
    assert [r[:3] for r in sections.rows] == [(BUREAU_1, 1, SECTION_1)]
    assert sections.rows[0][5:8] == pytest.approx((1.0, 0.0, 0.0))


def test_improved_interview_and_warning_lists_by_hand(sf, history):
    # August: B (score 1, 2 callbacks) 1st, D 2nd and C 3rd (score 1, one callback, by pinyin), A 4th (31/60)
    # A's July score was 1 (−29/60), D's 0 (+1): only D improved (2nd in July too). Bottom 2: C and A.
    with sf.begin() as s:
        s.add(Setting(key="report.bottom_n", effective_from=date(2022, 1, 1), value="2"))
    rep = report(sf, ReportRequest("monthly", month=date(2022, 8, 1)))
    improved = table(rep, "进步较大")
    assert [(r[0], r[1], r[2]) for r in improved.rows] == [(D, 2, 0)]  # July: A 1st, D 2nd
    assert improved.rows[0][4] == pytest.approx(1.0)
    interview = table(rep, "约谈名单")
    assert [(r[0], r[1]) for r in interview.rows] == [(3, C), (4, A)]
    # A's worst category: 施工扰民, 2 unresolved (c2 partly, c3 no); C has none unresolved
    assert interview.rows[1][6:] == (CATEGORY, 2)
    assert interview.rows[0][6:] == ("", None)
    assert interview.rows[1][2:6] == pytest.approx((2 / 3, 1 / 3, 2 / 3, 31 / 60))
    # June–August by volume (streets lack population): A 5, B 2, D 2, C 1, E 1 → the five with cases are in
    # the governance cut (top 5); May–July only A (2) and D (1) had cases: B, C, E entered this month
    warning = {r[1]: r[5] for r in table(rep, "预警").rows}
    assert warning == {A: "治理类(上月已在)", D: "治理类(上月已在)", B: "新进入治理类", C: "新进入治理类",
                       E: "新进入治理类"}
    assert "无常住人口数据的街道乡镇" in table(rep, "预警").note and A in table(rep, "预警").note


def test_warning_lists_streets_within_ten_percent_of_the_cut(sf, history):
    with sf.begin() as s:
        s.add(Setting(key="governance.top_n", effective_from=date(2022, 1, 1), value="2"))
    rep = report(sf, ReportRequest("monthly", month=date(2022, 8, 1)))
    rows = table(rep, "预警").rows
    # A (5) and the first of B/D by code (2) are cut; the other of B/D has the cut-off's 2 cases: 预警
    assert [r[1] for r in rows[:2]][0] == A
    assert rows[2][1] in (B, D) and rows[2][5].startswith("接近治理线")
    assert len(rows) == 3  # C and E (1 case) are more than 10 % below


def test_improved_n_setting_limits_the_list(sf, history):
    with sf.begin() as s:
        s.add(Setting(key="report.improved_n", effective_from=date(2022, 1, 1), value="0"))
    rep = report(sf, ReportRequest("monthly", month=date(2022, 8, 1)))
    assert table(rep, "进步较大").rows == ()


def reminder_history(sf, history, monkeypatch):
    """On top of the history (c9: 南苑街道, received 08-20, never replied → overdue by 08-29):"""
    d: Directory = history.directory
    system = system_actor()
    at = {"now": datetime(2022, 8, 28, 10, 0)}
    monkeypatch.setattr(clock, "now", lambda: at["now"])

    def new(street: str, received: datetime, **extra) -> int:
        at["now"] = received
        form = IntakeForm(caller_phone="13800138000", caller_name="张三", description="测试",
                          category_id=d.category_by_name(CATEGORY).id, street_id=d.unit_by_name(street).id,
                          unit_id=d.unit_by_name(street).id, received_at=received, **extra)
        return lifecycle.create_case(sf, system, form).id

    nearly = new(C, datetime(2022, 8, 23, 1, 0))  # reply by 08-30 01:00: within 4 hours of the day's end
    urgent = new(D, datetime(2022, 8, 29, 8, 0), urgency="urgent")
    repeated = new(B, datetime(2022, 8, 27, 9, 0))
    at["now"] = datetime(2022, 8, 28, 9, 0)
    lifecycle.link_repeat_call(sf, system, repeated, "又来电")
    lifecycle.link_repeat_call(sf, system, repeated, "第三次来电")
    for hour in (9, 10, 11):  # three cases at one address within 7 days
        new(B, datetime(2022, 8, 26, hour, 0), address="太平桥路1号")
    with sf() as s:
        from app.models import Case

        c3 = s.scalar(select(Case.id).where(Case.received_at == datetime(2022, 8, 4, 9, 0)))
    at["now"] = datetime(2022, 8, 28, 10, 0)
    lifecycle.reopen(sf, system, c3, "市民不满意,重新办理")
    at["now"] = datetime(2022, 9, 10, 9, 0)
    return {"nearly": nearly, "urgent": urgent, "repeated": repeated, "reopened": c3}


def case_no(sf, case_id: int) -> str:
    from app.models import Case

    with sf() as s:
        return s.get(Case, case_id).case_no


def test_reminder_list_has_the_five_kinds_and_no_names(sf, history, monkeypatch):
    ids = reminder_history(sf, history, monkeypatch)
    rep = report(sf, ReportRequest("daily", day=date(2022, 8, 29)))
    rows = table(rep, "重点难点提醒").rows
    kinds = {(r[0], r[1], r[2]) for r in rows}
    assert (C, "即将超期", case_no(sf, ids["nearly"])) in kinds
    assert (D, "紧急诉求", case_no(sf, ids["urgent"])) in kinds
    assert (B, "多次来电", case_no(sf, ids["repeated"])) in kinds
    assert (A, "重新办理", case_no(sf, ids["reopened"])) in kinds
    assert any(r[0] == E and r[1] == "已超期" for r in rows)  # c9
    address = [r for r in rows if r[1] == "地址聚集"]
    assert len(address) == 1 and address[0][0] == B and "太平桥路1号" in address[0][7] and "3 件" in address[0][7]
    text = repr(rep)
    assert "张三" not in text and "13800138000" not in text


def test_unit_option_gives_one_units_reminder_only(sf, history, monkeypatch):
    reminder_history(sf, history, monkeypatch)
    rep = report(sf, ReportRequest("daily", day=date(2022, 8, 29), unit=B))
    assert rep.subtitle == f"({B})"
    assert [t.sheet for t in rep.tables()] == ["重点难点提醒"]
    rows = table(rep, "重点难点提醒").rows
    assert rows and {r[0] for r in rows} == {B}
    assert {r[1] for r in rows} == {"多次来电", "地址聚集"}


def test_daily_report_figures(sf, history):
    rep = report(sf, ReportRequest("daily", day=date(2022, 8, 15)))
    streets = table(rep, "本月街道乡镇排名")
    # 1–15 August: B (c5, c6) 1st; C (08-16 callback) not yet; A 31/60; D's callback is on 08-17
    assert [r[1] for r in streets.rows] == [B, A]
    assert table(rep, "渠道").rows[0][:2] == ("电话", 1)  # c8 received on the 15th


def test_street_health_check(sf, history):
    rep = report(sf, ReportRequest("street", year=2022, street=A))
    assert rep.subtitle == A and rep.period == "2022年度"
    mix = table(rep, "类别结构").rows
    assert mix[0][0] == CATEGORY and mix[0][1] == 5  # j1, c1–c4: all 施工扰民
    unresolved = table(rep, "未解决不满意").rows
    assert unresolved[0][:3] == (CATEGORY, 2, 1)  # c2 partly, c3 no and unsatisfied
    findings = next(b for s in rep.sections for b in s.blocks if type(b).__name__ == "Findings")
    assert findings.sentences[0].startswith("2022年(截至2022年8月31日)共受理诉求 5 件")


@pytest.mark.parametrize("request_, message", [
    (ReportRequest("street", year=2022, street="火星街道"), "没有名为“火星街道”的街道乡镇"),
    (ReportRequest("street", year=2022, street="丰台区城市管理委员会"), "不是街道或乡镇"),
    (ReportRequest("monthly", month=date(2023, 1, 1)), "2023年1月没有数据"),
    (ReportRequest("monthly", month=date(2021, 1, 1)), r"2021年1月没有数据\(数据范围 2022-07 至 2022-08\)"),
    (ReportRequest("street", year=2021, street=A), "2021年没有数据"),
    (ReportRequest("daily", day=date(2022, 9, 2)), "2022年9月2日没有数据"),
    (ReportRequest("daily", day=date(2022, 8, 15), unit="丰台区"), "不是承办单位"),
    (ReportRequest("weekly"), "未知的报表种类"),
])
def test_bad_requests_are_refused_in_chinese(sf, history, request_, message):
    with pytest.raises(ReportRefused, match=message):
        report(sf, request_)


def test_report_command_writes_xlsx_and_logs_it(sf, history, db_url, tmp_path, capsys):
    out = tmp_path / "月报.xlsx"
    assert main(["report", "monthly", "--month", "2022-08", "--out", str(out), "--db", db_url]) == 0
    assert out.exists() and "月报" in capsys.readouterr().out
    assert main(["report", "monthly", "--month", "2022-08", "--out", str(out), "--db", db_url]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["report", "monthly", "--month", "2022-08", "--out", str(out), "--db", db_url, "--force"]) == 0
    with sf() as s:
        logged = s.scalars(select(AccessLog.detail).where(AccessLog.action == "report")).all()
    assert len(logged) == 2 and all(str(out) in d for d in logged)


@pytest.mark.parametrize("argv, message", [
    (["report", "daily", "--date", "2022-08-15", "--out", "x.docx"], "unknown format '.docx'"),
    (["report", "daily", "--date", "15/08/2022", "--out", "x.xlsx"], "--date"),
    (["report", "monthly", "--month", "2022-13", "--out", "x.xlsx"], "--month"),
    (["report", "street", "--year", "2022", "--street", "火星街道", "--out", "x.xlsx"], "火星街道"),
])
def test_report_command_bad_input_one_line_exit_2(sf, history, db_url, tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "--db", db_url]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and message in err
    assert not list(tmp_path.glob("x.*"))


def test_reports_work_on_a_snapshot(sf, history, db_url, tmp_path, capsys):
    copy = tmp_path / "laptop.db"
    assert main(["snapshot", str(copy), "--db", db_url]) == 0  # summaries only, no cases
    capsys.readouterr()
    url = f"sqlite:///{copy}"
    for argv in (["monthly", "--month", "2022-08"], ["daily", "--date", "2022-08-15"],
                 ["street", "--year", "2022", "--street", A]):
        out = tmp_path / f"{argv[0]}.xlsx"
        assert main(["report", *argv, "--out", str(out), "--db", url]) == 0, capsys.readouterr().err
    book = openpyxl.load_workbook(tmp_path / "monthly.xlsx")
    server = openpyxl.load_workbook(write_xlsx(report(sf, ReportRequest("monthly", month=date(2022, 8, 1))),
                                               tmp_path / "server.xlsx"))
    for sheet in ("街道乡镇排名", "委办局排名", "约谈名单", "预警"):
        assert list(book[sheet].values) == list(server[sheet].values)
    daily = openpyxl.load_workbook(tmp_path / "daily.xlsx")
    assert "不含诉求明细" in daily["重点难点提醒"].oddHeader.center.text


def test_monthly_report_lists_the_months_plans_with_each_streets_progress(sf, history, monkeypatch):
    from app.services import plans
    from app.services.plans import PlanForm
    from tests.conftest import make_actor
    from tests.metrics_fixture import BUREAU_3, TOPIC, add_case

    add_case(sf, monkeypatch, A, datetime(2021, 8, 10, 9, 0), category=TOPIC)  # one case of the topic a year before
    monkeypatch.setattr(clock, "now", lambda: datetime(2022, 9, 10, 9, 0))
    d = history.directory
    plans.save_plan(sf, make_actor("dispatcher"), PlanForm(
        month=date(2022, 8, 1), category_id=d.category_by_name(TOPIC).id, leader="王副区长",
        lead_unit_id=d.unit_by_name(BUREAU_3).id, street_ids=(d.unit_by_name(A).id, d.unit_by_name(B).id),
        target_change=-0.2))
    rows = table(report(sf, ReportRequest("monthly", month=date(2022, 8, 1))), "每月一题").rows
    # A: c12 this August against the 2021 case: no change, target −20 %: not met; B: none either year
    assert rows == ((TOPIC, "王副区长", BUREAU_3, -0.2, A, 1, 1, 0.0, "未达标"),
                    (TOPIC, "王副区长", BUREAU_3, -0.2, B, 0, 0, None, "—"))


def test_remarks_lose_phone_numbers_and_columns_fit_chinese(sf, history, tmp_path):
    from app.services.reports.street import masked_remark

    assert masked_remark("请打 13800138000 或 010-63821234 联系") == "请打 *********** 或 ************ 联系"
    book = openpyxl.load_workbook(write_xlsx(report(sf, ReportRequest("monthly", month=date(2022, 8, 1))),
                                             tmp_path / "m.xlsx"))
    sheet = book["委办局排名"]
    longest = max(len(r[1]) for r in sheet.iter_rows(min_row=2, values_only=True) if r[1])
    assert sheet.column_dimensions["B"].width >= 2 * longest  # a Chinese character is two columns wide
    assert sheet.print_title_rows == "$1:$1" and sheet.sheet_properties.pageSetUpPr.fitToPage


def test_monthly_report_knowledge_section(sf, history, monkeypatch):
    """十一、知识库: consultations answered at intake by month, the articles used, the gaps (issue 17, 2)."""
    from app.services import accounts
    from app.services import knowledge as K
    from tests.conftest import make_actor

    d: Directory = history.directory
    info = accounts.create_staff(sf, system_actor(), "kb_editor", "王编辑", "admin", "Secret-pass-123",
                                 password_repeat="Secret-pass-123")
    editor = make_actor("admin", staff_id=info.id)
    policy = d.category_by_name("政策咨询").id
    article = K.create_article(sf, editor, K.ArticleInput(
        title="居住证办理条件", answer="可到居住地派出所申领居住证。", source="演示", valid_from=date(2022, 1, 1),
        valid_to=None, keywords="居住证", category_ids=[policy]), publish=True)
    monkeypatch.setattr(clock, "now", lambda: datetime(2022, 8, 10, 9, 0))

    def consultation(hour: int) -> IntakeForm:
        return IntakeForm(caller_phone="13800138000", caller_name="张三", description="咨询居住证", request_type="consultation",
                          category_id=policy, street_id=d.unit_by_name(A).id, received_at=datetime(2022, 8, 10, hour, 0))

    receptionist = make_actor("receptionist")
    lifecycle.answer_at_intake(sf, receptionist, consultation(9), article.answer, article=(article.id, article.version))
    lifecycle.answer_at_intake(sf, receptionist, consultation(10), "已口头答复")
    rep = report(sf, ReportRequest("monthly", month=date(2022, 8, 1)))
    shares = {r[0]: r[1:] for r in table(rep, "知识库答复").rows}
    august = shares["2022-08"]
    assert august[1] == 2 and august[3] == 1 and august[2] == pytest.approx(2 / august[0])
    assert table(rep, "知识条目使用").rows == (("居住证办理条件", 1, 0, None),)
    assert table(rep, "知识缺口").note == "本月没有知识缺口。"


def test_confidential_cases_addresses_and_remarks_stay_out_of_reports(sf, history, monkeypatch):
    """Reports go to the units: a 保密 case's address is never listed (日报 地址聚集, 体检报告 addresses) and its
    citizen's remark never quoted, though it still counts in the figures."""
    d: Directory = history.directory
    system = system_actor()
    at = {"now": datetime(2022, 8, 20, 9, 0)}
    monkeypatch.setattr(clock, "now", lambda: at["now"])

    def new(address: str, hour: int, confidential: bool) -> int:
        at["now"] = datetime(2022, 8, 20, hour, 0)
        form = IntakeForm(caller_phone="13800138000", caller_name="张三", description="举报", address=address,
                          category_id=d.category_by_name(CATEGORY).id, street_id=d.unit_by_name(A).id,
                          unit_id=d.unit_by_name(A).id, received_at=at["now"], confidential=confidential)
        return lifecycle.create_case(sf, system, form).id

    secret = [new("保密路9号", h, True) for h in (8, 9, 10)]
    for h in (11, 12, 13):
        new("公开路1号", h, False)
    at["now"] = datetime(2022, 8, 21, 9, 0)
    lifecycle.sign(sf, system, secret[0])
    lifecycle.record_contact(sf, system, secret[0])
    lifecycle.reply(sf, system, secret[0], "已处理")
    lifecycle.record_callback(sf, system, secret[0], CallbackAnswers(True, "no", "unsatisfied", "隔壁王某天天违建"),
                              at=datetime(2022, 8, 22, 10, 0))
    at["now"] = datetime(2022, 9, 10, 9, 0)
    daily = report(sf, ReportRequest("daily", day=date(2022, 8, 21)))
    notes = " ".join(r[7] for r in table(daily, "重点难点提醒").rows if r[1] == "地址聚集")
    assert "公开路1号" in notes and "保密路9号" not in notes
    street = report(sf, ReportRequest("street", year=2022, street=A))
    text = repr(street)
    assert "保密路9号" not in text and "王某" not in text
    assert table(street, "未解决不满意").rows[0][:3] == (CATEGORY, 3, 2)  # c2, c3 and the secret one still count


def test_the_builder_itself_checks_who_may_make_the_report(sf, history):
    """Not only the page: a unit handler asking the service for another unit's reminder or the monthly report
    is refused (reports/allowed.py), its own unit's reminder is built."""
    from app.services.errors import PermissionDenied
    from tests.conftest import make_actor

    d: Directory = history.directory
    handler = make_actor("handler", unit_id=d.unit_by_name(B).id)
    for request_ in (ReportRequest("daily", day=date(2022, 8, 15), unit=A), ReportRequest("monthly", month=date(2022, 8, 1))):
        with pytest.raises(PermissionDenied):
            report(sf, request_, actor=handler)
    assert report(sf, ReportRequest("daily", day=date(2022, 8, 15), unit=B), actor=handler).subtitle == f"({B})"
