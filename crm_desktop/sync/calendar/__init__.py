"""Calendars (issue 17): the rows a calendar is made of, read alike from the laptop's
store and the server's database, and their iCalendar text.

It lives in `sync/` because that is the package both the laptop's services and the
server (`sync/server/`) may import (the layers keep `export/` out of the server's
reach); the rule that makes events of rows is the domain's (`domain/calendar_events.py`).
"""
