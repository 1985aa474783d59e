"""The learned routing at intake: why the unit is suggested, in words, and two alternatives one key away.

Alt+1 / Alt+2 (or a click) put an alternative into the unit field; the receptionist can still type any unit.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.services.routing import Basis

ALTERNATIVE_KEYS = ("Alt+1", "Alt+2")


class RoutingHint(QWidget):
    taken = Signal(int, str)  # an alternative was chosen: its unit id and name

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("routingHint")
        self.basis = QLabel(self, objectName="routingBasisLabel")
        self.basis.setWordWrap(True)
        self.basis.setStyleSheet("color: #555")
        self.buttons: list[QPushButton] = []
        self.choices: list[tuple[int, str]] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.basis, 1)
        for i, _keys in enumerate(ALTERNATIVE_KEYS):
            button = QPushButton(self, objectName=f"routingAlternative{i + 1}")
            button.setFlat(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+1 / Alt+2: the Tab path of the form stays as it was
            button.clicked.connect(lambda _checked=False, i=i: self.take(i))
            button.hide()
            row.addWidget(button)
            self.buttons.append(button)

    def basis_text(self, basis: Basis | None, unit_name: str) -> str:
        """The basis in words, e.g. 近12个月本社区同类诉求 42 件,39 件由 丰台区供暖办 办理; the case's own street or
        community learned from a wider level (`basis.own`) is said so, not as if it had handled those cases."""
        if basis is None or basis.level == "rule":
            return self.tr("依据:分类的默认承办单位(本地同类诉求尚少)")
        place = {"community": self.tr("本社区"), "street": self.tr("本街道"), "category": self.tr("全区")}[basis.level]
        if basis.own is not None:
            who = self.tr("各自所在街道") if basis.own == "street" else self.tr("各自所在社区")
            return self.tr("依据:近{months}个月{place}同类诉求 {cases} 件,{by_unit} 件由{who}办理(本案即 {unit})").format(
                months=basis.months, place=place, cases=basis.cases, by_unit=basis.by_unit, who=who, unit=unit_name)
        return self.tr("依据:近{months}个月{place}同类诉求 {cases} 件,{by_unit} 件由 {unit} 办理").format(
            months=basis.months, place=place, cases=basis.cases, by_unit=basis.by_unit, unit=unit_name)

    def show_suggestion(self, basis: Basis | None, unit_name: str, alternatives: list[tuple[int, str]]) -> None:
        self.basis.setText(self.basis_text(basis, unit_name) if unit_name else "")
        self.choices = alternatives[:len(self.buttons)]
        for i, button in enumerate(self.buttons):
            if i < len(self.choices):
                button.setText(self.tr("或 {unit} ({keys})").format(unit=self.choices[i][1], keys=ALTERNATIVE_KEYS[i]))
                button.setToolTip(self.tr("把承办单位改为 {unit}").format(unit=self.choices[i][1]))
                button.show()
            else:
                button.hide()

    def clear(self) -> None:
        self.show_suggestion(None, "", [])

    def take(self, index: int) -> None:
        if index < len(self.choices):
            self.taken.emit(*self.choices[index])
