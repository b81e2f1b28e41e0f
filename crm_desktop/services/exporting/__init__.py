"""Exporting the list views (customers, visits, opportunities) to .xlsx."""
