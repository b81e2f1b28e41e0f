"""Team figures and reporting: the dashboard, team progress and the weekly summary."""
