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

# REPLACE (INSERT OR REPLACE, UPDATE OR REPLACE, a REPLACE INTO from a stray script)
# removes the row it collides with without firing its delete triggers (they fire only with
# recursive_triggers on), so the triggers above never see a signed report or visit being
# replaced. These refuse a write whose primary or unique key would collide with a frozen
# row before SQLite resolves the conflict. Created by revision 0007 (server: s0005), not
# by 0001, which keeps creating only what it created when it was released.
_REPORT_COLLIDES = (
    "EXISTS (SELECT 1 FROM daily_reports r WHERE (r.id = NEW.id OR "
    "(r.owner_id = NEW.owner_id AND r.report_date = NEW.report_date)) {other}"
    "AND r.status = 'signed' AND " + _NOT_GRANTED.format(rid="r.id") + ")"
)
_VISIT_COLLIDES = (
    "EXISTS (SELECT 1 FROM visit_records v WHERE v.id = NEW.id {other}AND "
    + _SIGNED.format(rid="v.report_id")
    + ")"
)
REPLACE_GUARD_TRIGGERS = {
    "daily_reports_frozen_replace_insert": f"""
        CREATE TRIGGER daily_reports_frozen_replace_insert BEFORE INSERT ON daily_reports
        WHEN {_REPORT_COLLIDES.format(other="")}
        BEGIN SELECT RAISE(ABORT, 'frozen_report'); END""",
    "daily_reports_frozen_replace_update": f"""
        CREATE TRIGGER daily_reports_frozen_replace_update
        BEFORE UPDATE OF id, owner_id, report_date ON daily_reports
        WHEN {_REPORT_COLLIDES.format(other="AND r.id != OLD.id ")}
        BEGIN SELECT RAISE(ABORT, 'frozen_report'); END""",
    "visit_records_frozen_replace_insert": f"""
        CREATE TRIGGER visit_records_frozen_replace_insert BEFORE INSERT ON visit_records
        WHEN {_VISIT_COLLIDES.format(other="")}
        BEGIN SELECT RAISE(ABORT, 'frozen_report'); END""",
    "visit_records_frozen_replace_update": f"""
        CREATE TRIGGER visit_records_frozen_replace_update BEFORE UPDATE OF id ON visit_records
        WHEN NEW.id != OLD.id AND {_VISIT_COLLIDES.format(other="")}
        BEGIN SELECT RAISE(ABORT, 'frozen_report'); END""",
}

# The haystack a customer is found by: its names and phone, and its live contacts' names
# and phones. lower() folds ASCII case; Chinese has none.
_HAYSTACK = """(
    SELECT lower(c.name || ' ' || ifnull(c.short_name, '') || ' ' || ifnull(c.phone, '')
        || ' ' || ifnull((SELECT group_concat(k.name || ' ' || ifnull(k.mobile, '') || ' '
                                              || ifnull(k.phone, ''), ' ')
                          FROM contacts k WHERE k.customer_id = c.id AND k.deleted = 0), ''))
    FROM customers c WHERE c.rowid = {rowid})"""

_CUSTOMER_ROWID = "(SELECT rowid FROM customers WHERE id = {cid})"


def _refresh(rowid: str, sort_key: bool) -> str:
    # UPDATE rather than INSERT OR REPLACE: a REPLACE deletes without firing delete
    # triggers, which would leave the FTS index holding the old text.
    key = "sort_key = pinyin_key(cu.name), " if sort_key else ""
    return (
        f"UPDATE customer_search SET deleted = cu.deleted, name = cu.name, {key}"
        f"haystack = {_HAYSTACK.format(rowid=rowid)} "
        f"FROM customers cu WHERE cu.rowid = {rowid} AND customer_search.customer_rowid = {rowid};"
    )


