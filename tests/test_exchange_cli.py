"""`python main.py import|export`: progress line, summary, every bad input with a clear message and exit 2."""
from __future__ import annotations

import csv

import pytest
from sqlalchemy import func, select

from app import db
from app.cli import main
from app.messages import error_text
from app.models import Case
from app.services.errors import ExchangeFileError, ImportProblem, ImportRejected
from app.services.exchange import COLUMNS
from tests.exchange_files import GOOD_ROW, generated_rows, numbered, write_csv


def _cases(url) -> int:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(Case))
    finally:
        engine.dispose()


def test_operator_imports_a_file_and_exports_it_again(db_url, tmp_path, capsys):
    source = write_csv(tmp_path / "in.csv", generated_rows(6000))
    assert main(["import", str(source), "--db", db_url]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("imported 6,000 cases (") and "\rimporting: " in err and "6,000 cases written" in err
    assert _cases(db_url) == 6000
    target = tmp_path / "out.csv"
    assert main(["export", str(target), "--db", db_url]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"exported 6,000 cases to {target}" and "\rexporting: 6,000 of 6,000" in err
    assert target.read_bytes() == source.read_bytes()


def test_export_of_some_days(db_url, tmp_path, capsys):
    main(["import", str(write_csv(tmp_path / "in.csv", generated_rows(600))), "--db", db_url])
    target = tmp_path / "jan2.csv"
    assert main(["export", str(target), "--db", db_url, "--from", "2022-01-02", "--to", "2022-01-02"]) == 0
    with open(target, encoding="utf-8", newline="") as f:
        days = {row["received_at"][:10] for row in csv.DictReader(f)}
    assert days == {"2022-01-02"}


def test_a_rejected_import_lists_each_problem_and_writes_nothing(db_url, tmp_path, capsys):
    rows = [numbered(1), numbered(2, street="火星街道", community=""), numbered(3, satisfaction="满意")]
    assert main(["import", str(write_csv(tmp_path / "bad.csv", rows)), "--db", db_url]) == 2
    out, err = capsys.readouterr()
    lines = err.split("\n")
    assert "line 3, column street: unknown street: 火星街道" in lines
    assert any(line.startswith("line 4, column satisfaction: value not allowed: 满意") for line in lines)
    assert "import rejected: 2 problem(s); nothing was imported" in lines
    assert out == "" and _cases(db_url) == 0


def test_a_file_from_another_city(sqlite_url, capsys):
    assert main(["import", "/work/shared/datasets/boston311-100.csv", "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("line 1, column case_enquiry_id: the header is not the exchange format: missing case_no")
    assert _cases(sqlite_url) == 0


@pytest.mark.parametrize("name, content, message", [
    ("gbk.csv", (",".join(COLUMNS) + "\n" + ",".join(GOOD_ROW.values()) + "\n").encode("gbk"), "is not UTF-8"),
    ("empty.csv", b"", "is empty: an exchange file starts with the header line"),
], ids=["GBK", "empty"])
def test_an_unusable_file_is_refused_with_a_clear_message(sqlite_url, tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["import", str(path), "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err
    assert _cases(sqlite_url) == 0


def test_a_missing_file(sqlite_url, tmp_path, capsys):
    assert main(["import", str(tmp_path / "nowhere.csv"), "--db", sqlite_url]) == 2
    assert capsys.readouterr().err.strip() == f"error: file not found: {tmp_path / 'nowhere.csv'}"


@pytest.mark.parametrize("args, message", [
    (["--from", "2022-13-01"], "argument --from: not a date (YYYY-MM-DD): 2022-13-01"),
    (["--to", "20220801"], "argument --to: not a date (YYYY-MM-DD): 20220801"),
], ids=["bad month", "no dashes"])
def test_export_with_a_bad_date(sqlite_url, tmp_path, capsys, args, message):
    target = tmp_path / "out.csv"
    with pytest.raises(SystemExit) as ended:
        main(["export", str(target), "--db", sqlite_url, *args])
    assert ended.value.code == 2 and message in capsys.readouterr().err and not target.exists()


def test_export_with_from_after_to(sqlite_url, tmp_path, capsys):
    target = tmp_path / "out.csv"
    assert main(["export", str(target), "--db", sqlite_url, "--from", "2022-09-01", "--to", "2022-08-01"]) == 2
    assert capsys.readouterr().err.strip() == "error: --from 2022-09-01 is after --to 2022-08-01"
    assert not target.exists()


def test_export_into_a_missing_folder(sqlite_url, tmp_path, capsys):
    target = tmp_path / "no" / "such" / "out.csv"
    assert main(["export", str(target), "--db", sqlite_url]) == 2
    assert capsys.readouterr().err == f"error: {target.parent}: the folder does not exist\n"


def test_problems_read_in_chinese_for_the_console():
    rejected = ImportRejected([ImportProblem(4, "street", "unknown", "火星街道"),
                               ImportProblem(7, "case_no", "duplicate_in_file", "2")], total=2)
    assert error_text(rejected) == ("文件有 2 处问题,未导入任何数据:\n第 4 行,街道/乡镇(street) 列:不存在:火星街道\n"
                                    "第 7 行,工单编号(case_no) 列:工单编号与第 2 行重复")
    assert "请另存为 UTF-8" in error_text(ExchangeFileError("not_utf8", "a.csv", "byte 0xc4 near line 2"))


def test_problems_read_in_english_when_the_console_is_in_english(qapp):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from app.ui.i18n import I18N_DIR

    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "exchange_en.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        rejected = ImportRejected([ImportProblem(3, "", "field_count", "5")])
        assert error_text(rejected) == "The file has 1 problem; nothing was imported:\nline 3: expected 21 fields, found 5"
        assert error_text(ExchangeFileError("missing", "a.csv")) == "file not found: a.csv"
    finally:
        QCoreApplication.removeTranslator(translator)
