"""The customer list's search box and filters; turns the widgets into a CustomerQuery."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from crm_desktop.domain.picklists import CustomerStatus, ValueClass
from crm_desktop.services.customers.customer_list import CustomerQuery, FilterChoices, SortKey
from crm_desktop.ui.widgets import combo_code, picklist_combo, select_code


class CustomerFilterBar(QWidget):
    """`text_changed` fires per keystroke (the page debounces); `filters_changed` at once."""

    text_changed = Signal()
    filters_changed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search name, short name, phone, contact…"))
        self.search.setClearButtonEnabled(True)
        self.value_class = picklist_combo(ValueClass, lang, empty=self.tr("All classes"))
        self.status = picklist_combo(CustomerStatus, lang, empty=self.tr("All statuses"))
        self.owner = QComboBox()
        self.region = QComboBox()
        self.key_only = QCheckBox(self.tr("Key accounts only"))
        self.set_choices(FilterChoices(owners=[], regions=[]))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for combo in (self.value_class, self.status, self.owner, self.region):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            layout.addWidget(combo)
            combo.currentIndexChanged.connect(self._combo_changed)
        layout.addWidget(self.key_only)
        self.search.textChanged.connect(self.text_changed)
        self.key_only.toggled.connect(self.filters_changed)
        self._filling = False

    def _combo_changed(self) -> None:
        if not self._filling:
            self.filters_changed.emit()

    def set_choices(self, choices: FilterChoices) -> None:
        """Refill the owner and region combos, keeping what is selected if still there."""
        self._filling = True
        try:
            owner, region = combo_code(self.owner), combo_code(self.region)
            self.owner.clear()
            self.owner.addItem(self.tr("All owners"), None)
            for user_id, name in choices.owners:
                self.owner.addItem(name, user_id)
            self.region.clear()
            self.region.addItem(self.tr("All regions"), None)
            for name in choices.regions:
                self.region.addItem(name, name)
            select_code(self.owner, owner)
            select_code(self.region, region)
        finally:
            self._filling = False

    def query(self, sort: SortKey, descending: bool) -> CustomerQuery:
        return CustomerQuery(
            text=self.search.text().strip(),
            value_class=combo_code(self.value_class),
            status=combo_code(self.status),
            owner_id=combo_code(self.owner),
            region=combo_code(self.region),
            key_accounts_only=self.key_only.isChecked(),
            sort=sort,
            descending=descending,
        )