def _search_triggers(sort_key: bool) -> dict[str, str]:
    """The triggers that keep customer_search; `sort_key` adds the name's pinyin key
    (revision 0009: the list's name order then walks an index instead of calling Python
    for 100,000 rows per keystroke; the function is registered on every connection of
    the store, store/pinyin.py)."""
    columns, values = "customer_rowid, deleted, name, haystack", "NEW.rowid, NEW.deleted, NEW.name"
    if sort_key:
        columns = "customer_rowid, deleted, name, sort_key, haystack"
        values += ", pinyin_key(NEW.name)"
    return {
        "customers_search_insert": f"""
        CREATE TRIGGER customers_search_insert AFTER INSERT ON customers
        BEGIN
            INSERT INTO customer_search ({columns})
            VALUES ({values}, {_HAYSTACK.format(rowid="NEW.rowid")});
        END""",
        "customers_search_update": f"""
        CREATE TRIGGER customers_search_update
        AFTER UPDATE OF name, short_name, phone, deleted ON customers
        BEGIN {_refresh("NEW.rowid", sort_key)} END""",
        "customers_search_delete": """
        CREATE TRIGGER customers_search_delete AFTER DELETE ON customers
        BEGIN DELETE FROM customer_search WHERE customer_rowid = OLD.rowid; END""",
        "contacts_search_insert": f"""
        CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts
        BEGIN {_refresh(_CUSTOMER_ROWID.format(cid="NEW.customer_id"), sort_key)} END""",
        "contacts_search_update": f"""
        CREATE TRIGGER contacts_search_update
        AFTER UPDATE OF name, mobile, phone, deleted, customer_id ON contacts
        BEGIN
            {_refresh(_CUSTOMER_ROWID.format(cid="OLD.customer_id"), sort_key)}
            {_refresh(_CUSTOMER_ROWID.format(cid="NEW.customer_id"), sort_key)}
        END""",
        "contacts_search_delete": f"""
        CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts
        BEGIN {_refresh(_CUSTOMER_ROWID.format(cid="OLD.customer_id"), sort_key)} END""",
    }


# As revision 0001 created them, and as they are since 0009.
SEARCH_TRIGGERS_0001 = _search_triggers(sort_key=False)
SEARCH_TRIGGERS = _search_triggers(sort_key=True)

# An FTS5 trigram index over the haystacks (external content: the text lives once, in
# customer_search). Trigrams answer any substring of three or more characters from the
# index; shorter terms are matched by walking ix_customer_search_order.
FTS_TABLE = "customer_fts"
CREATE_FTS = f"""
    CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        haystack, content='customer_search', content_rowid='customer_rowid',
        tokenize='trigram')"""
FTS_TRIGGERS = {
    "customer_fts_insert": f"""
        CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer_search BEGIN
            INSERT INTO {FTS_TABLE} (rowid, haystack) VALUES (NEW.customer_rowid, NEW.haystack);
        END""",
    "customer_fts_delete": f"""
        CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer_search BEGIN
            INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, haystack)
            VALUES ('delete', OLD.customer_rowid, OLD.haystack);
        END""",
    "customer_fts_update": f"""
        CREATE TRIGGER customer_fts_update AFTER UPDATE OF haystack ON customer_search BEGIN
            INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, haystack)
            VALUES ('delete', OLD.customer_rowid, OLD.haystack);
            INSERT INTO {FTS_TABLE} (rowid, haystack) VALUES (NEW.customer_rowid, NEW.haystack);
        END""",
}

# Handles are customer rowids, which only VACUUM may renumber (customers has no INTEGER
# PRIMARY KEY). The app never runs VACUUM; anything that does must run this afterwards.
REBUILD_SEARCH = (
    "DELETE FROM customer_search",
    f"INSERT INTO customer_search (customer_rowid, deleted, name, sort_key, haystack) "
    # The alias is not `c`: the haystack subquery's own `c` would shadow it.
    f"SELECT cu.rowid, cu.deleted, cu.name, pinyin_key(cu.name), "
    f"{_HAYSTACK.format(rowid='cu.rowid')} "
    "FROM customers cu",
    f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')",
)

# What revision 0001 creates; later triggers (REPLACE_GUARD_TRIGGERS) come with their own.
ALL_TRIGGERS = {**FREEZE_TRIGGERS, **SEARCH_TRIGGERS_0001, **FTS_TRIGGERS}
