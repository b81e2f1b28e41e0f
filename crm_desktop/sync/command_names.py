"""Which entity each named command acts on (shared by the laptop and the server)."""

from __future__ import annotations

COMMAND_ENTITY = {
    "submit_plan": "visit_plan",
    "countersign_plan": "visit_plan",
    "return_plan": "visit_plan",
    "submit_report": "daily_report",
    "sign_report": "daily_report",
    "return_report": "daily_report",
    "reopen_report": "daily_report",
    "change_stage": "opportunity",
    "reassign_customer": "customer",
    "resolve_conflict": "conflict",
    "claim_lead": "lead",
    "assign_lead": "lead",
    "return_lead": "lead",
    "account_plan_step": "account_plan",
}


# Brings back a record a delete beat an update to (from the inbox). It acts on the
# mutation's own entity, whichever that is, so it is not in COMMAND_ENTITY.
UNDELETE = "undelete"


def command_entity(name: str) -> str | None:
    return COMMAND_ENTITY.get(name)
