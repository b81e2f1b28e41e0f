"""The customer card's value line (§2.7-2.8): trailing 12-month orders, the year before,
share of customer when the category spend is known, and the lifetime-value estimate."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.domain.errors import UserFacingError
from crm_desktop.domain.kpi import to_percent
from crm_desktop.services.container import Services
from crm_desktop.ui.widgets import compact_money


def value_text(services: Services, customer_id: str, lang: str) -> str:
    """One line for the card; empty when the customer is gone."""
    try:
        value = services.churn().value(customer_id)
    except UserFacingError:
        return ""
    chinese = not lang.startswith("en")
    share = to_percent(value.share, 0)
    unknown = QCoreApplication.translate("CustomerValue", "unknown")
    return (
        QCoreApplication.translate(
            "CustomerValue",
            "Orders, last 12 months %1 (year before %2) · share of customer %3 · "
            "lifetime value ≈ %4",
        )
        .replace("%1", compact_money(value.trailing_spend_fen, chinese=chinese))
        .replace("%2", compact_money(value.prior_spend_fen, chinese=chinese))
        .replace("%3", unknown if share is None else f"{share}%")
        .replace("%4", compact_money(value.lifetime_value_fen, chinese=chinese))
    )
