"""Writes of defector cases (F16) on the server: the laptop's form rules, once more.

A pushed create or update is merged over the stored row and checked against the rules
that do not depend on the day (domain/churn.py `check_case_columns`), so a hand-made
request cannot store a case of an unknown type, without a root cause, or won back
without a date. Who may write it is the ordinary scope rule of an owned record.
"""

from __future__ import annotations

from crm_desktop.domain.churn import check_case_columns
from crm_desktop.domain.errors import ValidationError
from crm_desktop.sync.protocol import Mutation
from crm_desktop.sync.server.policy import parse_patch
from crm_desktop.sync.server.tx import Rejection, Tx

ENTITY = "defection_case"


def check_case_write(tx: Tx, m: Mutation) -> None:
    if m.name not in ("create", "update"):
        return
    values = parse_patch(ENTITY, m.patch)
    row = None if m.name == "create" else tx.load(ENTITY, m.row_id, lock=False)
    if m.name == "update" and row is None:
        return  # the policy answers not_found
    try:
        check_case_columns({**(row or {}), **values})
    except ValidationError as error:
        raise Rejection("invalid", error.message_en) from error
