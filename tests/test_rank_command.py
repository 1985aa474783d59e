"""`python main.py rank …`: the ranking as CSV (the outside contract) and as a table, and every refusal."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import db
from app.cli import main
from app.commands.rank import text_width
from tests.metrics_fixture import A, add_case, answers, build_history

ROOT = Path(__file__).resolve().parent.parent

AUGUST_CSV = """\
rank,unit,level,cases,callbacks,response_rate,resolution_rate,satisfaction_rate,score,change
1,太平桥街道,street,2,2,1.0000,1.0000,1.0000,1.0000,
2,大红门街道,street,1,1,1.0000,1.0000,1.0000,1.0000,1.0000
3,西罗园街道,street,1,1,1.0000,1.0000,1.0000,1.0000,
4,右安门街道,street,3,3,0.6667,0.3333,0.6667,0.5167,-0.4833
"""


@pytest.fixture
def history_url(sqlite_url, monkeypatch):
    engine = db.make_engine(sqlite_url)
    build_history(db.make_session_factory(engine), monkeypatch)
    engine.dispose()
    return sqlite_url


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_rank_prints_streets_as_csv(history_url, capsys):
    code, out, err = run(capsys, "rank", "--period", "2022-08", "--level", "street", "--db", history_url)
    # A: 2/3 contacted, 1/3 resolved (partly is not), (1 satisfied + 1 basic)/3; score 31/60; July 1.0 → -29/60.
    # 南苑街道 has a case but no counted callback: not printed.
    assert (code, err) == (0, "")
    assert out == AUGUST_CSV


def test_rank_reads_the_database_url_from_the_environment(history_url, capsys, monkeypatch):
    monkeypatch.setenv("HOTLINE_DB_URL", history_url)
    code, out, _ = run(capsys, "rank", "--period", "2022-08", "--level", "street")
    assert code == 0 and out == AUGUST_CSV


def test_rank_bureaus_and_communities_of_a_street(history_url, capsys):
    code, out, _ = run(capsys, "rank", "--period", "2022-08", "--level", "bureau", "--db", history_url)
    assert code == 0
    assert out.splitlines()[1:] == [
        "1,丰台区住房和城乡建设委员会,bureau,1,1,1.0000,1.0000,1.0000,1.0000,",
        "2,丰台区城市管理委员会,bureau,2,2,0.5000,0.5000,0.5000,0.5000,",
    ]
    code, out, _ = run(capsys, "rank", "--period", "2022-08", "--level", "community", "--street", "太平桥街道",
                       "--db", history_url)
    assert code == 0
    assert out.splitlines()[1:] == ["1,天伦北里社区,community,1,1,1.0000,1.0000,1.0000,1.0000,"]


def test_rank_of_a_quarter_compares_with_the_previous_quarter(history_url, capsys):
    code, out, _ = run(capsys, "rank", "--period", "2022-Q3", "--db", history_url)
    rows = {line.split(",")[1]: line for line in out.splitlines()[1:]}
    # A over Q3: counted j1, c1, c2, c3 → 3/4 contacted, 2/4 resolved, 3/4 satisfied; no Q2 score
    assert code == 0 and rows["右安门街道"] == "3,右安门街道,street,5,4,0.7500,0.5000,0.7500,0.6375,"
    # D over Q3: j2 all no, c8 all yes → 0.5
    assert rows["大红门街道"] == "4,大红门街道,street,2,2,0.5000,0.5000,0.5000,0.5000,"


def test_rank_table_aligns_chinese_names(history_url, capsys):
    code, out, _ = run(capsys, "rank", "--period", "2022-08", "--format", "table", "--db", history_url)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("2022-08 街道乡镇排名") and "2022-07" in lines[0]
    header, rows = lines[1], lines[2:6]
    assert header.split() == ["排名", "单位", "层级", "诉求量", "有效回访", "响应率", "解决率", "满意率", "综合成绩", "变化"]
    assert [r.split()[1] for r in rows] == ["太平桥街道", "大红门街道", "西罗园街道", "右安门街道"]
    assert rows[3].split()[5:] == ["66.67%", "33.33%", "66.67%", "51.67", "-48.33"]
    # the level column starts at the same screen column on every line, whatever the names' widths
    starts = {text_width(line[:line.index(word)]) for line, word in zip([header, *rows], ["层级"] + ["街道乡镇"] * 4,
                                                                         strict=True)}
    assert len(starts) == 1
    # every number column ends at the same screen column
    def ends(line):
        return [text_width(line[:m.end()]) for m in re.finditer(r"\S+", line)][3:9]
    assert len({tuple(ends(line)) for line in [header, *rows]}) == 1
    assert lines[-1] == "本期有诉求但无有效回访、未排名:南苑街道"


def test_rank_of_a_period_without_callbacks_prints_only_the_header(history_url, capsys):
    code, out, _ = run(capsys, "rank", "--period", "2021", "--db", history_url)
    assert (code, out) == (0, "rank,unit,level,cases,callbacks,response_rate,resolution_rate,satisfaction_rate,score,change\n")


@pytest.mark.parametrize("argv, message", [
    (["--period", "2022-13"], "月份必须在 01–12 之间"),
    (["--period", "2022-08-31..2022-08-01"], "结束日期早于开始日期"),
    (["--period", "last month"], "无法识别"),
    (["--period", "2022-08", "--level", "community"], "--level community needs --street"),
    (["--period", "2022-08", "--level", "community", "--street", "不存在街道"], "unknown street or town: '不存在街道'"),
    (["--period", "2022-08", "--level", "community", "--street", "天伦北里社区"], "unknown street or town"),
    (["--period", "2022-08", "--level", "bureau", "--street", "太平桥街道"], "--street is only used with --level community"),
])
def test_rank_refuses_bad_input_with_a_message(history_url, capsys, argv, message):
    code, out, err = run(capsys, "rank", *argv, "--db", history_url)
    assert (code, out) == (2, "")
    assert err.startswith("error: ") and message in err


def test_rank_refuses_an_unknown_level(capsys):
    with pytest.raises(SystemExit) as info:
        main(["rank", "--period", "2022-08", "--level", "city"])
    assert info.value.code == 2
    assert "invalid choice: 'city'" in capsys.readouterr().err


def test_rank_on_an_empty_database_says_to_set_it_up(tmp_path, capsys):
    code, out, err = run(capsys, "rank", "--period", "2022-08", "--db", f"sqlite:///{tmp_path / 'empty.db'}")
    assert (code, out) == (2, "")
    assert "db upgrade" in err


def test_rank_as_a_whole_command(history_url):
    done = subprocess.run([sys.executable, "main.py", "rank", "--period", "2022-08", "--db", history_url],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, AUGUST_CSV, "")
    bad = subprocess.run([sys.executable, "main.py", "rank", "--period", "2022-Q5", "--db", history_url],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert bad.returncode == 2 and bad.stdout == "" and "季度必须是 Q1–Q4" in bad.stderr


def test_rank_csv_is_utf8_whatever_the_locale(history_url):
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "LC_ALL": "C"}
    done = subprocess.run([sys.executable, "main.py", "rank", "--period", "2022-08", "--db", history_url],
                          cwd=ROOT, capture_output=True, env=env, timeout=120)
    assert done.returncode == 0 and done.stdout.decode("utf-8") == AUGUST_CSV


def test_rank_piped_into_a_reader_that_stops_early_ends_quietly(history_url):
    """`hotline rank … | head -1`: the reader closes the pipe; no traceback, exit 0."""
    proc = subprocess.Popen([sys.executable, "main.py", "rank", "--period", "2022-08", "--db", history_url],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the command writes anything
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0
    assert b"Traceback" not in err and b"BrokenPipeError" not in err


def test_rank_of_a_year_not_over_compares_with_the_same_months_before(history_url, capsys, monkeypatch):
    """The data ends in August 2022: 2022 is compared with January–August 2021, as the dashboard does."""
    from datetime import datetime

    from app.services import clock

    engine = db.make_engine(history_url)
    sf = db.make_session_factory(engine)
    add_case(sf, monkeypatch, A, datetime(2021, 3, 10, 9), answers("yes", "yes", "satisfied"))
    for day in (10, 11, 12):
        add_case(sf, monkeypatch, A, datetime(2021, 10, day, 9), answers("no", "no", "unsatisfied"))
    engine.dispose()
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 4, 9, 0))
    code, out, _ = run(capsys, "rank", "--period", "2022", "--db", history_url)
    rows = {line.split(",")[1]: line for line in out.splitlines()[1:]}
    # A in 2022: 0.6375 (as over Q3); January–August 2021: one callback, all yes → 1.0; change -0.3625
    # (against the whole of 2021, 1 of 4 → 0.25, it would read +0.3875)
    assert code == 0 and rows[A].endswith(",0.6375,-0.3625")
    code, out, _ = run(capsys, "rank", "--period", "2022", "--format", "table", "--db", history_url)
    assert "变化对比 2021-01-01..2021-08-31" in out.splitlines()[0]


def test_a_tie_is_broken_by_the_place_names_reading(sqlite_url, capsys, monkeypatch):
    """长辛店 reads chang, not zhang: at equal score and callbacks 长辛店街道 comes before 王佐镇."""
    from datetime import datetime

    engine = db.make_engine(sqlite_url)
    sf = db.make_session_factory(engine)
    for name in ("王佐镇", "长辛店街道"):
        add_case(sf, monkeypatch, name, datetime(2022, 8, 10, 9), answers("yes", "yes", "satisfied"))
    engine.dispose()
    code, out, _ = run(capsys, "rank", "--period", "2022-08", "--db", sqlite_url)
    assert code == 0 and out.splitlines()[1:] == [
        "1,长辛店街道,street,1,1,1.0000,1.0000,1.0000,1.0000,",
        "2,王佐镇,street,1,1,1.0000,1.0000,1.0000,1.0000,",
    ]
