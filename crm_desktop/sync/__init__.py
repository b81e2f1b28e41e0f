"""Sync: protocol schemas, the laptop's engine (no Qt), and the central server."""
