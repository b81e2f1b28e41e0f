"""The Calendar dialog 日历 (issue 17): export an .ics file, or subscribe to the server's feed."""
