"""Importing customers from .xlsx sheets."""
