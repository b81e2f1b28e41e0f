"""Sync in the GUI: the background controller, the login dialog and the conflict inbox."""
