"""Moving between the console's tabs by keyboard, from wherever the keyboard is."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.ui.main_window import MainWindow
from tests.ui_helpers import console


def test_ctrl_page_down_and_up_move_between_tabs_from_a_list_with_the_keyboard(qtbot, sqlite_url):
    """Qt's Ctrl+Tab stays in the cases table or the callback queue on an X11 display (seen under Xvfb): a
    dispatcher had no key from the list of cases to the callback queue. Ctrl+PgDown / Ctrl+PgUp always move, and
    the keyboard goes to the new tab's first field."""
    window = MainWindow(console(sqlite_url, "dispatcher"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    names = [window.tabs.widget(i).objectName() for i in range(window.tabs.count())]
    assert names[:3] == ["intakeTab", "casesTab", "callbackTab"]
    assert window.tabs.currentWidget().objectName() == "casesTab"  # a dispatcher's desk
    assert window.focusWidget() is window.tab("casesTab").table

    def press(key) -> str:
        QTest.keyClick(window.windowHandle(), key, Qt.KeyboardModifier.ControlModifier)
        return window.tabs.currentWidget().objectName()

    assert press(Qt.Key.Key_PageDown) == "callbackTab"
    assert window.tab("callbackTab").isAncestorOf(window.focusWidget())
    assert press(Qt.Key.Key_PageUp) == "casesTab"
    assert window.focusWidget() is window.tab("casesTab").table
    assert press(Qt.Key.Key_PageUp) == "intakeTab"
    assert window.focusWidget().objectName() == "phoneEdit"
    assert press(Qt.Key.Key_PageUp) == names[-1]  # round the ends
    assert press(Qt.Key.Key_PageDown) == "intakeTab"
