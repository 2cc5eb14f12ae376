"""Raw SQL that the models cannot declare, added to a dialect's migrations by the script.

Each extra is added once, to the first migration `make_migration` writes for its dialect
after the extra is listed here (its mark says it is there), so regenerating never loses
it and nobody edits it in by hand. `verify` then checks that it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Extra:
    """One piece of raw SQL for one dialect, and how to see that it is in place."""

    name: str
    dialect: str
    upgrade: str
    downgrade: str
    exists: str  # a query that returns a row when the extra is in place

    @property
    def mark(self) -> str:
        return f"-- extra {self.name}, injected by migrations/make_migration.py"


EXTRAS = (
    Extra(
        name="customer_name_trgm",
        dialect="postgres",
        # The Cancelled tab's and the customers list's search is a substring of the name,
        # any case (`UPPER(CAST(name AS VARCHAR)) LIKE UPPER('%…%')`): a trigram index on
        # that very expression serves it. SQLite has no such index; its agencies are small.
        upgrade="""CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS "idx_customer_name_trgm" ON "customer"
    USING gin (UPPER(CAST("name" AS VARCHAR)) gin_trgm_ops);""",
        downgrade='DROP INDEX IF EXISTS "idx_customer_name_trgm";',
        exists="SELECT 1 FROM pg_indexes WHERE indexname = 'idx_customer_name_trgm'",
    ),
)


def of(dialect: str) -> list[Extra]:
    """The extras of a dialect."""
    return [e for e in EXTRAS if e.dialect == dialect]


def missing_from(files: list[Path], dialect: str) -> list[Extra]:
    """The dialect's extras that no migration file carries yet."""
    texts = [f.read_text(encoding="utf-8") for f in files]
    return [e for e in of(dialect) if not any(e.mark in t for t in texts)]
