"""The laptop's sync engine (no Qt): push the outbox, pull and apply the feed."""
