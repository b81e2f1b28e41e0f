"""Reminders 提醒 on the laptop (issue 17): controller.py re-evaluates them every minute
off the GUI thread, tray.py pops new ones up in the system tray (when there is one),
panel.py is the status bar's bell and the in-app list, window.py wires them into the main
window and navigation.py opens what a reminder points at."""
