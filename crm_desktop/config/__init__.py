"""Per-user paths, the typed settings registry, and logging setup (no Qt, no SQL)."""
