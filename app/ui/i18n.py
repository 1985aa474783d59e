"""Interface language: Simplified Chinese by default (the source strings), English from resources/i18n."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

I18N_DIR = Path(str(files("resources") / "i18n"))  # package data: also in an installed wheel


def chosen_language(requested: str | None) -> str:
    """--lang first, then the saved preference, then Chinese."""
    if requested:
        return requested
    return str(QSettings().value("ui/language", "zh"))


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    translators: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        for qm in sorted(I18N_DIR.glob("*_en.qm")):
            t = QTranslator(app)
            if t.load(str(qm)):
                app.installTranslator(t)
                translators.append(t)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        # Qt's own dialogs (OK, Cancel, the file dialog…) in Chinese: Qt's translation as PySide6 ships it
        # (a copy in resources/i18n is used if one is put there for a Qt without it), then the few strings
        # it lacks; a translator installed later is asked first
        for name, folders in (("qtbase_zh_CN", (qt_dir, str(I18N_DIR))), ("qtbase_extra_zh_CN", (str(I18N_DIR),))):
            t = QTranslator(app)
            if any(t.load(name, folder) for folder in folders):
                app.installTranslator(t)
                translators.append(t)
    return translators
