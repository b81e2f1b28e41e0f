"""Customers: the record, the list, the class (A/B/C) and double pursuit."""
