"""Einstellungen, coordination only: the Löschfristen and the review of what is due.

The periods are saved as soon as a field is left, like the other settings of the
coordination; they reach the laptops with the next return packages.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
)

from hamm_field.domain import retention as periods
from hamm_field.i18n import gettext as _
from hamm_field.ui.context import UiContext
from hamm_field.ui.dialogs.retention_review import RetentionReview


class RetentionBox(QGroupBox):
    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.review: RetentionReview | None = None
        self.saved: dict[str, int] = {}
        self.fields: dict[str, QSpinBox] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout(self)
        for name, period in periods.PERIODS.items():
            spin = QSpinBox()
            spin.setRange(period.low, period.high)
            spin.setValue(period.default)
            spin.editingFinished.connect(self.save)
            label = QLabel()  # one line: a wrapped label in a form gets squeezed
            label.setBuddy(spin)
            form.addRow(label, spin)
            self.fields[name], self.labels[name] = spin, label
        self.four_eyes = QCheckBox()
        self.four_eyes.toggled.connect(self._four_eyes_toggled)
        form.addRow(self.four_eyes)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form.addRow(self.hint)
        self.review_button = QPushButton()
        self.review_button.clicked.connect(self.show_review)
        self.review_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        form.addRow(self.review_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Löschfristen"))
        for name, period in periods.PERIODS.items():
            text = _(period.label)
            self.labels[name].setText(text + ":")
            self.fields[name].setAccessibleName(text)
            self.fields[name].setSuffix(_(" Monate") if period.unit == "months" else _(" Tage"))
        self.four_eyes.setText(_("Vier-Augen-Prinzip: eine zweite Person bestätigt jede "
                                 "Löschung"))  # fmt: skip
        self.hint.setText(_(
            "Die Fristen gelten auch auf den Laptops: sie entfernen Fälliges selbst, sobald "
            "ihre Änderungen bestätigt sind. Gelöscht wird hier nach Prüfung."))  # fmt: skip
        self.review_button.setText(_("Zur Löschung fällig …"))

    def refresh(self) -> None:
        retention = self.ui.services.retention
        self.ui.submit(lambda: (retention.rules(), retention.four_eyes()), parent=self,
                       on_success=self._show)

    def _show(self, loaded: tuple[dict[str, int], bool]) -> None:
        rules, four_eyes = loaded
        self.saved = dict(rules)
        for name, spin in self.fields.items():
            spin.blockSignals(True)
            spin.setValue(rules[name])
            spin.blockSignals(False)
        self.four_eyes.blockSignals(True)
        self.four_eyes.setChecked(four_eyes)
        self.four_eyes.blockSignals(False)

    def save(self) -> None:
        values = {name: spin.value() for name, spin in self.fields.items()}
        changed = {name: value for name, value in values.items()
                   if value != self.saved.get(name)}  # fmt: skip
        if not changed:
            return  # leaving a field unchanged is no new setting
        self.saved.update(changed)
        self.ui.submit(self.ui.services.retention.set_rules, changed, parent=self,
                       on_success=lambda rules: self._show((rules, self.four_eyes.isChecked())))

    def _four_eyes_toggled(self, on: bool) -> None:
        self.ui.submit(self.ui.services.retention.set_four_eyes, on, parent=self)

    def show_review(self) -> RetentionReview:
        dialog = RetentionReview(self.ui, self.window())
        dialog.finished.connect(self._review_closed)
        self.review = dialog
        dialog.open()
        return dialog

    def _review_closed(self) -> None:
        if self.review is not None:
            self.review.deleteLater()
        self.review = None
