"""Team policy rows: the rules that decide synced values (domain/policy.py).

Reference data every laptop pulls; the row's `team_id` is the team it applies to (NULL:
the company default). Managers and admins write them (domain/org.py).

`confirm_amount_above_yuan` (revision 0010) may be NULL: a row pulled from a server that
predates the column comes without it, and the domain reads NULL as the built-in default
(domain/policy.py `check_confirm_ceiling`) instead of the pull failing on a NOT NULL.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer
from sqlalchemy.orm import Mapped, mapped_column

from crm_desktop.domain.policy import DEFAULT_POLICY
from crm_desktop.store.base import Base, Synced

_DEFAULTS = DEFAULT_POLICY.columns()


def _column(name: str) -> Mapped[int]:
    return mapped_column(Integer, default=_DEFAULTS[name], server_default=str(_DEFAULTS[name]))


class TeamPolicyRow(Synced, Base):
    __tablename__ = "team_policies"
    __sync_entity__ = "team_policy"

    report_due_hour: Mapped[int] = _column("report_due_hour")
    cadence_a_days: Mapped[int] = _column("cadence_a_days")
    cadence_b_days: Mapped[int] = _column("cadence_b_days")
    cadence_c_days: Mapped[int] = _column("cadence_c_days")
    abc_a_share_pct: Mapped[int] = _column("abc_a_share_pct")
    abc_b_share_pct: Mapped[int] = _column("abc_b_share_pct")
    # BigInteger: up to the hard limit (10万亿 yuan), beyond PostgreSQL's 32-bit integer.
    confirm_amount_above_yuan: Mapped[int | None] = mapped_column(
        BigInteger,
        nullable=True,
        default=_DEFAULTS["confirm_amount_above_yuan"],
        server_default=str(_DEFAULTS["confirm_amount_above_yuan"]),
    )
