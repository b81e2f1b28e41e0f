"""The files the app ships beside its code: stylesheet, icons, translations, demo seed.

This folder sits at the top of the repository (docs/architecture.md) and is installed
as the package `crm_desktop.resources` (pyproject.toml's package-dir), so a wheel, an
editable install and the installer (build_installer.spec) all find it the same way:
crm_desktop/config/resources.py. There is no code here.
"""
