"""The demo: a plausible team's year of customers, visits and deals, for a first look.

A layer of its own between the ui and the services (pyproject's import-linter
contract): it writes through the services' container and, for speed, the store's bulk
writer (store/bulk.py); nothing in the product depends on it.
"""
