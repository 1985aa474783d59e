"""The console's main window: one tab per workplace, the database and the user in the status bar."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from app.messages import role_name, snapshot_text
from app.services.permissions import may_see_tab
from app.ui.connection_banner import ConnectionBanner
from app.ui.context import AppContext
from app.ui.layout_memory import fit_to_screen
from app.ui.replica_banner import ReplicaBanner
from app.ui.session_guard import SessionGuard

TabFactory = Callable[[AppContext, QWidget], QWidget]
# each role opens on its own desk, with the focus where its first key goes (a tab not named here decides itself)
START_TAB = {"receptionist": "intakeTab", "dispatcher": "casesTab", "handler": "casesTab", "callback": "callbackTab",
             "supervisor": "dashboardTab", "admin": "adminTab"}
FIRST_KEY = {"intakeTab": "phoneEdit", "casesTab": "casesTable"}


def tab_factories() -> list[tuple[str, TabFactory]]:
    """(permission key, factory) of each tab, in the order they appear; see permissions.TAB_ROLES for the keys."""
    from app.ui.admin.admin_tab import make_admin_tab
    from app.ui.callback import CallbackTab
    from app.ui.cases.tab import CasesTab
    from app.ui.dashboard.tab import DashboardTab
    from app.ui.governance.tab import GovernanceTab
    from app.ui.intake.tab import IntakeTab
    from app.ui.reports.tab import ReportsTab

    return [
        ("intake", IntakeTab),
        ("cases", CasesTab),
        ("callback", CallbackTab),
        ("dashboard", DashboardTab),
        ("governance", GovernanceTab),
        ("reports", ReportsTab),
        ("admin", make_admin_tab),
    ]


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("丰台区 12345 接诉即办工作台"))
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.banner = ConnectionBanner(ctx.engine)
        self.replica_banner = ReplicaBanner(ctx.reads)  # with a read replica: when its screens read the primary
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.replica_banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        for key, factory in tab_factories():
            if not may_see_tab(ctx.actor.role, key):  # the services refuse anyway; this spares the clutter
                continue
            tab = factory(ctx, self.tabs)
            self.tabs.addTab(tab, tab.windowTitle())
        start = self.tab(START_TAB.get(ctx.actor.role, ""))
        if start is not None:
            self.tabs.setCurrentWidget(start)
        self._desk_focused = False
        # the next / previous tab from anywhere, the keyboard then in its first field: Qt's Ctrl+Tab is kept by a
        # list that has the keyboard (the cases table, the callback queue) on a real X11 display
        for key, step in ((Qt.Key.Key_PageDown, 1), (Qt.Key.Key_PageUp, -1)):
            QShortcut(QKeySequence(Qt.KeyboardModifier.ControlModifier | key), self,
                      activated=lambda step=step: self.step_tab(step))
        if (dashboard := self.tab("dashboardTab")) is not None and (cases := self.tab("casesTab")) is not None:
            dashboard.cases_requested.connect(cases.show_cases)  # the dashboard's drill-down
        self._build_menus()
        who = ctx.actor.name or role_name(ctx.actor.role)
        self.statusBar().addPermanentWidget(QLabel(self.tr("用户:{who}({role})").format(who=who, role=role_name(ctx.actor.role))))
        unit = ctx.directory.units.get(ctx.actor.unit_id) if ctx.actor.unit_id is not None else None
        if unit is not None:  # a unit handler works for its unit (and the units below it)
            self.statusBar().addPermanentWidget(QLabel(self.tr("单位:{unit}").format(unit=unit.name), objectName="statusUnit"))
        self.statusBar().addPermanentWidget(QLabel(self.tr("数据库:{url}").format(url=ctx.url_text)))
        if ctx.snapshot is not None:  # an offline copy: say what it holds
            held = QLabel(snapshot_text(ctx.snapshot), objectName="snapshotStatus")
            self.statusBar().addPermanentWidget(held)
        fit_to_screen(self)
        self.banner.start()
        self.replica_banner.start()
        if ctx.changes is not None:
            ctx.changes.start()
        ctx.reference.start_polling()  # an administrator's edit on another workstation (reference_store.py)
        self.guard = SessionGuard(ctx.read_sf, ctx.actor, self)
        self.guard.ended.connect(self._session_ended)
        self.guard.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._desk_focused:
            self._desk_focused = True
            self.focus_desk()

    def step_tab(self, step: int) -> None:
        """Ctrl+PgDown / Ctrl+PgUp: the next (1) or previous (-1) tab, round the ends."""
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
            self.focus_desk()

    def focus_desk(self) -> None:
        """The keyboard goes to the current tab's first field (the caller's phone at intake, the list of cases),
        never to the tab bar: what the user types right after logging in is not lost."""
        tab = self.tabs.currentWidget()
        if tab is None:
            return
        first_key = FIRST_KEY.get(tab.objectName())
        target = tab.findChild(QWidget, first_key) if first_key else None
        if target is None:
            focused = QApplication.focusWidget() if QApplication.focusWidget() is not None else self.focusWidget()
            if focused is not None and tab.isAncestorOf(focused):
                return  # the tab has put the focus where its work starts
            target = tab.nextInFocusChain()  # else its first field that takes the keyboard
            while target is not None and target is not tab and not (
                    tab.isAncestorOf(target) and target.isEnabled() and target.isVisibleTo(tab)
                    and target.focusPolicy() & Qt.FocusPolicy.TabFocus):
                target = target.nextInFocusChain()
            if target is None or not tab.isAncestorOf(target):
                target = tab
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _session_ended(self, text: str) -> None:
        """The account was disabled or changed meanwhile: nothing more can be done here; OK closes the console."""
        self.centralWidget().setEnabled(False)
        self.menuBar().setEnabled(False)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("会话已结束"), text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("sessionEndedBox")
        box.finished.connect(self.close)
        box.open()

    def closeEvent(self, event) -> None:
        self.guard.stop()
        callback = self.tab("callbackTab")
        if callback is not None and self.banner.connected:  # out of reach: closing must not wait; the claim runs out
            callback.release_claim()
        self.banner.stop()
        self.replica_banner.stop()
        if self.ctx.changes is not None:
            self.ctx.changes.stop()
        self.ctx.reference.stop_polling()
        super().closeEvent(event)

    def tab(self, object_name: str) -> QWidget | None:
        return self.tabs.findChild(QWidget, object_name)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        quit_action = QAction(self.tr("退出(&X)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        settings_menu = self.menuBar().addMenu(self.tr("设置(&S)"))
        password_action = QAction(self.tr("修改密码(&P)…"), self)
        password_action.setObjectName("changePasswordAction")
        password_action.setEnabled(self.ctx.actor.staff_id is not None)
        password_action.triggered.connect(self._change_password)
        settings_menu.addAction(password_action)
        lang_menu = settings_menu.addMenu(self.tr("界面语言"))
        group = QActionGroup(self)
        current = str(QSettings().value("ui/language", "zh"))
        for code, label in (("zh", "简体中文"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, c=code: self._choose_language(c))
            group.addAction(action)
            lang_menu.addAction(action)

    def _change_password(self) -> None:
        from app.ui.password_dialog import ChangePasswordDialog

        if ChangePasswordDialog(self.ctx, self).exec() == ChangePasswordDialog.DialogCode.Accepted:
            self.statusBar().showMessage(self.tr("密码已修改"), 5000)

    def _choose_language(self, code: str) -> None:
        QSettings().setValue("ui/language", code)
        QMessageBox.information(self, self.tr("界面语言"), self.tr("新的界面语言将在下次启动时生效。"))
