"""The main window's pages (SPEC §3), one QWidget subclass per module; see registry.py."""
