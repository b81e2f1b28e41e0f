"""Sales targets 销售目标: the list with achievement to date, set and decompose dialogs."""
