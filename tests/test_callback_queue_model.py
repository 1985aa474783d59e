"""The callback queue's table model on its own: texts, marks, and refreshes that keep the rows the clerk sees."""
from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.services.callback_queue import QueueRow
from app.services.directory import CategoryInfo, Directory, UnitInfo
from app.ui.callback.queue_model import LATER, OVERDUE, CallbackQueueModel

T0 = datetime(2022, 8, 1, 9, 0)


def directory() -> Directory:
    units = {1: UnitInfo(1, "110106002", "太平桥街道", "street", 2, None, None, False, True)}
    cats = {7: CategoryInfo(7, "0101", "施工扰民", None, "street", "general", True)}
    return Directory(units, cats, {})


def row(case_id: int, overdue=False, later=False, attempts=0) -> QueueRow:
    replied = T0 + timedelta(minutes=case_id)
    return QueueRow(case_id, f"2022080100{case_id:03d}", replied, replied + timedelta(hours=72), 1, 1, 7, attempts,
                    replied + timedelta(hours=1) if attempts else None, overdue, later)


def test_queue_rows_show_case_reply_due_unit_category_and_attempts(qtbot):
    model = CallbackQueueModel(directory())
    QAbstractItemModelTester(model)
    model.set_rows([row(1, overdue=True), row(2, later=True, attempts=2)])
    texts = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(2)]
    assert texts[0] == ["2022080100001", "08-01 09:01", "08-04 09:01(超时)", "太平桥街道", "施工扰民", "太平桥街道", ""]
    assert texts[1][-1] == "2"
    assert model.data(model.index(0, model.DUE), Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole).color() == LATER
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole) == "2 次未接通,最近一次 10:02,稍后再拨"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "工单号"


def test_refresh_removes_done_cases_and_appends_new_ones_without_reset(qtbot):
    model = CallbackQueueModel(directory())
    QAbstractItemModelTester(model)
    model.set_rows([row(1), row(2), row(3)])
    resets, removed, inserted = [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.set_rows([row(1), row(3), row(4), row(5)])
    assert model.case_ids() == [1, 3, 4, 5]
    assert (resets, removed, inserted) == ([], [(1, 1)], [(2, 3)])
    model.set_rows([row(4), row(1)])  # a different order: reset
    assert model.case_ids() == [4, 1] and resets == [1]


def test_next_case_follows_the_queue_and_wraps(qtbot):
    model = CallbackQueueModel(directory())
    model.set_rows([row(1), row(2), row(3)])
    assert model.next_after(1) == 2
    assert model.next_after(3) == 1
    assert model.next_after(99) == 1  # not in the page: the first
    assert model.next_after(1, skip={2}) == 3
    model.remove_case(2)
    assert model.case_ids() == [1, 3] and model.row_of(3) == 1
    single = CallbackQueueModel(directory())
    single.set_rows([row(1)])
    assert single.next_after(1) is None


def test_unit_names_drop_the_district_under_its_new_name_after_a_rename(qtbot):
    def with_district(name: str) -> Directory:
        units = {1: UnitInfo(1, "110106", name, "district", 1, None, None, False, True),
                 2: UnitInfo(2, "110106-sw", name + "水务局", "bureau", 2, 1, None, False, True)}
        cats = {7: CategoryInfo(7, "0101", "施工扰民", None, "street", "general", True)}
        return Directory(units, cats, {})

    model = CallbackQueueModel(with_district("丰台区"))
    model.set_rows([QueueRow(1, "2022080100001", T0, None, 2, None, 7, 0, None, False, False)])
    assert model.data(model.index(0, model.UNIT)) == "水务局"
    model.directory = with_district("北京市丰台区")  # an administrator renamed the district and its units
    assert model.data(model.index(0, model.UNIT)) == "水务局"


def test_a_case_without_a_number_says_so_in_the_queue(qtbot):
    model = CallbackQueueModel(directory())
    model.set_rows([QueueRow(1, "2022080100001", T0, None, 1, 1, 7, 0, None, False, False, None, True)])
    assert model.data(model.index(0, model.ATTEMPTS)) == "无号码"
    assert "无法回访" in model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
