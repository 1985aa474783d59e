"""Exports from the dashboard: what lands in the files the supervisor chose, read back."""
from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QAction, QImage

from app.services import metrics
from app.services.metrics import Group
from app.services.periods import Period
from app.services.table_files import Table, write_table
from app.ui.dashboard.tab import DashboardTab
from tests.dashboard_helpers import history_context, wait_drawn
from tests.metrics_fixture import A

AUGUST = Period.for_month(2022, 8)


@pytest.fixture
def tab(qtbot, sqlite_url, monkeypatch):
    history, ctx = history_context(sqlite_url, monkeypatch)
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1500, 1000)
    wait_drawn(qtbot, tab)
    yield tab
    ctx.engine.dispose()


def export(qtbot, tab, monkeypatch, action_name: str, path) -> None:
    """Chooses `path` in the save dialog, triggers the export and waits for the file."""
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(path), ""))
    with qtbot.waitSignal(tab.exporter.saved, timeout=15000):
        tab.findChild(QAction, action_name).trigger()


def test_ranking_exported_as_csv_holds_the_ranking(qtbot, tab, monkeypatch, tmp_path):
    path = tmp_path / "排名.csv"
    export(qtbot, tab, monkeypatch, "rankingExportCsv", path)
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["排名", "单位", "受理量", "有效回访", "响应率", "解决率", "满意率", "综合成绩", "较上期"]
    with tab.ctx.read_sf() as s:
        expected = metrics.ranking(s, AUGUST, Group.streets()).rows
    assert [(int(r[0]), r[1], float(r[7])) for r in rows[1:]] == [(f.rank, f.name, round(f.score, 4)) for f in expected]
    last = rows[-1]
    assert last[1] == A and last[2:7] == ["3", "3", "0.6667", "0.3333", "0.6667"]
    assert "已导出" in tab.status.text()


def test_watch_list_exported_as_xlsx_reads_back(qtbot, tab, monkeypatch, tmp_path):
    path = tmp_path / "关注名单.xlsx"
    export(qtbot, tab, monkeypatch, "watchExportXlsx", path)
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("位次", "街道乡镇", "受理量", "常住人口", "每万人诉求量", "治理类")
    with tab.ctx.read_sf() as s:
        expected = metrics.watch_list(s, AUGUST)
    assert [(r[1], r[2], r[5]) for r in rows[1:]] == [(w.name, w.cases, "是" if w.governance else "否")
                                                      for w in expected.rows]


def test_ranking_xlsx_keeps_rates_as_numbers_formatted_as_percent(qtbot, tab, monkeypatch, tmp_path):
    path = tmp_path / "ranking"  # no suffix: the chosen format's is added
    export(qtbot, tab, monkeypatch, "rankingExportXlsx", path)
    sheet = load_workbook(tmp_path / "ranking.xlsx").active
    assert sheet["E5"].value == pytest.approx(0.6667) and sheet["E5"].number_format == "0.00%"


def test_trend_and_topics_exported_as_tables(qtbot, tab, monkeypatch, tmp_path):
    export(qtbot, tab, monkeypatch, "trendExportCsv", tmp_path / "trend.csv")
    with (tmp_path / "trend.csv").open(encoding="utf-8-sig") as f:
        trend = list(csv.reader(f))
    assert len(trend) == 25 and trend[-1][:2] == ["2022-08", "11"]
    export(qtbot, tab, monkeypatch, "topicsExportXlsx", tmp_path / "topics.xlsx")
    rows = list(load_workbook(tmp_path / "topics.xlsx").active.iter_rows(values_only=True))
    assert rows[1][:4] == ("老楼加装电梯", "市级", 1, 0)


@pytest.mark.parametrize("action", ["rankingExportPng", "trendExportPng", "topicsExportPng"])
def test_each_chart_exported_as_png(qtbot, tab, monkeypatch, tmp_path, action):
    path = tmp_path / f"{action}.png"
    export(qtbot, tab, monkeypatch, action, path)
    image = QImage(str(path))
    assert not image.isNull()
    assert image.width() == 1400 and 200 < image.height() < 3000
    # not a blank page: the bars and text put many colours on it
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20


def test_an_interrupted_table_write_leaves_no_file(tmp_path, monkeypatch):
    table = Table("t", ("a",), ((1,),))
    import app.services.table_files as tf

    def broken(path, t):
        path.write_text("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tf, "_write_csv", broken)
    with pytest.raises(OSError):
        write_table(tmp_path / "out.csv", table)
    assert list(tmp_path.iterdir()) == []


def test_a_table_with_an_unknown_suffix_is_refused(tmp_path):
    with pytest.raises(ValueError):
        write_table(tmp_path / "out.txt", Table("t", ("a",), ((1,),)))
    assert list(tmp_path.iterdir()) == []


def test_scores_are_points_in_xlsx_and_rank_fractions_in_csv(qtbot, tab, monkeypatch, tmp_path, capsys):
    """One rule: the XLSX shows 51.67 and -48.33 (points, not "51.67 %"), the CSV writes what `rank` prints."""
    import io

    from app import cli

    export(qtbot, tab, monkeypatch, "rankingExportXlsx", tmp_path / "ranking.xlsx")
    sheet = load_workbook(tmp_path / "ranking.xlsx").active
    assert [c.value for c in sheet[1]][7:] == ["综合成绩", "较上期"]
    a = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == A)
    # A: 31/60 = 0.51666… in August, 1.0 in July
    assert (a[7].value, a[7].number_format) == (51.67, "0.00")
    assert (a[8].value, a[8].number_format) == (-48.33, "+0.00;-0.00;0.00")
    assert a[4].number_format == "0.00%" and a[4].value == pytest.approx(0.6667)
    export(qtbot, tab, monkeypatch, "rankingExportCsv", tmp_path / "ranking.csv")
    with (tmp_path / "ranking.csv").open(encoding="utf-8-sig") as f:
        exported = list(csv.reader(f))[1:]
    capsys.readouterr()
    assert cli.main(["rank", "--period", "2022-08", "--db", tab.ctx.url_text]) == 0
    printed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r[4:9] for r in exported] == [[p["response_rate"], p["resolution_rate"], p["satisfaction_rate"],
                                           p["score"], p["change"]] for p in printed]
    assert exported[-1][7:] == ["0.5167", "-0.4833"] and exported[0][7] == "1.0000"
    export(qtbot, tab, monkeypatch, "improvedExportXlsx", tmp_path / "improved.xlsx")
    rows = list(load_workbook(tmp_path / "improved.xlsx").active.iter_rows(min_row=2, values_only=True))
    assert rows[0][2:] == (100.0, 0.0, 100.0)  # 大红门: 0 in July, 100 in August


