"""Today 今日: the sections of the Today page (pages/today.py)."""
