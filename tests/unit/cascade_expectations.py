"""The cascade tests' vocabulary: missions' facts in weeks from a Monday, and the expected
(action, reason, credit note required) of each row of the plan."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models.domain.cascade import (
    REASON_ALREADY_CANCELLED,
    REASON_COMPLETED,
    REASON_CONFIRMATION_NEEDED,
    REASON_CREDIT_NOTE,
    REASON_DECISION_NEEDED,
    REASON_INVOICED,
    REASON_KEPT_RUNNING,
    REASON_NO_SHOW,
    MissionFacts,
    PreviewAction,
)
from models.domain.statuses import MissionStatus

S = MissionStatus


A = PreviewAction


MONDAY = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)


def facts(
    mission_id: int, status: MissionStatus, *, week: int = 0, invoiced: bool = False
) -> MissionFacts:
    return MissionFacts(mission_id, status, MONDAY + timedelta(weeks=week), invoiced)


# expected (action, reason, credit_note_required)
CANCEL = (A.CANCEL, None, False)


CREDIT_NOTE = (A.CANCEL, REASON_CREDIT_NOTE, True)


DECIDE = (A.NEEDS_CONFIRMATION, REASON_DECISION_NEEDED, False)


DECIDE_CREDIT = (A.NEEDS_CONFIRMATION, REASON_DECISION_NEEDED, True)


CONFIRM = (A.NEEDS_CONFIRMATION, REASON_CONFIRMATION_NEEDED, False)


KEPT = (A.UNCHANGED, REASON_KEPT_RUNNING, False)


DONE = (A.UNCHANGED, REASON_COMPLETED, False)


GONE = (A.UNCHANGED, REASON_ALREADY_CANCELLED, False)


NO_SHOW = (A.UNCHANGED, REASON_NO_SHOW, False)


INVOICED = (A.UNCHANGED, REASON_INVOICED, False)


Expected = tuple[PreviewAction, str | None, bool]
