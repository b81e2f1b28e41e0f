"""Printing: HTML documents to PDF and to the printer, and the plan and report forms."""
