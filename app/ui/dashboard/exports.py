"""Saving what the dashboard shows: a chart as PNG, a table as CSV or XLSX, to a file the user picks.

The chart is rendered on the UI thread (a scene can only be painted there); encoding and writing the
file, and writing tables, happen in a worker. Failures become one Chinese sentence naming the file."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QWidget

from app.messages import tr
from app.services.output_files import OutputRefused
from app.services.table_files import Table, replaced_whole, write_table
from app.ui.workers import JobRunner

SETTINGS_KEY = "dashboard/export_dir"


def save_png(path: str, image: QImage, protected: tuple[Path, ...] = ()) -> Path:
    """Writes the image beside the target first, so a failed save leaves no partial file."""
    with replaced_whole(path, ".png", protected) as temp:
        if not image.save(str(temp), "PNG"):
            raise OSError(0, "PNG encoding failed", str(path))
    return Path(path)


def export_error_text(path: str, error: Exception) -> str:
    name = path or tr("(未命名)")
    if isinstance(error, OutputRefused):
        reason = {
            "database": tr("这是数据库文件,导出不能覆盖它,请换一个文件名"),
            "other_database": tr("这是数据库文件,导出不能覆盖它,请换一个文件名"),
            "in_use": tr("这是数据库文件,导出不能覆盖它,请换一个文件名"),
            "symlink": tr("这是一个符号链接,请选择实际的文件"),
            "read_only": tr("这个文件是只读的,请换一个文件名"),
            "is_folder": tr("这是一个文件夹,不是文件名"),
            "no_folder": tr("文件夹不存在"),
        }.get(error.reason, tr("没有写入这个位置的权限,请换一个文件夹(例如“文档”)"))
    elif isinstance(error, PermissionError):
        reason = tr("没有写入这个位置的权限,请换一个文件夹(例如“文档”)")
    elif isinstance(error, FileNotFoundError):
        reason = tr("文件夹不存在")
    elif isinstance(error, IsADirectoryError):
        reason = tr("这是一个文件夹,不是文件名")
    elif isinstance(error, ValueError):
        reason = tr("不支持这种文件类型,表格请保存为 .csv 或 .xlsx")
    elif isinstance(error, OSError):
        reason = tr("无法写入文件({detail}),磁盘可能已满或文件正被其他程序占用").format(
            detail=error.strerror or type(error).__name__)
    else:
        reason = tr("保存时出错({detail})").format(detail=type(error).__name__)
    return tr("导出失败:{path}\n{reason}。文件没有保存。").format(path=name, reason=reason)


class Exporter(QObject):
    """Asks for a path, writes in a worker, then says `saved(path)` or `failed(sentence)`."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, parent: QWidget, jobs: JobRunner, protected: tuple[Path, ...] = ()):
        super().__init__(parent)
        self.widget = parent
        self.jobs = jobs
        self.protected = tuple(protected)  # the console's database files: never written over

    def _ask(self, default_name: str, filters: list[tuple[str, str]]) -> str:
        """The chosen path with its suffix ('' when cancelled); filters are (description, suffix)."""
        folder = str(QSettings().value(SETTINGS_KEY, "")) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        filter_texts = [f"{text} (*.{suffix})" for text, suffix in filters]
        path, chosen = QFileDialog.getSaveFileName(self.widget, tr("导出"), str(Path(folder) / default_name),
                                                   ";;".join(filter_texts))
        if not path:
            return ""
        suffix = next((s for t, s in zip(filter_texts, (f[1] for f in filters), strict=True) if t == chosen),
                      filters[0][1])
        if not Path(path).suffix:
            path = f"{path}.{suffix}"
        QSettings().setValue(SETTINGS_KEY, str(Path(path).parent))
        return path

    def export_chart(self, image: Callable[[], QImage], default_name: str) -> None:
        path = self._ask(f"{default_name}.png", [(tr("PNG 图片"), "png")])
        if path:
            self._run(save_png, path, image())

    def export_table(self, table: Callable[[], Table], default_name: str, suffix: str) -> None:
        description = tr("CSV 表格") if suffix == "csv" else tr("Excel 工作簿")
        path = self._ask(f"{default_name}.{suffix}", [(description, suffix)])
        if path:
            self._run(write_table, path, table())

    def _run(self, write: Callable, path: str, subject) -> None:
        self.jobs.start(write, path, subject, self.protected, on_done=lambda _result: self.saved.emit(path),
                        on_error=lambda exc: self.failed.emit(export_error_text(path, exc)))
