"""What autogenerate compares: the FTS5 index and its shadow tables are made by raw DDL."""

from __future__ import annotations

from crm_desktop.store.triggers import FTS_TABLE


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))
