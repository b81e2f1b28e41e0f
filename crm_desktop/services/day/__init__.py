"""The rep's day: plans, daily reports, the calendar, follow-ups, Today and form drafts."""
