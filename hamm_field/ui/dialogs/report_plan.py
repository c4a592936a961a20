"""Planwerte: what the coordination planned for a period, figure by figure.

An empty field ("–", the spin box at 0) means no plan for that figure; the screen and the
PDF then show no plan for it rather than a plan of 0. Kindeswohl-Hinweise are never
planned.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hamm_field.i18n import N_
from hamm_field.i18n import gettext as _
from hamm_field.reports.model import Period, Plan
from hamm_field.reports.pdf_figures import HEADLINE
from hamm_field.reports.pdf_values import period_text
from hamm_field.ui.context import UiContext
from hamm_field.ui.errors import show_error
from hamm_field.ui.widgets import translate_save_cancel

NOT_PLANNED = ("kindeswohl_hinweise",)
LABELS = {"ziele_erreicht": N_("Integrationsziele erreicht")}
PLANNED = tuple((key, LABELS.get(key, label)) for key, label in HEADLINE if key not in NOT_PLANNED)
MAXIMUM = 10_000_000


class PlanDialog(QDialog):
    """Plan values of one period; accepted once they are stored."""

    def __init__(self, ui: UiContext, period: Period, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui, self.period = ui, period
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.spins: dict[str, QSpinBox] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, _label in PLANNED:
            spin = QSpinBox()
            spin.setObjectName(key)
            spin.setRange(0, MAXIMUM)
            spin.setGroupSeparatorShown(True)
            spin.setSpecialValueText("–")
            spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("10.000.000") + 48)
            label = QLabel()
            label.setBuddy(spin)
            self.spins[key], self.labels[key] = spin, label
            form.addRow(label, spin)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.setEnabled(False)
        ui.submit(ui.services.reports.load_plan, period, parent=self, on_success=self._loaded)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Planwerte"))
        self.intro.setText(_(
            "Planwerte für {period}. Leer (–) heißt: kein Planwert für diese Zahl.").format(
            period=period_text(self.period)))  # fmt: skip
        for key, label in PLANNED:
            self.labels[key].setText(_(label) + ":")
            self.spins[key].setAccessibleName(_(label))
        translate_save_cancel(self.buttons)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _loaded(self, plan: Plan) -> None:
        for key, spin in self.spins.items():
            spin.setValue(plan.values.get(key, 0))
        self.setEnabled(True)
        self.spins[PLANNED[0][0]].setFocus()
        self.spins[PLANNED[0][0]].selectAll()

    def plan(self) -> Plan:
        return Plan({key: spin.value() for key, spin in self.spins.items() if spin.value() > 0})

    def save(self) -> None:
        self.setEnabled(False)

        def failed(error: BaseException) -> None:
            self.setEnabled(True)
            show_error(self, error, self.ui.log_file)

        self.ui.submit(self.ui.services.reports.save_plan, self.period, self.plan(), parent=self,
                       changes="report_plan", on_success=lambda _r: self.accept(),
                       on_error=failed)  # fmt: skip
