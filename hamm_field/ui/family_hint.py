"""What tells namesakes apart in a list of found families.

Seven families "Петров – Hamm-Westen" look alike; their members' given names, how many
they are and the street do not. The family list and the contact dialog's family search
show the same words, so a worker learns one way of reading them. In the list they are a
second, smaller line under the name and the Sozialraum (:class:`DetailDelegate`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from hamm_field.i18n import gettext as _
from hamm_field.i18n import ngettext
from hamm_field.services.privacy import PSEUDONYMOUS, RESTRICTED, SHARING_WITHDRAWN
from hamm_field.services.views import FamilyHit


def members_text(given_names: tuple[str, ...], count: int) -> str:
    """ "Мария, Иван, … · 4 Personen"; "keine Personen erfasst" for an empty family."""
    if not count:
        return _("keine Personen erfasst")
    names = ", ".join(given_names)
    if count > len(given_names):
        names = f"{names}, …" if names else "…"
    people = ngettext("{count} Person", "{count} Personen", count).format(count=count)
    return f"{names} · {people}"


def street(address: str | None) -> str:
    """The first line of an address: the street, without postcode and town."""
    if not address:
        return ""
    return address.replace("\n", ",").split(",")[0].strip()


def hit_details(hit: FamilyHit) -> str:
    """Members and street in one line, for the family search of a dialog."""
    parts = [members_text(hit.given_names, hit.member_count), street(hit.household.address)]
    return " · ".join(part for part in parts if part)


def marks_text(marks: frozenset[str]) -> str:
    """ "eingeschränkt (Art. 18) · Weitergabe widerrufen": what a list must not hide."""
    texts = {RESTRICTED: _("eingeschränkt (Art. 18)"), PSEUDONYMOUS: _("pseudonymisiert"),
             SHARING_WITHDRAWN: _("Weitergabe widerrufen")}
    return " · ".join(text for key, text in texts.items() if key in marks)


DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1  # the second line of a cell


class DetailDelegate(QStyledItemDelegate):
    """Draws a cell's ``DETAIL_ROLE`` text as a second, smaller and paler line."""

    def sizeHint(  # noqa: N802 - Qt API
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), two_line_height(option.fontMetrics))  # type: ignore[attr-defined]

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        detail = index.data(DETAIL_ROLE)
        if not detail:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""  # type: ignore[attr-defined]
        widget: Any = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(3, 0, -3, 0)
        half = rect.height() // 2
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette: QPalette = opt.palette  # type: ignore[attr-defined]
        role = QPalette.ColorRole
        painter.save()
        font = QFont(opt.font)  # type: ignore[attr-defined]
        self._line(painter, font, QRect(rect.left(), rect.top(), rect.width(), half), text,
                   palette.color(role.HighlightedText if selected else role.Text))
        font.setPointSizeF(font.pointSizeF() * 0.9)
        pale = palette.color(role.HighlightedText if selected else role.PlaceholderText)
        self._line(painter, font, QRect(rect.left(), rect.top() + half, rect.width(),
                                        rect.height() - half), str(detail), pale)
        painter.restore()

    @staticmethod
    def _line(painter: QPainter, font: QFont, rect: QRect, text: str, color: Any) -> None:
        painter.setFont(font)
        painter.setPen(color)
        elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         elided)


def two_line_height(metrics: QFontMetrics) -> int:
    """The height of a list row with a name and a detail line under it."""
    return metrics.height() * 2 + 10
