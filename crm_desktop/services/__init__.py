"""Use cases the GUI and the command line call; each write opens one unit of work."""
