"""The conflict inbox: what the server overrode or refused, with re-apply / discard.

Each row shows the record (entity label and name), the kind of conflict, when it
happened and a readable diff of the user's values against the server's snapshot.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services.sync import Conflict


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    return text


ENTITIES = {
    "customer": QT_TRANSLATE_NOOP("SyncEntity", "Customer"),
    "contact": QT_TRANSLATE_NOOP("SyncEntity", "Contact"),
    "opportunity": QT_TRANSLATE_NOOP("SyncEntity", "Opportunity"),
    "visit_plan": QT_TRANSLATE_NOOP("SyncEntity", "Visit plan"),
    "plan_item": QT_TRANSLATE_NOOP("SyncEntity", "Plan item"),
    "daily_report": QT_TRANSLATE_NOOP("SyncEntity", "Daily report"),
    "visit_record": QT_TRANSLATE_NOOP("SyncEntity", "Visit record"),
    "market_report": QT_TRANSLATE_NOOP("SyncEntity", "Market report"),
    "complaint": QT_TRANSLATE_NOOP("SyncEntity", "Complaint"),
    "follow_up": QT_TRANSLATE_NOOP("SyncEntity", "Follow-up"),
    "stage_history": QT_TRANSLATE_NOOP("SyncEntity", "Stage change"),
    "target": QT_TRANSLATE_NOOP("SyncEntity", "Target"),
    "handover": QT_TRANSLATE_NOOP("SyncEntity", "Handover"),
    "lead": QT_TRANSLATE_NOOP("SyncEntity", "Lead"),
}

KINDS = {
    "overwritten": QT_TRANSLATE_NOOP("SyncKind", "Overwritten by the server"),
    "guarded_field": QT_TRANSLATE_NOOP("SyncKind", "Protected field kept the server's value"),
    "frozen_report": QT_TRANSLATE_NOOP("SyncKind", "Rejected: the daily report is signed"),
    "amendment_request": QT_TRANSLATE_NOOP(
        "SyncKind", "Amendment request for a signed daily report"
    ),
    "update_deleted": QT_TRANSLATE_NOOP("SyncKind", "Deleted before your edit arrived"),
    "deleted_after_update": QT_TRANSLATE_NOOP("SyncKind", "Deleted over your edit"),
    # e.g. a handover by someone who may not hand over (domain/handover.py)
    "forbidden": QT_TRANSLATE_NOOP("SyncKind", "Refused: you may not make this change"),
    "lead_taken": QT_TRANSLATE_NOOP("SyncKind", "Rejected: another rep claimed the lead first"),
    "double_pursuit": QT_TRANSLATE_NOOP(
        "SyncKind", "Rejected: another rep already owns this customer (double pursuit)"
    ),
}
REJECTED = QT_TRANSLATE_NOOP("SyncKind", "Rejected (%1)")

FIELDS = {
    "name": QT_TRANSLATE_NOOP("SyncField", "Name"),
    "short_name": QT_TRANSLATE_NOOP("SyncField", "Short name"),
    "phone": QT_TRANSLATE_NOOP("SyncField", "Phone"),
    "address": QT_TRANSLATE_NOOP("SyncField", "Address"),
    "notes": QT_TRANSLATE_NOOP("SyncField", "Notes"),
    "status": QT_TRANSLATE_NOOP("SyncField", "Status"),
    "owner_id": QT_TRANSLATE_NOOP("SyncField", "Owner"),
    "stage": QT_TRANSLATE_NOOP("SyncField", "Stage"),
    "amount": QT_TRANSLATE_NOOP("SyncField", "Amount"),
    "summary": QT_TRANSLATE_NOOP("SyncField", "Summary"),
    "content": QT_TRANSLATE_NOOP("SyncField", "Content"),
    "region": QT_TRANSLATE_NOOP("SyncField", "Region"),
    "tax_id": QT_TRANSLATE_NOOP("SyncField", "Tax ID"),
    "note": QT_TRANSLATE_NOOP("SyncField", "Note"),
}
# Bookkeeping columns a user never typed; left out of the diff.
HIDDEN_FIELDS = frozenset(
    {"id", "version", "updated_at", "created_at", "updated_by", "name_key", "deleted"}
    # a handover's ids and day: the reason and the note say what the user needs
    | {"to_user", "handover_id", "handed_on"}
)
MAX_VALUE_CHARS = 40


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def entity_label(conflict: Conflict) -> str:
    label = ENTITIES.get(conflict.entity)
    kind = _tr("SyncEntity", label) if label else conflict.entity
    snapshot = conflict.server_snapshot or {}
    patch = _patch(conflict)
    name = snapshot.get("name") or patch.get("name") or snapshot.get("report_date")
    return f"{kind} · {name}" if name else f"{kind} · {conflict.row_id[-8:]}"


def kind_label(kind: str) -> str:
    label = KINDS.get(kind)
    if label:
        return _tr("SyncKind", label)
    return _tr("SyncKind", REJECTED).replace("%1", kind)


def _patch(conflict: Conflict) -> dict[str, Any]:
    patch = conflict.client_payload.get("patch")
    return patch if isinstance(patch, dict) else {}


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def refusal_reason(conflict: Conflict) -> str | None:
    """Why the server refused, in the interface's language, when a rule said so (a
    handover by someone who may not hand over: domain/handover.py)."""
    key = "reason_en" if QLocale().name().startswith("en") else "reason_zh"
    reason = conflict.client_payload.get(key)
    return reason if isinstance(reason, str) and reason else None


def diff_lines(conflict: Conflict) -> list[str]:
    """The refusal's reason, if any, then one line per field the user wrote:
    `Field: yours → server's`."""
    snapshot = conflict.server_snapshot or {}
    reason = refusal_reason(conflict)
    lines = [reason] if reason else []
    for key, mine in _patch(conflict).items():
        if key in HIDDEN_FIELDS:
            continue
        label = _tr("SyncField", FIELDS[key]) if key in FIELDS else key
        if conflict.server_snapshot is None or key not in snapshot:
            change = _value(mine)
        else:
            change = f"{_value(mine)} → {_value(snapshot[key])}"
        lines.append(
            QCoreApplication.translate("ConflictInbox", "%1: %2")
            .replace("%1", label)
            .replace("%2", change)
        )
    return lines


def _when(value: dt.datetime) -> str:
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


class ConflictInbox(QWidget):
    """The table of open conflicts and the two actions on the selected one."""

    reapply_requested = Signal(str)
    discard_requested = Signal(str)

    COLUMNS = (
        QT_TRANSLATE_NOOP("ConflictInbox", "Record"),
        QT_TRANSLATE_NOOP("ConflictInbox", "Kind"),
        QT_TRANSLATE_NOOP("ConflictInbox", "When"),
        QT_TRANSLATE_NOOP("ConflictInbox", "Your values → server's values"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflicts: list[Conflict] = []
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels([_tr("ConflictInbox", c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 230)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        # Only about conflicts: whether the changes reached the server is the sync
        # group's line (sync/page.py), which knows what is still waiting.
        self.empty = QLabel(self.tr("No conflicts."))
        self.empty.setObjectName("pageNote")
        # At the top, not floating mid-box over an empty table's space.
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.reapply_button = QPushButton(self.tr("Re-apply my values"))
        self.reapply_button.setToolTip(
            self.tr("Write your values again over the server's version (synced next time).")
        )
        # A delete beat the user's edit: re-applying it means bringing the record back,
        # which the service's re-apply of such an entry does (the `undelete` command).
        self.undelete_button = QPushButton(self.tr("Undelete with my values"))
        self.undelete_button.setToolTip(
            self.tr("Bring the deleted record back, with your edit on top (synced next time).")
        )
        self.discard_button = QPushButton(self.tr("Discard (keep the server's)"))
        self.reapply_button.clicked.connect(lambda: self._emit(self.reapply_requested))
        self.undelete_button.clicked.connect(lambda: self._emit(self.reapply_requested))
        self.discard_button.clicked.connect(lambda: self._emit(self.discard_requested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.reapply_button)
        buttons.addWidget(self.undelete_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.set_conflicts([])

    def set_conflicts(self, conflicts: list[Conflict]) -> None:
        selected = self.selected_id()
        self.conflicts = list(conflicts)
        self.table.setRowCount(len(conflicts))
        for row, conflict in enumerate(conflicts):
            diff = diff_lines(conflict)
            cells = (
                entity_label(conflict),
                kind_label(conflict.kind),
                _when(conflict.created_at),
                "\n".join(diff) or "—",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, conflict.id)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            if conflict.id == selected:
                self.table.selectRow(row)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not conflicts)
        self.table.setVisible(bool(conflicts))
        # No entry, nothing to act on: no row of greyed-out buttons either.
        for button in (self.reapply_button, self.undelete_button, self.discard_button):
            button.setVisible(bool(conflicts))
        if conflicts and self.selected_id() is None:
            self.table.selectRow(0)
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.conflicts):
            return None
        return self.conflicts[rows[0].row()].id

    def _update_buttons(self) -> None:
        conflict_id = self.selected_id()
        selected = next((c for c in self.conflicts if c.id == conflict_id), None)
        # A signed report's entries can only be acknowledged: its content is frozen.
        self.reapply_button.setEnabled(selected is not None and selected.can_reapply)
        self.undelete_button.setEnabled(selected is not None and selected.can_undelete)
        self.discard_button.setEnabled(selected is not None)

    def set_busy(self, busy: bool) -> None:
        self.table.setEnabled(not busy)
        if busy:
            self.reapply_button.setEnabled(False)
            self.undelete_button.setEnabled(False)
            self.discard_button.setEnabled(False)
        else:
            self._update_buttons()

    def _emit(self, signal: Any) -> None:
        conflict_id = self.selected_id()
        if conflict_id is not None:
            signal.emit(conflict_id)
