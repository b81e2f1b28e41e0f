"""Activity logged beside the day: complaints and market reports."""
