"""Local store: SQLAlchemy mapping on SQLite, migrations, unit of work and outbox."""
