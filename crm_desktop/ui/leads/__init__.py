"""线索 / 公海: the Leads page and its dialogs (issue 16)."""
