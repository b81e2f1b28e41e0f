"""重点客户 Key accounts (issue 16): the key accounts the user sees with their plans' state,
the watch list 关注名单 of potential ones, and for the chosen account its plan, team,
relationship map, relationship health and events; the plan exports as .xlsx or PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.domain.account_plan_workflow import AccountPlanStatus
from crm_desktop.domain.errors import UserFacingError
from crm_desktop.services.key_accounts.plans import KeyAccountRow
from crm_desktop.services.key_accounts.records import WatchRow
from crm_desktop.ui import application
from crm_desktop.ui.activity.page_parts import heading
from crm_desktop.ui.key_accounts.account_tabs import (
    EventsTab,
    HealthTab,
    TeamTab,
    _fill,
    _selected_key,
    _table,
)
from crm_desktop.ui.key_accounts.map_tab import MapTab
from crm_desktop.ui.key_accounts.plan_export import export_plan
from crm_desktop.ui.key_accounts.plan_tab import PlanTab
from crm_desktop.ui.key_accounts.text import bi
from crm_desktop.ui.operations import CUSTOMERS, FOLLOW_UPS, KEY_ACCOUNTS, OpChanges
from crm_desktop.ui.pages.base import Page, PageContext


class WatchTab(QWidget):
    """关注名单: potential key accounts with the reason and the account that referred them."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lang = context.lang
        self.ka = context.services.key_accounts
        t = self.t
        self.table = _table(
            [
                t("客户", "Customer"),
                t("关注理由", "Reason"),
                t("推荐客户", "Referred by"),
                t("日期", "Since"),
            ]
        )
        self.customer = QComboBox()
        self.customer.setMinimumContentsLength(10)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(t("关注理由", "Why watch it"))
        self.referrer = QComboBox()
        add = QPushButton(t("加入关注", "Watch"))
        promote = QPushButton(t("升为重点客户", "Make key account"))
        remove = QPushButton(t("移出", "Remove"))
        add.clicked.connect(self.add)
        promote.clicked.connect(self.promote)
        remove.clicked.connect(self.remove)
        form = QVBoxLayout()
        form.addWidget(self.customer)
        form.addWidget(self.reason)
        row = QHBoxLayout()
        row.addWidget(QLabel(t("推荐客户", "Referred by")))
        row.addWidget(self.referrer, 1)
        form.addLayout(row)
        buttons = QHBoxLayout()
        for button in (add, promote, remove):
            buttons.addWidget(button)
        form.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)

    def t(self, zh: str, en: str) -> str:
        return bi(self.lang, zh, en)

    def reload(self, accounts: list[KeyAccountRow]) -> None:
        ka = self.ka
        self.referrer.clear()
        self.referrer.addItem("", None)
        for account in accounts:
            self.referrer.addItem(account.name, account.customer_id)
        self.context.operations.read(
            lambda: (ka.records.watch_list(), ka.watch_candidates()),
            parent=self,
            success=self._show,
        )

    def _show(self, found: tuple[list[WatchRow], list[tuple[str, str]]]) -> None:
        rows, candidates = found
        _fill(
            self.table,
            [[r.customer_name, r.reason, r.referrer_name, r.noted_on.isoformat()] for r in rows],
            [r.id for r in rows],
        )
        self.customer.clear()
        for customer_id, name in candidates:
            self.customer.addItem(name, customer_id)
        self.loaded.emit()

    def add(self) -> None:
        customer = self.customer.currentData()
        if not isinstance(customer, str):
            return
        ka, reason, referrer = self.ka, self.reason.text(), self.referrer.currentData()
        self.context.operations.write(
            lambda: ka.records.watch(customer, reason, referrer),
            KEY_ACCOUNTS,
            parent=self,
            success=lambda _id: self._added(),
        )

    def _added(self) -> None:
        self.reason.clear()
        self.changed.emit()

    def promote(self) -> None:
        record = _selected_key(self.table)
        if record is not None:
            ka = self.ka
            self.context.operations.write(
                lambda: ka.records.promote(record),
                KEY_ACCOUNTS | CUSTOMERS,
                parent=self,
                success=lambda _r: self.changed.emit(),
            )

    def remove(self) -> None:
        record = _selected_key(self.table)
        if record is not None:
            ka = self.ka
            self.context.operations.write(
                lambda: ka.records.remove(record),
                KEY_ACCOUNTS,
                parent=self,
                success=lambda _r: self.changed.emit(),
            )


