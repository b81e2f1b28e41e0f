"""The card's 基本资料 tab: every field of the customer, read-only, grouped like the form."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QWidget,
)

from crm_desktop.domain.customer import SENSITIVE_FIELDS
from crm_desktop.domain.money import format_fen
from crm_desktop.domain.picklists import CustomerStatus
from crm_desktop.services.customers.customers import CustomerCard
from crm_desktop.ui.customers.fields import GROUPS, LOSS_FIELDS, Field, Kind, translated
from crm_desktop.ui.widgets import ALERT_COLOR, date_text, or_dash, picklist_label, two_columns


def _yes_no(value: bool) -> str:
    return (
        QCoreApplication.translate("CustomerOverview", "Yes")
        if value
        else QCoreApplication.translate("CustomerOverview", "No")
    )


def field_text(spec: Field, card: CustomerCard, lang: str) -> str:
    """How one field of the card reads to a person."""
    value = getattr(card.draft, spec.name)
    if spec.kind == Kind.OWNER:
        return card.owner_name or ""
    if spec.kind == Kind.PICKLIST and spec.picklist is not None:
        return picklist_label(spec.picklist, value, lang)
    if spec.kind == Kind.FLAG:
        return _yes_no(bool(value))
    if spec.kind == Kind.MONEY:
        return format_fen(value) if isinstance(value, int) else ""
    return "" if value is None else str(value)


class CustomerOverview(QWidget):
    """Read-only labels for all fields; `show_card` fills them."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.values: dict[str, QLabel] = {}
        self._forms: dict[str, QFormLayout] = {}
        boxes: list[tuple[int, QWidget]] = []
        for group in GROUPS:
            box = QGroupBox(translated(group.title))
            form = QFormLayout(box)
            for spec in group.fields:
                self._add_row(form, spec.name, translated(spec.label))
            if group.title == "Classification":
                self._add_row(
                    form,
                    "value_class",
                    QCoreApplication.translate("CustomerOverview", "Value class"),
                )
                self._add_row(
                    form,
                    "last_visit",
                    QCoreApplication.translate("CustomerOverview", "Last effective visit"),
                )
                self._add_row(
                    form,
                    "next_visit",
                    QCoreApplication.translate("CustomerOverview", "Next visit due"),
                )
            boxes.append((group.column, box))
        two_columns(boxes, self).setContentsMargins(8, 8, 8, 8)

    def _add_row(self, form: QFormLayout, name: str, label: str) -> None:
        value = QLabel()
        value.setObjectName(f"value_{name}")
        value.setProperty("role", "value")  # style.qss: values dark, field names muted
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(label, value)
        self.values[name] = value
        self._forms[name] = form

    def show_card(self, card: CustomerCard) -> None:
        hidden = QCoreApplication.translate(
            "CustomerOverview", "Confidential (owner and superiors only)"
        )
        for group in GROUPS:
            for spec in group.fields:
                if card.sensitive_hidden and spec.name in SENSITIVE_FIELDS:
                    text = hidden
                else:
                    text = or_dash(field_text(spec, card, self.lang))
                self.values[spec.name].setText(text)
        self.values["value_class"].setText(or_dash(card.value_class))
        self.values["last_visit"].setText(or_dash(date_text(card.last_effective_visit_on)))
        self._show_next_visit(card)
        lost = card.draft.status == CustomerStatus.LOST.value
        for name in LOSS_FIELDS:
            self._forms[name].setRowVisible(self.values[name], lost)

    def _show_next_visit(self, card: CustomerCard) -> None:
        """The day the next effective visit is due by the class's cadence, in red once
        it has passed (or when the customer was never visited effectively)."""
        label = self.values["next_visit"]
        due = date_text(card.next_visit_due_on)
        if card.visit_overdue:
            note = (
                QCoreApplication.translate("CustomerOverview", "overdue")
                if due
                else QCoreApplication.translate(
                    "CustomerOverview", "Due now: no effective visit yet"
                )
            )
            text = f"{due} · {note}" if due else note
        else:
            text = due
        label.setText(or_dash(text))
        label.setStyleSheet(
            f"color: {ALERT_COLOR}; font-weight: bold;" if card.visit_overdue else ""
        )
        label.setProperty("overdue", card.visit_overdue)