def test_a_supervisors_session_every_period_type_and_every_export(qtbot, tab, monkeypatch, tmp_path):
    """Month, quarter, year and a range of days, each drawn and each of the thirteen exports written; a period
    that is not over (the quarter and the year: the data ends in August) says so in every file's name."""
    from datetime import date

    from PySide6.QtCore import QDate

    names = []
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda parent, caption, proposed, filters: (names.append(proposed) or
                                                                    str(tmp_path / proposed.split("/")[-1]), ""))
    actions = [a for a in tab.findChildren(QAction) if a.objectName().endswith(("Png", "Csv", "Xlsx"))]
    assert len(actions) == 13  # ranking, trend, topics: PNG, CSV, XLSX; watch list, most improved: CSV, XLSX
    selector = tab.period_selector
    shown = []
    for kind in (0, 1, 2, 3):
        if kind:
            wait_drawn(qtbot, tab, lambda k=kind: selector.kind.setCurrentIndex(k))
        if kind == 3:  # a range of days: the user sets its first day; it may not reach past the data
            wait_drawn(qtbot, tab, lambda: selector.range_from.setDate(QDate(2022, 7, 20)))
        period = tab.figures.period
        shown.append(period)
        partial = tab.figures.comparison.partial
        assert partial == (period.start <= date(2022, 8, 31) < period.end), period
        for action in actions:
            names.clear()
            with qtbot.waitSignal(tab.exporter.saved, timeout=15000):
                action.trigger()
            path = tmp_path / names[0].split("/")[-1]
            assert path.exists() and path.stat().st_size > 0, names[0]
            assert ("截至2022-08-31" in names[0]) == partial, (period, names[0])
    assert shown == [AUGUST, Period.for_quarter(2022, 3), Period.for_year(2022),
                     Period.for_range(date(2022, 7, 20), date(2022, 8, 31))]


FORMULAS = ('=HYPERLINK("http://evil.example","点击")', "+1+2", "-3+4", "@SUM(A1)", "'=1", "\t=1")


def test_texts_that_look_like_formulas_stay_texts(tmp_path):
    """A unit name or a citizen's words beginning with = + - @ never become a live formula."""
    table = Table("t", ("text", "number"), tuple((text, -1.5) for text in FORMULAS))
    write_table(tmp_path / "t.xlsx", table)
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert [(c.value, c.data_type) for c in sheet["A"][1:]] == [(text, "s") for text in FORMULAS]
    assert [(c.value, c.data_type) for c in sheet["B"][1:]] == [(-1.5, "n")] * len(FORMULAS)
    write_table(tmp_path / "t.csv", table)
    with (tmp_path / "t.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))[1:]
    assert [r[0] for r in rows] == ["'" + text for text in FORMULAS] and {r[1] for r in rows} == {"-1.5"}


def test_a_unit_named_like_a_formula_is_exported_as_text(qtbot, sqlite_url, monkeypatch, tmp_path):
    from app.services import admin
    from app.ui.application import open_context
    from tests.conftest import make_actor

    _history, ctx = history_context(sqlite_url, monkeypatch)
    unit = next(u for u in admin.list_units(ctx.sf) if u.name == A)
    admin.update_unit(ctx.sf, make_actor("admin"), unit.id, FORMULAS[0], unit.population, True)
    ctx.engine.dispose()
    ctx = open_context(sqlite_url)  # (the directory is read when the console starts)
    tab = DashboardTab(ctx)
    qtbot.addWidget(tab)
    wait_drawn(qtbot, tab)
    export(qtbot, tab, monkeypatch, "rankingExportXlsx", tmp_path / "ranking.xlsx")
    cells = [row[1] for row in load_workbook(tmp_path / "ranking.xlsx").active.iter_rows(min_row=2)]
    assert (FORMULAS[0], "s") in [(c.value, c.data_type) for c in cells]
    assert all(c.data_type != "f" for row in load_workbook(tmp_path / "ranking.xlsx").active.iter_rows() for c in row)
    export(qtbot, tab, monkeypatch, "rankingExportCsv", tmp_path / "ranking.csv")
    with (tmp_path / "ranking.csv").open(encoding="utf-8-sig", newline="") as f:
        assert "'" + FORMULAS[0] in [row[1] for row in csv.reader(f)]
    ctx.engine.dispose()
