"""Leads 线索 and the team pool 公海 (issue 16): capture, assignment, claim, return,
conversion to a customer, and the pool rule."""
