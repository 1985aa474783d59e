"""Every way an exchange file can be wrong: the exact line, column and reason, and nothing written."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models import Case, CaseEvent
from app.services.errors import ExchangeFileError, ImportRejected
from app.services.exchange import COLUMNS, import_cases
from tests.exchange_files import GOOD_ROW, numbered, write_csv

NO_CALLBACK = {"callback_at": "", "reached": "", "contacted": "", "resolved": "", "satisfaction": ""}
OPEN = {"status": "dispatched", "replied_at": "", **NO_CALLBACK}

# (what is wrong in the row, the expected (column, code) problems)
BAD_ROWS = {
    "unknown street": ({"street": "不存在街道", "community": ""}, [("street", "unknown")]),
    "street that is a bureau": ({"street": "丰台区城市管理委员会", "community": ""}, [("street", "not_a_street")]),
    "street that is not a street": ({"street": "丰台区", "community": ""}, [("street", "not_a_street")]),
    "unknown community": ({"community": "不存在社区"}, [("community", "unknown")]),
    "community of another street": ({"street": "马家堡街道"}, [("community", "not_in_street")]),
    "community that is a street": ({"community": "马家堡街道"}, [("community", "not_a_community")]),
    "community without street": ({"street": ""}, [("street", "required_when")]),
    "unknown unit": ({"unit": "某某局"}, [("unit", "unknown")]),
    "unknown category": ({"category": "外星人"}, [("category", "unknown")]),
    "received time not a time": ({"received_at": "2022-08-01 9:30"}, [("received_at", "bad_time")]),
    "received time month 13": ({"received_at": "2022-13-01T09:30:00+08:00"}, [("received_at", "bad_time")]),
    "received time without offset": ({"received_at": "2022-08-01T09:30:00"}, [("received_at", "no_offset")]),
    "reply time not a time": ({"replied_at": "yesterday"}, [("replied_at", "bad_time")]),
    "callback time without offset": ({"callback_at": "2022-08-03T11:00:00"}, [("callback_at", "no_offset")]),
    "channel not allowed": ({"channel": "fax"}, [("channel", "not_allowed")]),
    "request type in Chinese": ({"request_type": "投诉"}, [("request_type", "not_allowed")]),
    "urgency not allowed": ({"urgency": "high"}, [("urgency", "not_allowed")]),
    "status not allowed": ({"status": "open"}, [("status", "not_allowed")]),
    "satisfaction not allowed": ({"satisfaction": "满意"}, [("satisfaction", "not_allowed")]),
    "resolved not allowed": ({"resolved": "maybe"}, [("resolved", "not_allowed")]),
    "reached not yes/no": ({"reached": "true"}, [("reached", "not_allowed")]),
    "contacted not yes/no": ({"contacted": "1"}, [("contacted", "not_allowed")]),
    "missing case number": ({"case_no": " "}, [("case_no", "required")]),
    "missing received time": ({"received_at": ""}, [("received_at", "required")]),
    "missing channel": ({"channel": ""}, [("channel", "required")]),
    "missing request type": ({"request_type": ""}, [("request_type", "required")]),
    "missing description": ({"description": "  "}, [("description", "required")]),
    "missing urgency": ({"urgency": ""}, [("urgency", "required")]),
    "missing status": ({"status": ""}, [("status", "required")]),
    "case number too long": ({"case_no": "9" * 33}, [("case_no", "too_long")]),
    "caller name too long": ({"caller_name": "王" * 65}, [("caller_name", "too_long")]),
    "address too long": ({"address": "路" * 201}, [("address", "too_long")]),
    "description too long": ({"description": "吵" * 2001}, [("description", "too_long")]),
    "bad phone": ({"caller_phone": "12345"}, [("caller_phone", "bad_phone")]),
    "satisfaction without callback": ({**NO_CALLBACK, "satisfaction": "satisfied", "status": "replied"},
                                      [("satisfaction", "empty_when")]),
    "reached without callback time": ({**NO_CALLBACK, "reached": "no", "status": "replied"},
                                      [("reached", "empty_when")]),
    "callback time without reached": ({**NO_CALLBACK, "callback_at": "2022-08-03T11:00:00+08:00"},
                                      [("reached", "required_when")]),
    "reached without answers": ({"satisfaction": ""}, [("satisfaction", "required_when")]),
    "not reached with answers": ({"reached": "no"}, [("contacted", "empty_when"), ("resolved", "empty_when"),
                                                      ("satisfaction", "empty_when")]),
    "open case with a reply time": ({**OPEN, "replied_at": "2022-08-02T10:00:00+08:00"},
                                    [("replied_at", "empty_when")]),
    "replied case without reply time": ({"status": "replied", "replied_at": "", **NO_CALLBACK},
                                        [("replied_at", "required_when")]),
    "new case with a callback": ({"status": "new", "replied_at": "", "unit": ""}, [("callback_at", "empty_when")]),
    "closed after a callback without reply": ({"replied_at": ""}, [("replied_at", "required_when")]),
    "dispatched without unit": ({**OPEN, "unit": ""}, [("unit", "required_when")]),
    "reply before received": ({"replied_at": "2022-07-31T10:00:00+08:00", **NO_CALLBACK},
                              [("replied_at", "before_received")]),
    "callback before received": ({**OPEN, "callback_at": "2022-07-31T10:00:00+08:00", "reached": "no"},
                                 [("callback_at", "before_received")]),
    "still replied after a reached callback": ({"status": "replied"}, [("callback_at", "reached_after_reply")]),
}


def _count(sf, model) -> int:
    with sf() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("changes, expected", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_a_bad_row_is_reported_with_its_line_and_column_and_nothing_is_written(sf, tmp_path, changes, expected):
    # the first row's description spans two lines, so the bad row starts on line 4
    path = write_csv(tmp_path / "f.csv", [numbered(1, description="第一行\n第二行"), numbered(2, **changes), numbered(3)])
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, path)
    assert [(p.line, p.column, p.code) for p in caught.value.problems] == [(4, c, code) for c, code in expected]
    assert caught.value.total == len(expected)
    assert _count(sf, Case) == 0 and _count(sf, CaseEvent) == 0


def test_a_case_number_twice_in_the_file_names_the_first_line(sf, tmp_path):
    path = write_csv(tmp_path / "f.csv", [numbered(1), numbered(2), numbered(1), numbered(3), numbered(1)])
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, path)
    assert [(p.line, p.column, p.code, p.detail) for p in caught.value.problems] == [
        (4, "case_no", "duplicate_in_file", "2"), (6, "case_no", "duplicate_in_file", "2")]
    assert str(caught.value.problems[0]) == "line 4, column case_no: case number already used on line 2"
    assert _count(sf, Case) == 0


def test_a_row_with_too_few_fields(sf, tmp_path):
    path = write_csv(tmp_path / "f.csv", [numbered(1)])
    with open(path, "a", encoding="utf-8") as f:
        f.write("2022080100002,2022-08-01T09:30:00+08:00,phone\n")
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, path)
    assert [(p.line, p.column, p.code, p.detail) for p in caught.value.problems] == [(3, "", "field_count", "3")]


def test_every_bad_row_is_reported_but_only_the_first_thousand_are_kept(sf, tmp_path):
    rows = [numbered(i, channel="fax", urgency="high") for i in range(1, 801)]
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, write_csv(tmp_path / "f.csv", rows))
    assert caught.value.total == 1600 and len(caught.value.problems) == 1000
    assert caught.value.problems[0].line == 2 and "and 1595 more" in str(caught.value)


def test_a_file_from_another_city_is_rejected_by_its_header(sf):
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, "/work/shared/datasets/boston311-100.csv")
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.code) == (1, "case_enquiry_id", "bad_header")
    assert "missing case_no, received_at" in problem.detail and "expected: case_no,received_at" in problem.detail
    assert _count(sf, Case) == 0


def test_columns_in_another_order_are_rejected(sf, tmp_path):
    header = list(COLUMNS)
    header[1], header[2] = header[2], header[1]
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, write_csv(tmp_path / "f.csv", [GOOD_ROW], header=header))
    [problem] = caught.value.problems
    assert (problem.line, problem.column, problem.code) == (1, "channel", "bad_header")
    assert "another order" in problem.detail


def test_a_gbk_file_must_be_utf8(sf, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes((",".join(COLUMNS) + "\r\n" + ",".join(GOOD_ROW.values()) + "\r\n").encode("gbk"))
    with pytest.raises(ExchangeFileError) as caught:
        import_cases(sf, path)
    assert caught.value.code == "not_utf8" and "save it as UTF-8" in str(caught.value)
    assert _count(sf, Case) == 0


def test_a_missing_file(sf, tmp_path):
    with pytest.raises(ExchangeFileError) as caught:
        import_cases(sf, tmp_path / "nowhere.csv")
    assert caught.value.code == "missing"


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n"], ids=["nothing", "only a BOM", "blank lines"])
def test_an_empty_file(sf, tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(ExchangeFileError) as caught:
        import_cases(sf, path)
    assert caught.value.code == "empty"


def test_a_file_with_only_the_header_imports_nothing(sf, tmp_path):
    assert import_cases(sf, write_csv(tmp_path / "f.csv", [])).cases == 0


def test_a_byte_order_mark_and_other_offsets_are_accepted(sf, tmp_path):
    path = write_csv(tmp_path / "f.csv", [numbered(1, received_at="2022-08-01T01:30:00Z")])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert import_cases(sf, path).cases == 1
    with sf() as s:
        assert s.scalar(select(Case.received_at)).hour == 9


def test_a_field_too_large_for_csv_is_its_line_s_problem_and_the_check_goes_on(sf, tmp_path):
    rows = [numbered(1, channel="fax"), numbered(2, description="长" * 200_000), numbered(3),
            numbered(4, description="多行\n" + "长" * 200_000), numbered(5, urgency="soon")]
    path = write_csv(tmp_path / "f.csv", rows)
    with pytest.raises(ImportRejected) as caught:
        import_cases(sf, path)
    assert [(p.line, p.column, p.code) for p in caught.value.problems] == [
        (2, "channel", "not_allowed"), (3, "", "bad_csv"), (5, "", "bad_csv"), (7, "urgency", "not_allowed")]
    assert str(caught.value.problems[1]) == "line 3: not readable as CSV: field larger than field limit (131072)"
    assert _count(sf, Case) == 0


def test_a_header_with_spaces_after_the_commas_is_accepted(sf, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(", ".join(COLUMNS) + "\n" + ",".join(GOOD_ROW.values()) + "\n", encoding="utf-8")
    assert import_cases(sf, path).cases == 1


def test_a_folder_is_not_a_file(sf, tmp_path):
    with pytest.raises(ExchangeFileError) as caught:
        import_cases(sf, tmp_path)
    assert (caught.value.code, caught.value.detail) == ("unreadable", "not a file")
