"""The arguments of each named command, one typed model each (shared protocol).

The laptop builds a command's patch from its model (`to_patch`), the server reads it
back with the same model (`parse_args`), so a command carries exactly the fields both
ends agree on, with their types, and a malformed one is refused as `invalid` before
any rule runs. Unknown keys are ignored rather than refused: a newer laptop may send a
field an older server does not use yet.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticError

_TEXT = Field(default=None, max_length=2000)


class CommandArgs(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    def to_patch(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class NoArgs(CommandArgs):
    """submit_plan, submit_report, resolve_conflict."""


class ReviewArgs(CommandArgs):
    """countersign_plan, return_plan, return_report, reopen_report: the comment (批示意见)
    or the reason; whether it is required is the domain's rule (domain/commands.py)."""

    comment: str | None = _TEXT


class SignArgs(ReviewArgs):
    """sign_report: what the reviewer saw, for the compare-and-set."""

    version: int
    content_hash: str = Field(max_length=128)


class ChangeStageArgs(CommandArgs):
    stage: str = Field(min_length=1, max_length=40)
    won_on: dt.date | None = None
    won_reason: str | None = _TEXT
    lost_reason: str | None = _TEXT
    winning_competitor: str | None = Field(default=None, max_length=200)
    note: str | None = _TEXT
    # The id the laptop gave its provisional history row, so the server's row replaces it.
    history_id: str | None = Field(default=None, max_length=36)


class ReassignArgs(CommandArgs):
    """reassign_customer (handover 交接, domain/handover.py)."""

    to_user: str = Field(min_length=1, max_length=36)
    # The handover note; the app requires one, the rule's length limit is the domain's.
    note: str | None = Field(default=None, max_length=4000)
    # The id the laptop gave its provisional handover record, so the server's replaces it.
    handover_id: str | None = Field(default=None, max_length=36)
    # The handover day on the laptop's calendar: the customer leaves the old owner's
    # unsubmitted plans after it. Without it, the server's UTC date.
    handed_on: dt.date | None = None


class AccountPlanStepArgs(CommandArgs):
    """account_plan_step: one step of the account plan's workflow
    (domain/account_plan_workflow.py); a submission names the sponsor."""

    action: str = Field(min_length=1, max_length=20)
    comment: str | None = _TEXT
    sponsor_id: str | None = Field(default=None, max_length=36)


class AssignLeadArgs(CommandArgs):
    """assign_lead: the new owner and, if given, the follow-up due date."""

    to_user: str = Field(min_length=1, max_length=36)
    follow_up_due: dt.date | None = None


class ReturnLeadArgs(CommandArgs):
    """return_lead: why the lead goes back to the pool (kept in the request only)."""

    reason: str | None = _TEXT


class UndeleteArgs(CommandArgs):
    """undelete: the update the delete swept away, laid back on top."""

    patch: dict[str, Any] = Field(default_factory=dict)


COMMAND_ARGS: dict[str, type[CommandArgs]] = {
    "submit_plan": NoArgs,
    "countersign_plan": ReviewArgs,
    "return_plan": ReviewArgs,
    "submit_report": NoArgs,
    "sign_report": SignArgs,
    "return_report": ReviewArgs,
    "reopen_report": ReviewArgs,
    "change_stage": ChangeStageArgs,
    "reassign_customer": ReassignArgs,
    "resolve_conflict": NoArgs,
    "undelete": UndeleteArgs,
    "claim_lead": NoArgs,
    "assign_lead": AssignLeadArgs,
    "return_lead": ReturnLeadArgs,
    "account_plan_step": AccountPlanStepArgs,
}

A = TypeVar("A", bound=CommandArgs)


class BadArgs(ValueError):
    """A command's arguments do not fit its model; the message says which and why."""


def parse_args(name: str, patch: dict[str, Any], model: type[A]) -> A:
    """The command's arguments as `model`; BadArgs (with a short reason) when they do not
    fit it."""
    if COMMAND_ARGS.get(name) is not model:
        raise BadArgs(f"{name} does not take {model.__name__}")
    try:
        return model.model_validate(patch)
    except PydanticError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or name
        raise BadArgs(f"{where}: {first['msg']}") from error
