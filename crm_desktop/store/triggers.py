"""SQL triggers of the laptop store: the signed-report freeze and the customer search text.

They live in the database, not in Python, because the database is the guard: a write
from any path (service, sync apply, a stray script) meets the same rule.
"""

from __future__ import annotations

# A signed report and its visits refuse every change unless the reopen command put a
# grant row for that report in the same transaction.
_NOT_GRANTED = "NOT EXISTS (SELECT 1 FROM report_reopen_grants g WHERE g.report_id = {rid})"
_SIGNED = (
    "EXISTS (SELECT 1 FROM daily_reports r WHERE r.id = {rid} AND r.status = 'signed' AND "
    + _NOT_GRANTED.format(rid="r.id")
    + ")"
)

FREEZE_TRIGGERS = {
    "daily_reports_frozen_update": f"""
        CREATE TRIGGER daily_reports_frozen_update BEFORE UPDATE ON daily_reports
        WHEN OLD.status = 'signed' AND {_NOT_GRANTED.format(rid="OLD.id")}
        BEGIN SELECT RAISE(ABORT, 'frozen_report'); END""",
    "daily_reports_frozen_delete": f"""
        CREATE TRIGGER daily_reports_frozen_delete BEFORE DELETE ON daily_reports
        WHEN OLD.status = 'signed' AND {_NOT_GRANTED.format(rid="OLD.id")}
        BEGIN SELECT RAISE(ABORT, 'frozen_report'); END""",
    "visit_records_frozen_insert": f"""
        CREATE TRIGGER visit_records_frozen_insert BEFORE INSERT ON visit_records
        WHEN {_SIGNED.format(rid="NEW.report_id")}
        BEGIN SELECT RAISE(ABORT, 'frozen_report'); END""",
    "visit_records_frozen_update": f"""
        CREATE TRIGGER visit_records_frozen_update BEFORE UPDATE ON visit_records
        WHEN {_SIGNED.format(rid="OLD.report_id")} OR {_SIGNED.format(rid="NEW.report_id")}
        BEGIN SELECT RAISE(ABORT, 'frozen_report'); END""",
    "visit_records_frozen_delete": f"""
        CREATE TRIGGER visit_records_frozen_delete BEFORE DELETE ON visit_records
        WHEN {_SIGNED.format(rid="OLD.report_id")}
        BEGIN SELECT RAISE(ABORT, 'frozen_report'); END""",
}

# The haystack a customer is found by: its names and phone, and its live contacts' names
# and phones. lower() folds ASCII case; Chinese has none.
_HAYSTACK = """(
    SELECT lower(c.name || ' ' || ifnull(c.short_name, '') || ' ' || ifnull(c.phone, '')
        || ' ' || ifnull((SELECT group_concat(k.name || ' ' || ifnull(k.mobile, '') || ' '
                                              || ifnull(k.phone, ''), ' ')
                          FROM contacts k WHERE k.customer_id = c.id AND k.deleted = 0), ''))
    FROM customers c WHERE c.id = {cid})"""


def _refresh(cid: str) -> str:
    return (
        "INSERT OR REPLACE INTO customer_search (customer_id, haystack) "
        f"SELECT {cid}, {_HAYSTACK.format(cid=cid)} WHERE EXISTS "
        f"(SELECT 1 FROM customers WHERE id = {cid});"
    )


SEARCH_TRIGGERS = {
    "customers_search_insert": f"""
        CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
        BEGIN {_refresh("NEW.id")} END""",
    "customers_search_update": f"""
        CREATE TRIGGER customers_search_update AFTER UPDATE OF name, short_name, phone
        ON customers BEGIN {_refresh("NEW.id")} END""",
    "customers_search_delete": """
        CREATE TRIGGER customers_search_delete AFTER DELETE ON customers
        BEGIN DELETE FROM customer_search WHERE customer_id = OLD.id; END""",
    "contacts_search_insert": f"""
        CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts
        BEGIN {_refresh("NEW.customer_id")} END""",
    "contacts_search_update": f"""
        CREATE TRIGGER contacts_search_update
        AFTER UPDATE OF name, mobile, phone, deleted, customer_id ON contacts
        BEGIN {_refresh("OLD.customer_id")} {_refresh("NEW.customer_id")} END""",
    "contacts_search_delete": f"""
        CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts
        BEGIN {_refresh("OLD.customer_id")} END""",
}

ALL_TRIGGERS = {**FREEZE_TRIGGERS, **SEARCH_TRIGGERS}