class KeyAccountsPage(Page):
    key = "key_accounts"
    SHOWN = KEY_ACCOUNTS | CUSTOMERS
    listed = Signal()  # the key-account list is on screen

    @classmethod
    def title(cls) -> str:
        return bi(application.current_lang(), "重点客户", "Key accounts")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.lang = context.lang
        self.ka = context.services.key_accounts
        self.accounts: list[KeyAccountRow] = []
        t = self.t
        self.list = _table(
            [t("重点客户", "Key account"), t("客户经理", "Manager"), t("计划", "Plan")]
        )
        self.list.itemSelectionChanged.connect(self._chosen)
        self.watch = WatchTab(context)
        self.watch.changed.connect(self.reload)
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.list, t("重点客户", "Key accounts"))
        self.left_tabs.addTab(self.watch, t("关注名单", "Watch list"))
        self.left_tabs.setMinimumWidth(300)
        self.left_tabs.setMaximumWidth(520)
        self.account_title = QLabel()
        self.account_title.setObjectName("sectionTitle")
        self.export_xlsx = QPushButton(t("导出 Excel…", "Export Excel…"))
        self.export_pdf = QPushButton(t("导出 PDF…", "Export PDF…"))
        self.export_xlsx.clicked.connect(lambda: self.export(".xlsx"))
        self.export_pdf.clicked.connect(lambda: self.export(".pdf"))
        self.plan = PlanTab(context)
        self.team = TeamTab(context)
        self.map = MapTab(context)
        self.health = HealthTab(context)
        self.events = EventsTab(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan, t("客户计划", "Account plan"))
        self.tabs.addTab(self.team, t("客户团队", "Account team"))
        self.tabs.addTab(self.map, t("关系图", "Relationship map"))
        self.tabs.addTab(self.health, t("关系健康", "Relationship health"))
        self.tabs.addTab(self.events, t("大事记", "Events"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.account_title, 1)
        bar.addWidget(self.export_xlsx)
        bar.addWidget(self.export_pdf)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.left_tabs)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title()))
        layout.addWidget(splitter, 1)
        self.customer_id: str | None = None
        self._set_account(None)
        self.reload()
        context.operations.did_change.connect(self._on_changes)

    def t(self, zh: str, en: str) -> str:
        return bi(self.lang, zh, en)

    def _on_changes(self, changes: OpChanges, origin: object) -> None:
        if changes.touches(self.SHOWN):
            self.reload()

    def page_shown(self) -> None:
        self.reload()
        # Action items of active plans owned by this user become their follow-ups (a sync
        # may have brought a plan approved elsewhere); idempotent, so cheap to repeat.
        ka = self.ka
        self.context.operations.write(ka.plans.make_follow_ups, FOLLOW_UPS, parent=self)

    def reload(self) -> None:
        ka = self.ka
        self.context.operations.read(
            ka.plans.key_accounts, parent=self, success=self._show_accounts
        )

    def _show_accounts(self, accounts: list[KeyAccountRow]) -> None:
        self.accounts = accounts
        self.list.blockSignals(True)
        _fill(
            self.list,
            [[a.name, a.owner_name, self._plan_text(a)] for a in accounts],
            [a.customer_id for a in accounts],
        )
        keep = next((n for n, a in enumerate(accounts) if a.customer_id == self.customer_id), -1)
        if keep < 0 and accounts:
            keep = 0
        if keep >= 0:
            self.list.selectRow(keep)
        self.list.blockSignals(False)
        self.watch.reload(accounts)
        chosen = accounts[keep].customer_id if keep >= 0 else None
        if chosen != self.customer_id:
            self._set_account(chosen)
        self.listed.emit()

    def show_account(self, customer_id: str, tab: int = 0) -> None:
        """Choose an account and one of its tabs (the screenshots and tests use it)."""
        row = next((n for n, a in enumerate(self.accounts) if a.customer_id == customer_id), -1)
        if row >= 0:
            self.list.selectRow(row)
        self.tabs.setCurrentIndex(tab)

    def _plan_text(self, a: KeyAccountRow) -> str:
        if a.status is None:
            return self.t("无计划", "No plan")
        status = AccountPlanStatus(a.status).label(self.lang)
        return self.t(
            f"{a.plan_year} 第{a.version_no}版 {status}", f"{a.plan_year} v{a.version_no} {status}"
        )

    def _chosen(self) -> None:
        customer = _selected_key(self.list)
        if customer != self.customer_id:
            self._set_account(customer)

    def _set_account(self, customer_id: str | None) -> None:
        self.customer_id = customer_id
        account = next((a for a in self.accounts if a.customer_id == customer_id), None)
        self.account_title.setText(account.name if account else "")
        self.export_xlsx.setEnabled(account is not None and account.plan_id is not None)
        self.export_pdf.setEnabled(account is not None and account.plan_id is not None)
        self.plan.set_account(customer_id, None)
        for tab in (self.team, self.map, self.health, self.events):
            tab.set_account(customer_id)

    def export(self, suffix: str) -> None:
        view = self.plan.view
        if view is None:
            return
        name = f"{view.customer_name}-{view.plan_year}-v{view.version_no}{suffix}"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.t("导出客户计划", "Export the account plan"),
            str(Path.home() / name),
            f"*{suffix}",
        )
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        """Write the shown plan version to `path` (.xlsx or .pdf) on the GUI thread: the
        diagram is drawn with Qt, which wants the GUI thread; it takes well under a second."""
        view = self.plan.view
        if view is None:
            return
        try:
            export_plan(self.context.services, view.id, path, self.lang)
        except UserFacingError as error:
            application.show_error(error, self)
