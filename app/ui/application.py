"""Starts the console: Qt application, language, database (migrated at start), main window."""
from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from app import db
from app.replica import ReplicaRefused
from app.services.actors import Actor, this_workstation
from app.services.directory import load_directory
from app.services.errors import SchemaMismatch
from app.services.snapshot import describe
from app.ui.context import AppContext
from app.ui.i18n import chosen_language, install_translators
from app.ui.live import ChangeWatcher

log = logging.getLogger(__name__)
ORGANIZATION = "Fengtai12345"
APPLICATION = "HotlineConsole"
CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei")


class GuiThreadCollector:
    """Python's cycle collector switched off and run by a timer on the GUI thread: pyqtgraph's
    GarbageCollector (the same thresholds, generation by generation), here because importing it imports
    all of pyqtgraph and numpy, half a second before the login dialog could be shown."""

    def __init__(self, interval: float = 1.0):
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer.start(int(interval * 1000))

    def check(self) -> None:
        l0, l1, l2 = gc.get_count()
        if l0 > self.threshold[0]:
            gc.collect(0)
            if l1 > self.threshold[1]:
                gc.collect(1)
                if l2 > self.threshold[2]:
                    gc.collect(2)


def collect_garbage_in_the_gui_thread(app: QCoreApplication) -> None:
    """Python's cycle collector runs in whichever thread happens to allocate. Run from a worker thread,
    it frees dead widgets and thread pools there, which Qt does not allow (a pool freed on one of its
    own threads waits for itself for ever). It is switched off and run by a timer on the GUI thread
    instead (GuiThreadCollector), once per application."""
    if getattr(app, "_collector", None) is None:
        app._collector = GuiThreadCollector(interval=1.0)  # kept alive with the app


def make_application(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    collect_garbage_in_the_gui_thread(app)
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            app.setFont(QFont(family, 10))
            break
    app._translators = install_translators(app, chosen_language(language))  # kept alive with the app
    return app


def open_context(url: str | None, actor: Actor | None = None, read_url: str | None = None) -> AppContext:
    """Engine and sessions for the URL: the embedded SQLite file migrated and its reference data loaded, a
    PostgreSQL database checked to be at this program's revision (db.prepare; SchemaMismatch if not).
    `read_url` (else $HOTLINE_READ_DB_URL): a read replica for the screens that may read a moment-old
    state (app/replica.py); ReplicaRefused when it cannot be one."""
    from app import replica

    engine = db.make_engine(db.resolve_url(url))
    try:
        db.prepare(engine)
        replica_engine = replica.open_replica(engine, replica.resolve_read_url(read_url))
    except BaseException:
        engine.dispose()
        raise
    sf = db.make_session_factory(engine)
    directory = load_directory(sf)
    actor = actor or Actor(staff_id=None, role="admin", workstation=this_workstation(), name="")
    read_sf = db.make_session_factory(engine, read_only=True)
    return AppContext(engine, sf, read_sf, actor, directory, changes=ChangeWatcher(engine), snapshot=describe(engine),
                      reads=replica.StaleReads(read_sf, replica_engine))


def private_log_file(folder: str) -> Path:
    """hotline.log in the data folder, owner-only (0600; the folder 0700) whatever the umask: even
    without citizens' data in its messages, it names staff, workstations and cases."""
    from app.services.output_files import PRIVATE_FILE, make_private, private_folder

    path = private_folder(folder) / "hotline.log"
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE))
    make_private(path)
    return path


def _log_to_file() -> None:
    """Errors go to a log file in the data folder, never as a traceback in front of the user."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if folder and not logging.getLogger().handlers:
        logging.basicConfig(filename=str(private_log_file(folder)), level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        from app import safe_log

        safe_log.install()  # exceptions without their messages: no citizen's data in the log file


def schema_text(exc: SchemaMismatch) -> str:
    if exc.newer:
        return QCoreApplication.translate("application", "数据库版本为 {current},比本程序(需要 {head})新:请使用新版本的工作台").format(
            current=exc.current, head=exc.head)
    return QCoreApplication.translate("application", "数据库版本为 {current},本程序需要 {head}:请运行 hotline db upgrade").format(
        current=exc.current or QCoreApplication.translate("application", "空(尚未建立)"), head=exc.head)


def run_console(url: str | None, language: str | None, read_url: str | None = None) -> int:
    app = make_application(language=language)
    _log_to_file()
    try:
        ctx = open_context(url, read_url=read_url)
    except Exception as exc:  # a bad URL, an unreachable server, a damaged file: say so, no traceback
        log.exception("cannot open the database")
        shown = url or db.resolve_url(None)
        error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, SchemaMismatch):
            error = schema_text(exc)
        if isinstance(exc, ReplicaRefused):
            error = QCoreApplication.translate(
                "application", "--read-db:只读副本须为 PostgreSQL 备库,且 --db 也须为 PostgreSQL 数据库")
        QMessageBox.critical(  # never the URL's password: on screen it can be read over a shoulder
            None,
            QCoreApplication.translate("application", "无法打开数据库"),
            QCoreApplication.translate("application", "无法打开数据库 {url}:\n{error}").format(
                url=db.display_url(shown), error=db.without_password(error, shown)),
        )
        return 1
    from app.ui.login_dialog import sign_in

    actor = sign_in(ctx.sf)  # on an empty database it first creates the administrator
    if actor is None:
        return 0
    ctx.actor = actor
    # every tab and pyqtgraph: imported once someone has logged in, not before the login dialog is shown
    from app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    app.aboutToQuit.connect(window.close)  # however the console ends, its watcher threads stop first
    from app.ui.daily_backup import DailyBackups

    window.daily_backups = DailyBackups(ctx.engine, window)  # the embedded database: a copy a day
    if ctx.snapshot is None:  # (a laptop's snapshot is itself a copy)
        window.daily_backups.start()
    window.show()
    return app.exec()
