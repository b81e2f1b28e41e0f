"""The signed-report freeze on the server, as triggers for PostgreSQL and SQLite.

Same rule as the laptop (store/triggers.py): a signed report and its visit records
refuse every change unless the reopen command put a grant row for the report in the
same transaction. The server's own bookkeeping (stamping `server_seq` at commit) is
not a change of content, so the update triggers list every column but that one.
"""

from __future__ import annotations

from crm_desktop.store.triggers import FREEZE_TRIGGERS as LAPTOP_TRIGGERS

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
