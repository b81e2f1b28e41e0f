"""Sales targets and how far each person has come."""
