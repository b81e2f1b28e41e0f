"""The Plans & reports page's parts: the month calendar, the plan and report editors."""
