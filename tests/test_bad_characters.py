"""Text that cannot be stored (NUL, control characters, lone surrogates) or shows nothing (zero-width spaces) is a
field problem, at intake, in notes and in an imported file, on both backends; phones take ASCII digits only
(full-width digits are made ASCII first)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.messages import error_text, import_problem_text
from app.models import Case, CaseEvent
from app.services import lifecycle as L
from app.services.errors import FieldProblem, ImportProblem, ImportRejected, ValidationFailed
from app.services.exchange import import_cases
from app.services.intake_form import form_problems
from app.services.validation import normalize_phone, phone_problem
from tests.exchange_files import numbered, write_csv
from tests.factories import case_in_state, directory, form

ARABIC_INDIC = "١٣٨١٢٣٤٥٦٧٨"  # 13812345678 in Arabic-Indic digits (\d matches them)
FULL_WIDTH = "１３８１２３４５６７８"  # as a Chinese input method in full-width mode types it


def cases(sf) -> int:
    with sf() as s:
        return s.scalar(select(func.count()).select_from(Case))


def problems(excinfo) -> list[tuple[str, str, str]]:
    return [(p.field, p.code, p.detail) for p in excinfo.value.problems]


@pytest.mark.parametrize("field, value, expected", [
    ("description", "夜间\x00施工", ("description", "bad_character", "U+0000 at character 3")),
    ("address", "5号楼\ud800", ("address", "bad_character", "U+D800 at character 4")),
    ("caller_name", "王\x1b[31m", ("caller_name", "bad_character", "U+001B at character 2")),
    ("description", "\u200b\u200b\ufeff", ("description", "required", "")),
    ("caller_name", "\u200b", ("caller_name", "invisible", "")),
    ("phone", "138\x0012345678", ("caller_phone", "bad_character", "U+0000 at character 4")),
    ("phone", ARABIC_INDIC, ("caller_phone", "bad_phone", ARABIC_INDIC)),
])
def test_intake_refuses_text_that_cannot_be_stored(sf, system, field, value, expected):
    intake = form(sf, **{field: value})
    assert expected in [(p.field, p.code, p.detail) for p in form_problems(intake, directory(sf))]
    with pytest.raises(ValidationFailed) as refused:
        L.create_case(sf, system, intake)
    assert expected in problems(refused)
    assert cases(sf) == 0


def test_full_width_digits_are_a_phone_number(sf, system):
    ref = L.create_case(sf, system, form(sf, phone=FULL_WIDTH))
    with sf() as s:
        assert s.get(Case, ref.id).caller_phone == "13812345678"
    assert normalize_phone("０１０－６３８１２３４５") == "010-63812345"
    assert normalize_phone("١٣٨١٢٣٤٥٦٧٨") is None and normalize_phone("𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖") is None
    assert phone_problem("\u200b") == FieldProblem("caller_phone", "required")


@pytest.mark.parametrize("action", ["link_repeat", "dispatch", "contact", "close", "merge"])
def test_notes_refuse_a_nul_and_write_nothing(sf, system, action):
    state = {"link_repeat": "dispatched", "dispatch": "new", "contact": "accepted", "close": "new",
             "merge": "new"}[action]
    ref = case_in_state(sf, system, state)
    with sf() as s:
        events = s.scalar(select(func.count()).select_from(CaseEvent))
    note = "已电话\x00联系"
    calls = {
        "link_repeat": lambda: L.link_repeat_call(sf, system, ref.id, note),
        "dispatch": lambda: L.dispatch(sf, system, ref.id, directory(sf).unit_by_name("太平桥街道").id, note),
        "contact": lambda: L.record_contact(sf, system, ref.id, note),
        "close": lambda: L.close(sf, system, ref.id, note),
        "merge": lambda: L.merge(sf, system, ref.id, case_in_state(sf, system, "new").id, note),
    }
    with pytest.raises(ValidationFailed) as refused:
        calls[action]()
    assert problems(refused) == [("note", "bad_character", "U+0000 at character 4")]
    assert "第 4 个字符(U+0000)" in error_text(refused.value)  # a field problem, not "check the network"
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(CaseEvent)) == events + (1 if action == "merge" else 0)


def test_an_import_names_each_bad_cell_and_writes_nothing(sf, tmp_path):
    rows = [numbered(1), numbered(2, description="夜间\x00施工"), numbered(3, caller_name="王\x07", address="\x00"),
            numbered(4, description="\u200b \u200d"), numbered(5, address="\ufeff"),
            numbered(6, caller_phone=ARABIC_INDIC), numbered(7, caller_phone=FULL_WIDTH),
            {**numbered(8), "case_no": "2022080100008\x00"}]
    with pytest.raises(ImportRejected) as rejected:
        import_cases(sf, write_csv(tmp_path / "bad.csv", rows))
    assert [(p.line, p.column, p.code, p.detail) for p in rejected.value.problems] == [
        (3, "description", "bad_character", "U+0000 at character 3"),
        (4, "caller_name", "bad_character", "U+0007 at character 2"),
        (4, "address", "bad_character", "U+0000 at character 1"),
        (5, "description", "required", ""),
        (6, "address", "invisible", ""),
        (7, "caller_phone", "bad_phone", ARABIC_INDIC),
        (9, "case_no", "bad_character", "U+0000 at character 14"),
    ]
    assert cases(sf) == 0
    assert import_problem_text(ImportProblem(3, "description", "bad_character", "U+0000 at character 3")) == \
        "第 3 行,诉求内容(description) 列:第 3 个字符(U+0000)是控制字符或残缺字符,无法保存"


def test_a_nul_in_a_case_number_when_the_database_has_cases(db_url, tmp_path, capsys):
    """The check against the database's case numbers must not send the NUL to the server (PostgreSQL refuses it)."""
    assert main(["import", str(write_csv(tmp_path / "first.csv", [numbered(1)])), "--db", db_url]) == 0
    capsys.readouterr()
    rows = [numbered(2), {**numbered(3), "case_no": "\x002022080100003"}, numbered(4, description="a\x00")]
    assert main(["import", str(write_csv(tmp_path / "second.csv", rows)), "--db", db_url]) == 2
    err = capsys.readouterr().err
    assert [line for line in err.split("\n") if line.startswith(("line ", "import "))] == [
        "line 3, column case_no: a character that cannot be stored (a control character or a broken one): "
        "U+0000 at character 1",
        "line 4, column description: a character that cannot be stored (a control character or a broken one): "
        "U+0000 at character 2",
        "import rejected: 2 problem(s); nothing was imported",
    ]


def test_full_width_phone_digits_are_imported_as_ascii(sf, tmp_path):
    import_cases(sf, write_csv(tmp_path / "ok.csv", [numbered(1, caller_phone=FULL_WIDTH)]))
    with sf() as s:
        assert s.scalar(select(Case.caller_phone)) == "13812345678"
