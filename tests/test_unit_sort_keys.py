"""Units' sort keys (pinyin as places are read) and aliases: filled by migration 0005, found by the pickers."""
from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app import db
from app.models import Unit
from app.services.directory import Directory, place_sort_key
from app.ui.pickers import NamePicker, place_index
from tests.ui_helpers import type_text


def test_place_names_are_read_as_places_are_called():
    assert place_sort_key("长辛店街道") == "chang xin dian jie dao"  # the dictionary's first reading: zhang
    assert place_sort_key("丰台区长辛店镇") == "feng tai qu chang xin dian zhen"
    assert place_sort_key("王佐镇") == "wang zuo zhen"


def test_migration_0008_fills_the_units_already_there(engine, sf):
    db.downgrade(engine, "0004_callback_claims")
    with engine.begin() as conn:  # a unit renamed by its administrator keeps no shipped alias
        conn.exec_driver_sql("UPDATE units SET name = '丰台区住建委员会' WHERE code = 'B03'")
    db.upgrade(engine)
    with sf() as s:
        rows = {u.code: (u.name, u.sort_key, u.aliases) for u in s.scalars(select(Unit))}
    assert rows["110106011"] == ("长辛店街道", "chang xin dian jie dao", None)
    assert rows["B01"] == ("丰台区城市管理委员会", "feng tai qu cheng shi guan li wei yuan hui", "城管委、区城管委")
    assert rows["B03"][1:] == ("feng tai qu zhu jian wei yuan hui", None)
    assert all(key for _name, key, _aliases in rows.values())


def _picker(qtbot, sf) -> tuple[NamePicker, Directory]:
    with sf() as s:
        directory = Directory.load(s)
    picker = NamePicker(place_index(directory).find_handlers)
    qtbot.addWidget(picker)
    picker.show()
    return picker, directory


def test_the_unit_picker_finds_bureaus_by_the_names_people_use(qtbot, sqlite_url):
    sf = db.make_session_factory(engine := db.make_engine(sqlite_url))
    picker, d = _picker(qtbot, sf)
    for typed, bureau in (("zjw", "丰台区住房和城乡建设委员会"), ("cgw", "丰台区城市管理委员会"),
                          ("住建委", "丰台区住房和城乡建设委员会"), ("城管委", "丰台区城市管理委员会")):
        picker.clear()
        picker.setFocus()
        type_text(qtbot, picker, typed)
        assert picker.suggestions()[0] == bureau, typed
        qtbot.keyClick(picker, Qt.Key.Key_Return)
        assert picker.value == d.unit_by_name(bureau).id and picker.text() == bureau
    engine.dispose()
