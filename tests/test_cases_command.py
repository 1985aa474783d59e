"""`python main.py cases …` (issue 18, 1): the cases tab's filter and word search as CSV or a table, newest
first, no names or phones, on SQLite and PostgreSQL; every bad option one line on stderr, exit 2."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from app import db
from app.cli import main
from app.commands import cases as cases_command
from app.services import case_queries as Q
from app.services import clock
from app.services import lifecycle as L
from app.services.case_queries import CaseFilter
from tests.conftest import make_actor
from tests.factories import directory, form

ADMIN = make_actor("admin")
HEADER = "case_no,received_at,status,street,community,category,unit,description"


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own refusals (not an int, not a choice)
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def rows_of(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


@pytest.fixture
def cases(db_url):
    """Six cases over five days: texts with `%`, `_`, a formula and a confidential whistle-blower."""
    engine = db.make_engine(db_url)
    sf = db.make_session_factory(engine)
    now = clock.now()
    texts = [("马家堡街道", "双晨社区", "供暖", "暖气不热,100%不达标", False),
             ("太平桥街道", "天伦北里社区", "无障碍设施", "坡道a_b损坏", False),
             ("太平桥街道", "天伦北里社区", "路灯", "=HYPERLINK(\"http://x\")路灯不亮", False),
             ("太平桥街道", "天伦北里社区", "无障碍设施", "楼道堆放杂物abc", False),
             ("马家堡街道", "双晨社区", "供暖", "举报某单位违规供暖,我是隔壁楼的住户", True),
             ("太平桥街道", "天伦北里社区", "路灯", "路灯不亮ab", False)]
    refs = [L.create_case(sf, ADMIN, form(sf, street=st, community=co, category=cat, description=text,
                                          phone=f"1391234{i:04d}", caller_name="李先生", confidential=conf,
                                          received_at=now - timedelta(days=5 - i, hours=1)), dispatch=i % 2 == 0)
            for i, (st, co, cat, text, conf) in enumerate(texts)]
    yield db_url, sf, refs
    engine.dispose()


def test_cases_as_csv_newest_first_without_names_or_phones(cases, capsys):
    url, sf, refs = cases
    code, out, err = run(capsys, "cases", "--db", url)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == HEADER
    rows = rows_of(out)
    assert [r["case_no"] for r in rows] == [r.case_no for r in reversed(refs)]
    assert "李先生" not in out and "1391234" not in out
    by_no = {r["case_no"]: r for r in rows}
    first = by_no[refs[0].case_no]
    assert (first["status"], first["street"], first["community"], first["category"]) == (
        "dispatched", "马家堡街道", "双晨社区", "供暖")
    assert first["received_at"].endswith("+08:00") and first["unit"]
    assert first["description"] == "暖气不热,100%不达标"
    assert by_no[refs[1].case_no]["status"] == "new" and by_no[refs[1].case_no]["unit"] == ""
    # a spreadsheet must not take a citizen's words for a formula
    assert by_no[refs[2].case_no]["description"] == "'=HYPERLINK(\"http://x\")路灯不亮"
    # the whistle-blower's words are not printed (they may say who called); the case itself is listed
    assert by_no[refs[4].case_no]["description"] == ""
    assert "隔壁" not in out


def test_phone_numbers_typed_into_a_description_are_starred_out(cases, capsys):
    """Callers often say their number again in the description: the command promises no phones, so the
    numbers in a printed description are starred out (as in the street report's remarks), in CSV and table."""
    url, sf, _refs = cases
    ref = L.create_case(sf, ADMIN, form(sf, description="漏水严重请回电13812345678或010-63821234,谢谢"))
    code, out, _ = run(capsys, "cases", "--db", url)
    row = {r["case_no"]: r for r in rows_of(out)}[ref.case_no]
    assert code == 0 and row["description"] == "漏水严重请回电***********或************,谢谢"
    code, out, _ = run(capsys, "cases", "--db", url, "--format", "table", "--text", "漏水严重")
    assert code == 0 and "漏水严重请回电*****" in out
    assert "12345678" not in out and "63821234" not in out


def test_filters_are_the_cases_tab_filters(cases, capsys):
    url, sf, refs = cases
    d = directory(sf)
    today = clock.today()
    unit = Q.case_detail(sf, refs[2].id).unit_name
    checks = [
        (["--status", "new"], CaseFilter(statuses=("new",))),
        (["--status", "new,dispatched"], CaseFilter(statuses=("new", "dispatched"))),
        (["--street", "马家堡街道"], CaseFilter(street_id=d.unit_by_name("马家堡街道").id)),
        (["--unit", unit], CaseFilter(unit_id=d.unit_by_name(unit).id)),
        (["--category", "公共服务"], CaseFilter(category_id=d.category_by_name("公共服务").id)),
        (["--from", str(today - timedelta(days=3)), "--to", str(today - timedelta(days=2))],
         CaseFilter(received_from=today - timedelta(days=3), received_to=today - timedelta(days=2))),
        (["--text", "路灯", "--street", "太平桥街道"], CaseFilter(search="路灯", street_id=d.unit_by_name("太平桥街道").id)),
        (["--text", "AB"], CaseFilter(search="AB")),
    ]
    for argv, flt in checks:
        code, out, err = run(capsys, "cases", "--db", url, *argv)
        assert (code, err) == (0, ""), argv
        expected = [r.case_no for r in Q.fetch_page(sf, flt).rows]
        assert [r["case_no"] for r in rows_of(out)] == expected, argv
        assert expected or argv[0] == "--from", argv  # each check finds something


@pytest.mark.parametrize("word, found", [("%", [0]), ("_", [1]), ("a_b", [1]), ("0%", [0]), ("ab", [3, 5]), ("a%b", [])])
def test_words_with_percent_and_underscore_are_themselves(cases, capsys, word, found):
    url, _sf, refs = cases
    code, out, _ = run(capsys, "cases", "--db", url, "--text", word)
    assert code == 0
    assert [r["case_no"] for r in rows_of(out)] == [refs[i].case_no for i in reversed(found)]


def test_limit_and_table(cases, capsys, monkeypatch):
    url, _sf, refs = cases
    monkeypatch.setattr(cases_command, "BATCH", 2)  # read in keyset pages of two
    code, out, _ = run(capsys, "cases", "--db", url, "--limit", "5")
    assert code == 0 and [r["case_no"] for r in rows_of(out)] == [r.case_no for r in reversed(refs)][:5]
    code, out, _ = run(capsys, "cases", "--db", url, "--format", "table", "--status", "new")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["工单号", "受理时间", "状态"]
    assert len(lines) == 4 and all("待派单" in line for line in lines[1:])
    code, out, _ = run(capsys, "cases", "--db", url, "--format", "table", "--text", "举报")
    assert code == 0 and "(保密)" in out and "隔壁" not in out
    code, out, _ = run(capsys, "cases", "--db", url, "--format", "table", "--text", "龙卷风")
    assert code == 0 and out.splitlines()[-1] == "(没有符合条件的工单)"


@pytest.mark.parametrize("argv, message", [
    (["--street", "不存在街道"], "--street: unknown street or town"),
    (["--street", "双晨社区"], "--street: unknown street or town"),  # a community is not a street
    (["--unit", "月球办事处"], "--unit: unknown unit"),
    (["--category", "外星人"], "--category: unknown category"),
    (["--status", "done"], "--status: unknown state 'done'"),
    (["--status", ""], "--status: unknown state"),
    (["--from", "2024-13-01"], "--from: not a day"),
    (["--to", "yesterday"], "--to: not a day"),
    (["--from", "2024-05-02", "--to", "2024-05-01"], "--from 2024-05-02 is after --to 2024-05-01"),
    (["--limit", "0"], "--limit: must be at least 1"),
    (["--limit", "-3"], "--limit: must be at least 1"),
    (["--limit", "many"], "argument --limit: invalid int value"),
    (["--format", "xml"], "argument --format: invalid choice"),
])
def test_bad_input_is_one_line_and_exit_2(sqlite_url, capsys, argv, message):
    code, out, err = run(capsys, "cases", "--db", sqlite_url, *argv)
    assert code == 2
    assert out == "" and len(err.splitlines()) == 1 and message in err, err


def test_the_cases_command_is_a_reading_command():
    from app.cli import READING_COMMANDS, build_parser

    assert "cases" in READING_COMMANDS
    args = build_parser().parse_args(["cases", "--read-db", "postgresql+psycopg://r@h/db", "--text", "漏水"])
    assert args.read_db == "postgresql+psycopg://r@h/db" and args.text == "漏水"
