"""Database migrations: one aerich migration set per SQL dialect.

- `migrations/sqlite/models/` and `migrations/postgres/models/` are aerich `location`
  folders generated from the same models (aerich writes SQL text for one dialect).
- `migrations.apply.migrate(url)` brings a database to the head of its dialect's set.
- `python -m migrations.make_migration NAME` generates the next migration of both sets.
"""
