"""Today 今日: the page (page.py) and its sections (sections.py)."""
