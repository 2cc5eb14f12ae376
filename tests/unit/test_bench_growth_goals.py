"""The growth section's goals: judged on the smallest and largest agency, and only when
both sides answered the same thing without errors at every size."""

from __future__ import annotations

from typing import Any

import pytest

from bench import goals_growth as gg
from bench.goals import INVALID, MET, MISSED, NOT_MEASURED, Side

CLEAN = Side(completed=50, errors=0, first_error=None)


def point(size: int, ours: float | None, raw_ms: float | None, **changes: Any) -> gg.SizePoint:
    fields: dict[str, Any] = {
        "cancellations": size,
        "graphql": CLEAN,
        "raw": CLEAN,
        "graphql_p50_ms": ours,
        "raw_p50_ms": raw_ms,
        "same_answer": True,
    }
    return gg.SizePoint(**{**fields, **changes})


@pytest.mark.parametrize(
    ("points", "status"),
    [
        pytest.param([point(5_000, 10, 5), point(500_000, 11.5, 5.5)], MET, id="flat-met"),
        pytest.param([point(5_000, 10, 5), point(500_000, 27, 5.5)], MISSED, id="grows-missed"),
        pytest.param(
            [point(500_000, 11, 5), point(5_000, 10, 5), point(50_000, 40, 5)],
            MET,
            id="largest-over-smallest-in-any-order",
        ),
        pytest.param([point(5_000, 10, 5)], INVALID, id="one-size"),
        pytest.param(
            [point(5_000, 10, 5), point(500_000, 10, 5, same_answer=False)],
            INVALID,
            id="other-rows",
        ),
        pytest.param(
            [point(5_000, 10, 5), point(500_000, 10, 5, raw=Side(0, 9, "HTTP 500"))],
            INVALID,
            id="raw-failed",
        ),
    ],
)
def test_page_growth_is_largest_over_smallest_on_clean_evidence(
    points: list[gg.SizePoint], status: str
) -> None:
    assert gg.page_growth(points=points, limit=1.2).status == status


def test_report_growth_is_judged_against_raw_sqls_own_growth() -> None:
    # given a report that grows 60x where raw SQL grows 50x, and one that grows 80x
    close = [point(5_000, 10, 5), point(500_000, 600, 250)]
    far = [point(5_000, 10, 5), point(500_000, 800, 250)]
    # then the first is close to raw's growth, the second is not
    assert gg.report_growth(group_by="DAY", points=close, slack=1.25).status == MET
    assert gg.report_growth(group_by="DAY", points=far, slack=1.25).status == MISSED


def test_the_report_ratio_must_hold_at_every_size() -> None:
    points = [point(5_000, 10, 5), point(500_000, 300, 250)]
    verdict = gg.report_ratio_every_size(group_by="CUSTOMER", points=points, limit=1.5)
    assert verdict.status == MISSED
    assert "5,000=2.0" in verdict.detail


def test_a_deep_page_is_judged_against_page_one_and_not_measured_without_one() -> None:
    first, deep = point(500_000, 10, 5), point(500_000, 11, 5)
    case = gg.DeepPage(cancellations=500_000, page_number=1_001, first=first, deep=deep)
    slow = gg.DeepPage(500_000, 1_001, first, point(500_000, 30, 5))
    assert gg.deep_page(case=case, limit=1.2).status == MET
    assert gg.deep_page(case=slow, limit=1.2).status == MISSED
    assert gg.deep_page(case=None, limit=1.2).status == NOT_MEASURED
