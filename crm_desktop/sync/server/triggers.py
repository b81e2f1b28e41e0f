"""The signed-report freeze on the server, as triggers for PostgreSQL and SQLite.

Same rule as the laptop (store/triggers.py): a signed report and its visit records
refuse every change unless the reopen command put a grant row for the report in the
same transaction. The server's own bookkeeping (stamping `server_seq` at commit) is
not a change of content, so the update triggers list every column but that one.
"""

from __future__ import annotations

from crm_desktop.store.triggers import FREEZE_TRIGGERS as LAPTOP_TRIGGERS
from crm_desktop.store.triggers import REPLACE_GUARD_TRIGGERS

# Content columns as of revision s0001; a migration that adds columns to these tables
# must recreate the triggers with the new lists.
REPORT_COLUMNS = [
    "report_date",
    "plan_id",
    "status",
    "attendance",
    "expenses_fen",
    "expense_note",
    "reflections",
    "due_at",
    "submitted_at",
    "signed_at",
    "signed_by",
    "review_comment",
    "content_hash",
    "reopen_count",
    "id",
    "owner_id",
    "team_id",
    "version",
    "deleted",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
]
VISIT_COLUMNS = [
    "report_id",
    "plan_item_id",
    "customer_id",
    "visit_date",
    "planned",
    "contacts_met",
    "purpose",
    "start_time",
    "end_time",
    "outcome",
    "is_effective",
    "order_amount_fen",
    "collection_amount_fen",
    "complaint_handled",
    "competitor_info",
    "customer_feedback",
    "customer_news",
    "next_step",
    "next_step_on",
    "id",
    "owner_id",
    "team_id",
    "version",
    "deleted",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
]


def _of(columns: list[str]) -> str:
    return ", ".join(columns)


def sqlite_triggers() -> dict[str, str]:
    """The laptop's triggers, with UPDATE narrowed to content columns."""
    triggers = dict(LAPTOP_TRIGGERS)
    triggers["daily_reports_frozen_update"] = triggers["daily_reports_frozen_update"].replace(
        "BEFORE UPDATE ON daily_reports",
        f"BEFORE UPDATE OF {_of(REPORT_COLUMNS)} ON daily_reports",
    )
    triggers["visit_records_frozen_update"] = triggers["visit_records_frozen_update"].replace(
        "BEFORE UPDATE ON visit_records",
        f"BEFORE UPDATE OF {_of(VISIT_COLUMNS)} ON visit_records",
    )
    return triggers


POSTGRES_FUNCTIONS = [
    """
    CREATE OR REPLACE FUNCTION crm_report_frozen(rid text) RETURNS boolean AS $$
        SELECT EXISTS (SELECT 1 FROM daily_reports r WHERE r.id = rid AND r.status = 'signed')
           AND NOT EXISTS (SELECT 1 FROM report_reopen_grants g WHERE g.report_id = rid)
    $$ LANGUAGE sql STABLE""",
    """
    CREATE OR REPLACE FUNCTION crm_freeze_report() RETURNS trigger AS $$
    BEGIN
        IF crm_report_frozen(OLD.id) THEN
            RAISE EXCEPTION 'frozen_report' USING ERRCODE = 'P0001';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """
    CREATE OR REPLACE FUNCTION crm_freeze_visit() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND crm_report_frozen(OLD.report_id) THEN
            RAISE EXCEPTION 'frozen_report' USING ERRCODE = 'P0001';
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND crm_report_frozen(NEW.report_id) THEN
            RAISE EXCEPTION 'frozen_report' USING ERRCODE = 'P0001';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
]


def postgres_triggers() -> dict[str, str]:
    return {
        "daily_reports_frozen_update": (
            f"CREATE TRIGGER daily_reports_frozen_update BEFORE UPDATE OF {_of(REPORT_COLUMNS)}"
            " OR DELETE ON daily_reports FOR EACH ROW EXECUTE FUNCTION crm_freeze_report()"
        ),
        "visit_records_frozen": (
            f"CREATE TRIGGER visit_records_frozen BEFORE INSERT OR UPDATE OF {_of(VISIT_COLUMNS)}"
            " OR DELETE ON visit_records FOR EACH ROW EXECUTE FUNCTION crm_freeze_visit()"
        ),
    }


def create_statements(dialect: str) -> list[str]:
    """DDL creating the freeze triggers on this dialect ('postgresql' or 'sqlite')."""
    if dialect == "postgresql":
        return [*POSTGRES_FUNCTIONS, *postgres_triggers().values()]
    return list(sqlite_triggers().values())


# Revision s0005: the bypasses a row trigger cannot see. On SQLite, REPLACE deletes the
# row it collides with without firing its delete triggers: the laptop's replace guards.
# On PostgreSQL, TRUNCATE fires no row trigger: a statement trigger refuses it while a
# signed report exists. The server itself never truncates (purge and handover DELETE rows
# and meet the row triggers); a deliberate reset (a test emptying its database between
# examples, an operator rebuilding a server) says so in its own transaction first with
# ALLOW_TRUNCATE.
ALLOW_TRUNCATE = "SET LOCAL crm.allow_truncate = 'on'"
TRUNCATE_GUARDED = ("daily_reports", "visit_records")
POSTGRES_TRUNCATE_FUNCTION = """
    CREATE OR REPLACE FUNCTION crm_refuse_truncate() RETURNS trigger AS $$
    BEGIN
        IF coalesce(current_setting('crm.allow_truncate', true), '') <> 'on'
           AND EXISTS (SELECT 1 FROM daily_reports WHERE status = 'signed') THEN
            RAISE EXCEPTION 'frozen_report' USING ERRCODE = 'P0001';
        END IF;
        RETURN NULL;
    END $$ LANGUAGE plpgsql"""


def truncate_trigger_name(table: str) -> str:
    return f"{table}_frozen_truncate"


def bypass_guard_statements(dialect: str) -> list[str]:
    """DDL of revision s0005 on this dialect (idempotent: it drops what it recreates)."""
    if dialect == "postgresql":
        statements = [POSTGRES_TRUNCATE_FUNCTION]
        for table in TRUNCATE_GUARDED:
            name = truncate_trigger_name(table)
            statements += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} BEFORE TRUNCATE ON {table}"
                " FOR EACH STATEMENT EXECUTE FUNCTION crm_refuse_truncate()",
            ]
        return statements
    statements = []
    for name, ddl in REPLACE_GUARD_TRIGGERS.items():
        statements += [f"DROP TRIGGER IF EXISTS {name}", ddl]
    return statements


def drop_bypass_guard_statements(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [
            *(
                f"DROP TRIGGER IF EXISTS {truncate_trigger_name(t)} ON {t}"
                for t in TRUNCATE_GUARDED
            ),
            "DROP FUNCTION IF EXISTS crm_refuse_truncate()",
        ]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in REPLACE_GUARD_TRIGGERS]
