"""Export dialogs: the weekly summary and the list views to .xlsx, in the background."""
