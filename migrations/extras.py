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


# A cancellation judged by the old single window (no policy version) that billed was
# inside its one tier: tier 1 (none when free, as before). A confirmed rebooked slot
# credit is copied onto its cancellation or late reschedule, where reports net it, and a
# waived item's waiver onto its late reschedule. A late reschedule's payouts, kept only
# in its decision, become payout rows and a total, as a cancellation's.
ONE_TIER_BACKFILL = {
    "postgres": """UPDATE "cancellation" SET "tier" = 1
    WHERE "tier" IS NULL AND "billable" AND "policy_version_id" IS NULL;
UPDATE "cancellation" AS c SET "rebooked_credit" = p."rebooked_credit"
    FROM "pending_review_item" AS p
    WHERE p."cancellation_id" = c."id" AND p."rebooked_credit_confirmed_at" IS NOT NULL
    AND p."withdrawn_at" IS NULL AND c."rebooked_credit" IS NULL;
UPDATE "late_reschedule" AS lr SET "waived" = p."waived",
    "rebooked_credit" = CASE WHEN p."rebooked_credit_confirmed_at" IS NOT NULL
        THEN p."rebooked_credit" END
    FROM "pending_review_item" AS p
    WHERE p."late_reschedule_id" = lr."id" AND p."withdrawn_at" IS NULL;
INSERT INTO "late_reschedule_payout" ("agency_id", "late_reschedule_id", "driver_id", "amount")
    SELECT lr."agency_id", lr."id", CAST(p ->> 'driverId' AS INT),
    CAST(p ->> 'amount' AS DECIMAL(12,2))
    FROM "late_reschedule" AS lr
    CROSS JOIN LATERAL jsonb_array_elements(lr."decision" -> 'payouts') AS p
    WHERE NOT EXISTS (
        SELECT 1 FROM "late_reschedule_payout" AS x WHERE x."late_reschedule_id" = lr."id");
UPDATE "late_reschedule" AS lr SET "payout_total" = COALESCE((
    SELECT SUM(x."amount") FROM "late_reschedule_payout" AS x
    WHERE x."late_reschedule_id" = lr."id"), 0);""",
    "sqlite": """UPDATE "cancellation" SET "tier" = 1
    WHERE "tier" IS NULL AND "billable" = 1 AND "policy_version_id" IS NULL;
UPDATE "cancellation" SET "rebooked_credit" = (
    SELECT p."rebooked_credit" FROM "pending_review_item" AS p
    WHERE p."cancellation_id" = "cancellation"."id"
    AND p."rebooked_credit_confirmed_at" IS NOT NULL AND p."withdrawn_at" IS NULL)
    WHERE "rebooked_credit" IS NULL;
UPDATE "late_reschedule" SET
    "waived" = COALESCE((SELECT p."waived" FROM "pending_review_item" AS p
        WHERE p."late_reschedule_id" = "late_reschedule"."id" AND p."withdrawn_at" IS NULL),
        "waived"),
    "rebooked_credit" = (SELECT p."rebooked_credit" FROM "pending_review_item" AS p
        WHERE p."late_reschedule_id" = "late_reschedule"."id" AND p."withdrawn_at" IS NULL
        AND p."rebooked_credit_confirmed_at" IS NOT NULL);
INSERT INTO "late_reschedule_payout" ("agency_id", "late_reschedule_id", "driver_id", "amount")
    SELECT lr."agency_id", lr."id", CAST(json_extract(p.value, '$.driverId') AS INTEGER),
    json_extract(p.value, '$.amount')
    FROM "late_reschedule" AS lr, json_each(lr."decision", '$.payouts') AS p
    WHERE NOT EXISTS (
        SELECT 1 FROM "late_reschedule_payout" AS x WHERE x."late_reschedule_id" = lr."id");
UPDATE "late_reschedule" SET "payout_total" = printf('%.2f', COALESCE((
    SELECT SUM(CAST(ROUND(x."amount" * 100) AS INTEGER)) FROM "late_reschedule_payout" AS x
    WHERE x."late_reschedule_id" = "late_reschedule"."id"), 0) / 100.0);""",
}
# Nothing to undo: tier 1 is what the old single window billed, which the code before
# this migration also records for new cancellations; the new columns are dropped.
ONE_TIER_UNDO = "-- the one-tier backfill keeps its data"
# Data leaves no object to see: the backfill is in place once its target columns are.
_BACKFILL_EXISTS = {
    "postgres": "SELECT 1 FROM information_schema.columns "
    "WHERE table_name = 'cancellation' AND column_name = 'rebooked_credit'",
    "sqlite": "SELECT 1 FROM pragma_table_info('cancellation') WHERE name = 'rebooked_credit'",
}

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
    # Issue 15's data: what was stored before tiers and late-reschedule billing, moved to
    # the shapes the code now reads (the old single window is the one-tier case).
    Extra(
        name="one_tier_backfill",
        dialect="postgres",
        upgrade=ONE_TIER_BACKFILL["postgres"],
        downgrade=ONE_TIER_UNDO,
        exists=_BACKFILL_EXISTS["postgres"],
    ),
    Extra(
        name="one_tier_backfill",
        dialect="sqlite",
        upgrade=ONE_TIER_BACKFILL["sqlite"],
        downgrade=ONE_TIER_UNDO,
        exists=_BACKFILL_EXISTS["sqlite"],
    ),
)


def of(dialect: str) -> list[Extra]:
    """The extras of a dialect."""
    return [e for e in EXTRAS if e.dialect == dialect]


def missing_from(files: list[Path], dialect: str) -> list[Extra]:
    """The dialect's extras that no migration file carries yet."""
    texts = [f.read_text(encoding="utf-8") for f in files]
    return [e for e in of(dialect) if not any(e.mark in t for t in texts)]
