"""How long free text may be, and how many codes a filter lists: every limit in one place.

Past a limit, a query argument is BAD_USER_INPUT naming the argument and a mutation
input field is INVALID on that field (README, Contract notes). Where a column stores
the text, its limit is the column's size (tests/unit/test_limits.py checks it).
"""

from __future__ import annotations

SEARCH_MAX = 200
"""A search string: customers(search:), drivers(search:), cancellations(filter: {customerSearch:})."""

REASON_CODES_MAX = 100
"""Reason codes one Cancelled-tab filter may list (the database binds each one)."""

NAME_MAX = 200
"""Names, reason labels, requestedBy: one line a person types."""

NOTE_MAX = 2000
"""Notes: the mission's notes, cancellation, waiver, un-cancel, status and no-show notes."""

LOCATION_MAX = 300
"""A pickup or drop-off location."""

REFERENCE_MAX = 100
"""An order's reference."""

RULE_MAX = 500
"""An RFC 5545 rule."""

CREDIT_NOTE_REASON_MAX = 500
"""Why a credit note is recorded."""

CODE_MAX = 64
"""A cancellation reason code."""

TIME_ZONE_MAX = 64
"""An IANA time zone name (the longest is about 30 characters)."""

IDEMPOTENCY_KEY_MAX = 200
"""An idempotency key."""
