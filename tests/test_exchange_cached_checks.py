"""The import remembers its answer for a cell of a repeating column (channel, street, category, …): a
remembered answer must never let a bad cell through, nor change what a variant of a cell gets."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import Case
from app.services.directory import Directory
from app.services.errors import ImportRejected
from app.services.exchange import import_cases
from app.services.exchange import rows as exchange_rows
from app.services.exchange.rows import COLUMNS, RowChecker
from app.services.validation import CHANNELS
from tests.exchange_files import GOOD_ROW, numbered, write_csv

PHONEX = f"phonex (allowed: {'/'.join(CHANNELS)})"


def _problems(sf, tmp_path, rows) -> list[tuple[int, str, str, str]]:
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, write_csv(tmp_path / "f.csv", rows))
    with sf() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0
    return [(p.line, p.column, p.code, p.detail) for p in caught.value.problems]


def test_a_bad_cell_after_good_ones_that_start_alike_is_named_on_every_line(sf, tmp_path):
    rows = [
        numbered(1),
        numbered(2, street="太平桥街道X", community=""),  # the good street with one more character
        numbered(3, category="施工扰民扰民"),
        numbered(4, channel="phonex"),
        numbered(5),
        numbered(6, street="太平桥街道X", community=""),  # the same bad cell again: named again
        numbered(7, category="施工扰民扰民"),
        numbered(8, channel="phonex"),
    ]
    assert _problems(sf, tmp_path, rows) == [
        (3, "street", "unknown", "太平桥街道X"),
        (4, "category", "unknown", "施工扰民扰民"),
        (5, "channel", "not_allowed", PHONEX),
        (7, "street", "unknown", "太平桥街道X"),
        (8, "category", "unknown", "施工扰民扰民"),
        (9, "channel", "not_allowed", PHONEX),
    ]


def test_spaces_around_a_cell_are_accepted_and_another_case_is_not_whatever_came_first(sf, tmp_path):
    rows = [
        numbered(1, channel="phone", urgency="normal", street="太平桥街道"),
        numbered(2, channel=" phone ", urgency=" normal", street=" 太平桥街道 ", unit="太平桥街道 "),
        numbered(3, channel="Phone", urgency="NORMAL"),
        numbered(4, channel="phone", urgency="normal"),
        numbered(5, channel=" Phone", confidential="YES"),
    ]
    assert [(line, column, code) for line, column, code, _ in _problems(sf, tmp_path, rows)] == [
        (4, "channel", "not_allowed"), (4, "urgency", "not_allowed"),
        (6, "channel", "not_allowed"), (6, "confidential", "not_allowed"),
    ]
    accepted = [numbered(i, channel=c, street=s, unit=s.strip()) for i, (c, s) in
                enumerate([("phone", "太平桥街道"), (" phone ", " 太平桥街道 "), ("phone\t", "太平桥街道")], 1)]
    assert import_cases(sf, write_csv(tmp_path / "ok.csv", accepted)).cases == 3
    with sf() as s:
        assert set(s.scalars(select(Case.channel))) == {"phone"}
        assert len(set(s.scalars(select(Case.street_id)))) == 1


def test_a_community_is_checked_against_each_rows_street(sf, tmp_path):
    # the community's own answer is remembered; whether it lies in the row's street is asked on every row
    rows = [numbered(1), numbered(2, street="马家堡街道", unit="马家堡街道"), numbered(3, street=""),
            numbered(4)]
    assert [(line, column, code) for line, column, code, _ in _problems(sf, tmp_path, rows)] == [
        (3, "community", "not_in_street"), (4, "street", "required_when")]


def test_a_remembered_answer_carries_the_line_it_is_used_on(sf):
    with sf() as s:
        checker = RowChecker(Directory.load(s))
    cells = [GOOD_ROW[c] for c in COLUMNS]
    cells[COLUMNS.index("status")] = "opened"
    first = checker.check(10, list(cells))
    again = checker.check(20, list(cells))
    assert first[0] is None and again[0] is None
    assert [(p.line, p.column, p.code) for p in first[1]] == [(10, "status", "not_allowed")]
    assert [(p.line, p.column, p.code) for p in again[1]] == [(20, "status", "not_allowed")]
    assert first[1][0].detail == again[1][0].detail


def test_cells_beyond_the_remembered_number_are_still_checked(sf, tmp_path, monkeypatch):
    monkeypatch.setattr(exchange_rows, "CACHE_LIMIT", 2)
    rows = [numbered(1, caller_name="张先生"), numbered(2, caller_name="李女士"),
            numbered(3, caller_name="王" * 65), numbered(4, caller_name="王" * 65), numbered(5, caller_name="赵先生")]
    assert [(line, column, code) for line, column, code, _ in _problems(sf, tmp_path, rows)] == [
        (4, "caller_name", "too_long"), (5, "caller_name", "too_long")]
    with sf() as s:
        checker = RowChecker(Directory.load(s))
    for i, name in enumerate(["甲", "乙", "丙", "丁"]):
        cells = [GOOD_ROW[c] for c in COLUMNS]
        cells[COLUMNS.index("caller_name")] = name
        row, problems = checker.check(i + 2, cells)
        assert row is not None and row.caller_name == name and not problems
    assert len(checker._answers["caller_name"]) == 2
