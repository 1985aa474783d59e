"""The report PDF (issue 15): an A4 通报 whose Chinese text is embedded, searchable and paginated, with the
table header repeated on every page a table runs onto and the charts drawn as vectors."""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.output_files import OutputRefused
from app.services.reports.document import RATE, SCORE, Column, Report, Section, Table
from app.ui.reports.pdf import cell_text, lay_out, page_images, write_pdf
from tests.report_samples import monthly_report, ranking_rows, street_report

ROOT = Path(__file__).resolve().parent.parent


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def page_mark(number: int, total: int) -> str:
    """ "第 X 页 共 Y 页" as a pattern: pdftotext may or may not see the narrow spaces around the figures."""
    return rf"第\s*{number}\s*页\s*共\s*{total}\s*页"


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_a_long_monthly_report_breaks_its_table_across_pages_with_the_header_repeated(qapp, tmp_path):
    target = tmp_path / "月报.pdf"
    write_pdf(monthly_report(rows=75), target)
    pages = pdf_pages(target)
    assert pages >= 4
    text = pdf_text(target)
    per_page = text.split("\f")[:pages]
    for number, page in enumerate(per_page, 1):
        assert re.search(page_mark(number, pages), page), number
    assert "丰台区接诉即办工作专班" in per_page[0] and "丰台区接诉即办工作月报" in per_page[0]
    assert "统计周期:2022年8月" in per_page[0] and "印发日期:2022年9月2日" in per_page[0]
    # the ranking runs over several pages, each continuation under the title "(续)" and the header row
    continued = [p for p in per_page if "表1 街道乡镇综合成绩排名(续)" in p]
    assert len(continued) >= 2
    for page in continued:
        assert re.search(r"名次\s+单位\s+层级\s+受理量", page)
    # every row is there once, with its figures as the report writes them
    assert re.search(r"\b1\s+马家堡街道\s+街道乡镇\s+4000\s+900\s+99\.00%\s+87\.65%\s+91\.23%\s+98\.24\s+\+6\.43", text)
    ranking = text[text.index("表1 街道乡镇综合成绩排名"):text.index("表2 约谈名单")]
    for row in ranking_rows(75):  # each row's score, once (a unit's name may wrap onto two lines)
        assert len(re.findall(rf"(?<![\d.+-]){re.escape(cell_text(row[8], SCORE))}(?![\d%])", ranking)) == 1, row
    assert ranking.index("马家堡街道") < ranking.index("长辛店街道") < ranking.index("宛平城地区")
    # the chart's words are text too (vector, searchable), and the findings, notes and signature follow
    assert "近13个月受理量与三率走势" in text
    assert "停车管理诉求占比 18.2%,为全区平均的 2.1 倍" in text
    assert "新村街道、花乡乡暂无人口数据" in per_page[-1] and "2022年9月2日" in per_page[-1]


def test_the_fonts_are_embedded_and_the_charts_are_vectors(qapp, tmp_path):
    target = tmp_path / "street.pdf"
    write_pdf(street_report(), target)
    fonts = subprocess.run(["pdffonts", str(target)], check=True, capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows
    for row in rows:  # columns: name type encoding emb sub uni
        assert re.search(r"\byes\s+(yes|no)\s+yes\b", row), row
    images = subprocess.run(["pdfimages", "-list", str(target)], check=True, capture_output=True, text=True).stdout
    assert len(images.splitlines()) == 2, images  # only the header: the charts are vectors, dots included
    text = pdf_text(target)
    assert "年度体检报告" in text and "马家堡街道" in text and re.search(page_mark(1, 2), text)
    assert "马家堡街道三率" in text  # a chart of rates only, from the same chart code


def test_rates_are_percentages_and_scores_points():
    assert cell_text(0.98765, RATE) == "98.77%"
    assert cell_text(0.9824, SCORE) == "98.24"
    assert cell_text(None, SCORE) == ""
    table = Table("t", "表", (Column("单位"), Column("满意率", RATE)), (("方庄街道", 0.5),))
    layout = lay_out(Report("monthly", "月报", "2022年8月", "专班", monthly_report().issued_on,
                            (Section("一", (table,)),)))
    assert layout.page_count == 1


def test_an_existing_file_is_replaced_only_when_asked_and_a_database_never(qapp, tmp_path):
    target = tmp_path / "old.pdf"
    target.write_bytes(b"old")
    with pytest.raises(OutputRefused) as refused:
        write_pdf(street_report(), target)
    assert refused.value.reason == "exists" and target.read_bytes() == b"old"
    write_pdf(street_report(), target, force=True)
    assert target.read_bytes().startswith(b"%PDF")
    database = tmp_path / "hotline.db"
    sqlite3.connect(database).execute("CREATE TABLE t (x)").connection.close()
    before = database.read_bytes()
    with pytest.raises(OutputRefused):
        write_pdf(street_report(), database, force=True, protected=(database,))
    assert database.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hotline.db", "old.pdf"]  # no temporary file left


def test_preview_pages_are_the_pdf_pages(qapp):
    layout = lay_out(monthly_report(rows=75))
    images = page_images(layout, dpi=50)
    assert len(images) == layout.page_count >= 4
    assert all(abs(i.height() / i.width() - 297 / 210) < 0.01 for i in images)
    assert len({i.pixel(i.width() // 2, i.height() // 3) for i in images}) >= 1


def test_written_from_a_command_without_a_display(tmp_path):
    """No QApplication, no display: write_pdf makes an offscreen one (the `report` command calls it lazily)."""
    target = tmp_path / "m.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"  # a desktop's setting, without its display: still written offscreen
    code = ("from tests.report_samples import monthly_report\n"
            "from app.ui.reports.pdf import write_pdf\n"
            f"write_pdf(monthly_report(rows=10), {str(target)!r})\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "近13个月受理量与三率走势" in pdf_text(target)  # the chart drawn, not replaced by a table


def test_report_command_writes_a_pdf_with_the_rankings_figures(sqlite_url, sqlite_sf, monkeypatch, tmp_path, capsys):
    """`python main.py report monthly --out x.pdf`, as a command without a display: the PDF's text holds
    every street of `rank` with its score in points."""
    import csv
    import io

    from app.cli import main
    from app.services import scores
    from tests.metrics_fixture import build_history

    build_history(sqlite_sf, monkeypatch)
    assert main(["rank", "--period", "2022-08", "--level", "street", "--format", "csv", "--db", sqlite_url]) == 0
    ranked = list(csv.reader(io.StringIO(capsys.readouterr().out)))[1:]
    assert ranked
    target = tmp_path / "月报.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "main.py", "report", "monthly", "--month", "2022-08", "--out", str(target),
                           "--db", sqlite_url], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    assert "月报" in done.stdout
    text = pdf_text(target)
    pages = pdf_pages(target)
    assert re.search(page_mark(1, pages), text) and re.search(page_mark(pages, pages), text)
    for rank, unit, _level, cases, _callbacks, *_rates, score, _change in ranked:
        assert re.search(rf"\b{rank}\s+{unit}\s+街道乡镇\s+{cases}\b", text), unit
        assert scores.points(float(score)) in text, unit
