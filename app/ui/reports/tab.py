"""The 报表 tab: the supervisor picks a report (日报 / 月报 / 年度体检报告) and its period, sees its pages as they
will be printed, and saves it as PDF or XLSX.

Building (the figures, in a worker), drawing the charts (the GUI thread, a few milliseconds each) and laying
out the pages (a worker) run one after the other behind a three-step progress bar; the page stays usable
meanwhile. What is saved is the report previewed: changing a choice asks for a new preview first. The
report's content is Chinese whatever the interface language; only this page's own words are translated.
"""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.messages import error_text
from app.services import clock
from app.services.dashboard import last_data_month
from app.services.output_files import OutputRefused, database_files
from app.services.periods import next_month
from app.services.reports.allowed import report_scope
from app.services.reports.document import Report
from app.ui.context import AppContext
from app.ui.dashboard.exports import export_error_text
from app.ui.freshness import FreshnessLabel
from app.ui.workers import Activity, JobRunner

SETTINGS_KEY = "reports/save_dir"
PREVIEW_DPI = 80
STEPS = 3  # the figures, the charts, the pages


def build_report(sf, actor, directory, choice: dict) -> Report:
    """In a worker: the report asked for, after the role check (reports/allowed.py)."""
    from app.services.reports.builder import ReportRequest, build

    with sf() as session:
        return build(session, actor, ReportRequest(**choice))  # checks the role first


def preview_images(report: Report, pictures: dict, dpi: float = PREVIEW_DPI) -> list[QImage]:
    """In a worker: the pages as the PDF will have them."""
    from app.ui.reports.pdf import lay_out, page_images

    return page_images(lay_out(report, pictures), dpi)


def save_report(sf, actor, directory, choice: dict, report: Report, path: str, pictures: dict,
                protected: tuple[Path, ...]) -> str:
    """In a worker: checked again, written to the access log, then the file (PDF or XLSX by its suffix);
    the save dialog has asked before an existing file is replaced."""
    from app.services.output_files import check_target
    from app.services.reports.access import record_report
    from app.services.reports.allowed import check_report

    check_report(actor, directory, choice["kind"], choice.get("unit"), choice.get("street"))
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise ValueError(path)
    check_target(path, True, protected)  # a file that cannot be replaced is refused before anything is logged
    record_report(sf, actor, report, path)
    if suffix == ".pdf":
        from app.ui.reports.pdf import write_pdf

        write_pdf(report, path, force=True, protected=protected, pictures=pictures)
    else:
        from app.services.reports.xlsx import write_xlsx

        write_xlsx(report, path, force=True, protected=protected)
    return path


