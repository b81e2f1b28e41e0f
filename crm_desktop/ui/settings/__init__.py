"""The Settings 设置 page, in parts: page.py assembles, policy.py, backup.py and
data_folder.py are its groups, data_move.py moves the data folder."""

from crm_desktop.ui.settings.page import SettingsPage

__all__ = ["SettingsPage"]
