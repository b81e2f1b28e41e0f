"""The Dashboard 看板 page: matplotlib charts of the figures services/team/dashboard.py computes."""