class ReportsTab(QWidget):
    busy_changed = Signal(bool)
    previewed = Signal(int)  # the number of pages shown
    saved = Signal(str)  # the file written
    failed = Signal(str)  # the sentence shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportsTab")
        self.setWindowTitle(self.tr("报表"))
        self.scope = report_scope(ctx.actor, ctx.directory)
        self.jobs = JobRunner(self)
        self.report: Report | None = None
        self.pictures: dict = {}
        self.choice: dict | None = None
        today = clock.today()

        self.kind = QComboBox(self, objectName="reportKind")
        names = {"daily": self.tr("日报"), "monthly": self.tr("月报"), "street": self.tr("年度体检报告")}
        for kind in self.scope.kinds:
            self.kind.addItem(names[kind], kind)
        self.day = QDateEdit(self, objectName="reportDay", calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.day.setDate(QDate(today - timedelta(days=1)))
        self.month = QDateEdit(self, objectName="reportMonth", calendarPopup=False, displayFormat="yyyy-MM")
        last_month = today.replace(day=1) - timedelta(days=1)
        self.month.setDate(QDate(last_month.year, last_month.month, 1))
        self.year = QSpinBox(self, objectName="reportYear", minimum=2000, maximum=2100)
        self.year.setValue(today.year - 1)
        self.unit = QComboBox(self, objectName="reportUnit")
        self.unit.setEditable(not self.scope.limited)  # type a unit's name to find it among hundreds
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.street = QComboBox(self, objectName="reportStreet")
        self._fill_lists(ctx.directory)
        ctx.reference.changed.connect(self._reference_changed)

        self.build_button = QPushButton(self.tr("生成预览(&G)"), self, objectName="buildReportButton")
        self.build_button.setDefault(True)
        self.save_pdf = QPushButton(self.tr("保存 PDF(&P)…"), self, objectName="savePdfButton")
        self.save_xlsx = QPushButton(self.tr("保存 Excel(&X)…"), self, objectName="saveXlsxButton")
        self.progress = QProgressBar(self, objectName="reportProgress", minimum=0, maximum=STEPS)
        self.progress.setFormat(self.tr("生成中 %v/%m"))
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.status = QLabel(self, objectName="reportStatus", wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        self.labels: dict[str, QLabel] = {}
        for key, text, field in (("kind", self.tr("报表(&R)"), self.kind), ("day", self.tr("日期(&D)"), self.day),
                                 ("month", self.tr("月份(&M)"), self.month), ("year", self.tr("年度(&Y)"), self.year),
                                 ("unit", self.tr("承办单位(&U)"), self.unit),
                                 ("street", self.tr("街道乡镇(&S)"), self.street)):
            label = QLabel(text, self)
            label.setBuddy(field)
            self.labels[key] = label
            bar.addWidget(label)
            bar.addWidget(field)
        self.unit.setMinimumContentsLength(14)
        self.street.setMinimumContentsLength(8)
        bar.addSpacing(12)
        for button in (self.build_button, self.save_pdf, self.save_xlsx):
            bar.addWidget(button)
        bar.addWidget(self.progress)
        bar.addStretch(1)
        self.freshness = FreshnessLabel(ctx.reads, self)  # with a read replica: 数据截至 …
        bar.addWidget(self.freshness)

        self.pages_label = QLabel(self, objectName="reportPages")
        self.preview = QScrollArea(self, objectName="reportPreview")
        self.preview.setWidgetResizable(True)
        self.preview.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # PageUp / PageDown through the pages
        self.preview.setStyleSheet("QScrollArea { background: #8a8f98; }")
        self.sheet = QWidget()
        self.sheet.setStyleSheet("background: #8a8f98;")
        self.sheet_layout = QVBoxLayout(self.sheet)
        self.sheet_layout.setSpacing(12)
        self.sheet_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview.setWidget(self.sheet)
        self.page_labels: list[QLabel] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        if ctx.snapshot is not None:
            note = QLabel(self.tr("离线副本:报表按副本中的数据生成"), self, objectName="reportsSnapshotNote")
            note.setStyleSheet("color: #8a5a00; font-weight: bold")
            layout.addWidget(note)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addWidget(self.pages_label)
        layout.addWidget(self.preview, 1)
        self.setTabOrder(self.save_xlsx, self.preview)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (self.kind.currentIndexChanged, self.day.dateChanged, self.month.dateChanged,
                       self.year.valueChanged, self.unit.currentIndexChanged, self.street.currentIndexChanged):
            signal.connect(self._choice_changed)
        self.build_button.clicked.connect(self.build)
        self.save_pdf.clicked.connect(lambda: self.save("pdf"))
        self.save_xlsx.clicked.connect(lambda: self.save("xlsx"))
        self.activity = Activity(self)
        self.activity.busy_changed.connect(self.busy_changed)
        self.activity.busy_changed.connect(self._busy)
        self._kind_changed()
        self._show_saves()
        self._say("")
        # the periods offered first end where the data does (a snapshot or the demo ends before yesterday):
        # read in a worker, and applied only while the user has not chosen a period yet
        self._period_chosen = False
        for signal in (self.day.userDateChanged, self.month.userDateChanged, self.year.editingFinished):
            signal.connect(self._user_chose_period)
        self.data_jobs = JobRunner(self)
        self.data_jobs.start(last_data_month, ctx.read_sf, on_done=self._data_ends, on_error=lambda _exc: None)

    def _user_chose_period(self, *_args) -> None:
        self._period_chosen = True

    def _data_ends(self, latest: date | None) -> None:
        """Defaults within the data: the last day, month and year holding cases when that is before yesterday,
        last month and last year (a missing figure would only be refused)."""
        if latest is None or self._period_chosen:
            return
        last_day = next_month(latest) - timedelta(days=1)
        if self.day.date().toPython() > last_day:
            self.day.setDate(QDate(last_day))
        if self.month.date().toPython() > latest:
            self.month.setDate(QDate(latest))
        if self.year.value() > latest.year:
            self.year.setValue(latest.year)

    # -- choices
    def _fill_lists(self, directory) -> None:
        """The units and streets to choose from (a unit handler: its own), keeping what was chosen."""
        from app.services.reports.request import HANDLING_KINDS

        unit, street = self.unit.currentText(), self.street.currentText()
        for combo in (self.unit, self.street):
            combo.blockSignals(True)
            combo.clear()
        if self.scope.limited:
            self.unit.addItem(self.scope.unit, self.scope.unit)
        else:
            self.unit.addItem(self.tr("全区(所有承办单位)"), None)
            handling = [u for u in directory.units.values() if u.active and u.kind in HANDLING_KINDS]
            for u in directory.in_order(handling):
                self.unit.addItem(u.name, u.name)
        streets = [self.scope.street] if self.scope.limited else [u.name for u in directory.streets()]
        for name in streets:
            if name:
                self.street.addItem(name, name)
        for combo, before in ((self.unit, unit), (self.street, street)):
            if before and combo.findText(before) >= 0:
                combo.setCurrentIndex(combo.findText(before))
            combo.blockSignals(False)

    def _reference_changed(self, directory) -> None:
        """An administrator changed the units (ctx.reference): the lists follow, the handler's scope too."""
        self.scope = report_scope(self.ctx.actor, directory)
        self._fill_lists(directory)
        self._show_saves()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        shown = {"daily": ("day", "unit"), "monthly": ("month",), "street": ("year", "street")}.get(kind, ())
        fields = {"day": self.day, "month": self.month, "year": self.year, "unit": self.unit, "street": self.street}
        for key, field in fields.items():
            field.setVisible(key in shown)
            self.labels[key].setVisible(key in shown)

    def current_choice(self) -> dict:
        kind = self.kind.currentData()
        if kind == "daily":
            unit = self.unit.currentData() if self.scope.limited else self._typed_unit()
            return {"kind": kind, "day": self.day.date().toPython(), "unit": unit}
        if kind == "monthly":
            d = self.month.date().toPython()
            return {"kind": kind, "month": date(d.year, d.month, 1)}
        return {"kind": kind, "year": self.year.value(), "street": self.street.currentData()}

    def _typed_unit(self) -> str | None:
        """The unit chosen, or typed (a name not in the list goes to the builder, which says so)."""
        text = self.unit.currentText().strip()
        if self.unit.currentIndex() >= 0 and self.unit.itemText(self.unit.currentIndex()) == text:
            return self.unit.currentData()
        return text or None

    def _choice_changed(self, *_args) -> None:
        if self.report is not None and self.current_choice() != self.choice:
            self._say(self.tr("选择已改变:请重新生成预览后再保存"))
            self.status.setStyleSheet("color: #8a5a00")
        self._show_saves()

    def _show_saves(self) -> None:
        ready = (self.report is not None and not self.jobs.is_busy()
                 and self.choice == (self.current_choice() if self.kind.count() else None))
        self.save_pdf.setEnabled(ready)
        self.save_xlsx.setEnabled(ready)
        self.build_button.setEnabled(self.kind.count() > 0)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self._show_saves()

    # -- building and preview
    def build(self) -> None:
        if not self.kind.count():
            return
        choice = self.current_choice()
        self.progress.setValue(0)
        self.progress.show()
        self._say(self.tr("正在生成报表…"))
        ctx = self.ctx
        # the figures from the read replica when there is one (as `report` does), with how fresh they are
        self.jobs.start(ctx.reads.read, build_report, ctx.actor, ctx.directory, choice, latest_only=True,
                        on_done=self.freshness.deliver(lambda report: self._built(choice, report)),
                        on_error=self._failed)

    def _built(self, choice: dict, report: Report) -> None:
        self.progress.setValue(1)
        from app.ui.reports.charts import chart_pictures

        try:
            pictures = chart_pictures(report)
        except Exception as exc:  # noqa: BLE001 (a chart that cannot be drawn: said, the choices kept)
            self._failed(exc)
            return
        self.progress.setValue(2)
        self.jobs.start(preview_images, report, pictures, latest_only=True,
                        on_done=lambda images: self._previewed(choice, report, pictures, images),
                        on_error=self._failed)

    def _previewed(self, choice: dict, report: Report, pictures: dict, images: list[QImage]) -> None:
        self.progress.setValue(3)
        self.report, self.choice, self.pictures = report, choice, pictures
        for label in self.page_labels:
            label.deleteLater()
        self.page_labels = []
        for number, image in enumerate(images, 1):
            label = QLabel(self.sheet, objectName=f"previewPage{number}")
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #5c6066;")
            self.sheet_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self.pages_label.setText(self.tr("{title}{subtitle}({period}):共 {n} 页").format(
            title=report.title, subtitle=f" {report.subtitle}" if report.subtitle else "", period=report.period,
            n=len(images)))
        self._say("")
        self.preview.verticalScrollBar().setValue(0)
        self._show_saves()
        self.previewed.emit(len(images))

    # -- saving
    def _ask(self, suffix: str) -> str:
        folder = str(QSettings().value(SETTINGS_KEY, "")) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        r = self.report
        name = f"{r.title}{r.subtitle}_{r.period}.{suffix}".replace("/", "-")
        description = self.tr("PDF 文件") if suffix == "pdf" else self.tr("Excel 工作簿")
        # the dialog asks before an existing file is replaced (QFileDialog's default)
        path, _chosen = QFileDialog.getSaveFileName(self, self.tr("保存报表"), str(Path(folder) / name),
                                                    f"{description} (*.{suffix})")
        if not path:
            return ""
        if Path(path).suffix.lower() != f".{suffix}":
            path = f"{path}.{suffix}"
        QSettings().setValue(SETTINGS_KEY, str(Path(path).parent))
        return path

    def save(self, suffix: str) -> None:
        if self.report is None or not self.save_pdf.isEnabled():
            return
        path = self._ask(suffix)
        if not path:
            return
        ctx = self.ctx
        self._say(self.tr("正在保存 {path}…").format(path=path))
        self.progress.setValue(STEPS)
        self.jobs.start(save_report, ctx.sf, ctx.actor, ctx.directory, self.choice, self.report, path,
                        self.pictures, database_files(ctx.engine), on_done=self._saved,
                        on_error=lambda exc: self._failed(exc, path))

    def _saved(self, path: str) -> None:
        self._say(self.tr("已保存:{path}").format(path=path))
        self.saved.emit(path)

    def _failed(self, error: Exception, path: str = "") -> None:
        if path and isinstance(error, (OSError, OutputRefused, ValueError)):
            text = export_error_text(path, error)
        else:
            text = error_text(error)
        self._say(text, error=True)
        self._show_saves()
        self.failed.emit(text)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.setStyleSheet("color: #c0392b; font-weight: bold" if error else "")

    def is_busy(self) -> bool:
        return self.activity.is_busy()
