"""The benchmark's goal judges: `met` only on clean evidence, `invalid` (with why) otherwise."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bench import goals
from bench.goals import INVALID, MET, MISSED, NOT_MEASURED

CLEAN = goals.Side(completed=100, errors=0, first_error=None)


FAILING = goals.Side(completed=90, errors=10, first_error="HTTP 500")


IDLE = goals.Side(completed=0, errors=0, first_error=None)


def _case(**changes: Any) -> goals.PageCase:
    case = goals.PageCase(rows=20, connections=1, graphql=CLEAN, raw=CLEAN, p50_ratio=2.0)
    return dataclasses.replace(case, **changes)


def _count(size: int, **changes: Any) -> goals.StatementCount:
    count = goals.StatementCount(page_size=size, statements=8, rows=size, error=None)
    return dataclasses.replace(count, **changes)


def test_a_page_within_the_limit_on_clean_evidence_is_met() -> None:
    # when
    goal = goals.page_latency(cases=[_case(), _case(rows=100)], same_rows=True, limit=3)
    # then
    assert (goal.status, goal.reasons) == (MET, ())


def test_a_page_over_the_limit_on_clean_evidence_is_missed() -> None:
    goal = goals.page_latency(cases=[_case(), _case(p50_ratio=3.5)], same_rows=True, limit=3)
    assert goal.status == MISSED


@pytest.mark.parametrize(
    ("cases", "same_rows", "reason"),
    [
        pytest.param([_case()], False, "other rows", id="other rows than raw"),
        pytest.param([_case()], None, "could not be compared", id="rows not compared"),
        pytest.param([_case(graphql=FAILING)], True, "graphql 20 rows", id="graphql errors"),
        pytest.param([_case(raw=FAILING)], True, "raw 20 rows", id="raw errors"),
        pytest.param([_case(graphql=IDLE)], True, "no request completed", id="nothing done"),
        pytest.param([_case(p50_ratio=None)], True, "no p50 ratio", id="no ratio"),
        pytest.param([], True, "no load case ran", id="no case"),
    ],
)
def test_a_page_goal_without_its_evidence_is_invalid(
    cases: list[goals.PageCase], same_rows: bool | None, reason: str
) -> None:
    # when: the ratios themselves are within the limit
    goal = goals.page_latency(cases=cases, same_rows=same_rows, limit=3)
    # then
    assert goal.status == INVALID
    assert any(reason in r for r in goal.reasons), goal.reasons


def test_equal_statement_counts_of_full_pages_are_met() -> None:
    goal = goals.statement_count_constant(small=_count(20), large=_count(100), same_rows=True)
    assert (goal.status, goal.reasons) == (MET, ())


def test_statement_counts_that_grow_are_missed() -> None:
    goal = goals.statement_count_constant(
        small=_count(20), large=_count(100, statements=9), same_rows=True
    )
    assert goal.status == MISSED


@pytest.mark.parametrize(
    ("small", "large", "same_rows", "reason"),
    [
        pytest.param(
            _count(20, statements=-1),
            _count(100, statements=-1),
            True,
            "not counted (-1)",
            id="counted as -1",
        ),
        pytest.param(
            _count(20, statements=None),
            _count(100, statements=None),
            True,
            "not counted (None)",
            id="sqlcount not importable",
        ),
        pytest.param(
            _count(20, statements=0), _count(100, statements=0), True, "not counted", id="zero"
        ),
        pytest.param(_count(20), _count(100, rows=3), True, "returned 3 rows", id="short page"),
        pytest.param(_count(20), _count(100, rows=None), True, "returned None", id="no rows"),
        pytest.param(_count(20, error="boom"), _count(100), True, "error: boom", id="error"),
        pytest.param(_count(20), _count(100), False, "other rows", id="other rows than raw"),
    ],
)
def test_a_statement_count_without_its_evidence_is_invalid(
    small: goals.StatementCount,
    large: goals.StatementCount,
    same_rows: bool | None,
    reason: str,
) -> None:
    # when: both counts are equal, which alone would read as "constant"
    goal = goals.statement_count_constant(small=small, large=large, same_rows=same_rows)
    # then
    assert goal.status == INVALID
    assert any(reason in r for r in goal.reasons), goal.reasons


@pytest.mark.parametrize(
    ("graphql", "raw", "ratio", "expected"),
    [
        pytest.param(CLEAN, CLEAN, 0.6, MET, id="met"),
        pytest.param(CLEAN, CLEAN, 0.4, MISSED, id="missed"),
        pytest.param(CLEAN, FAILING, 0.9, INVALID, id="raw errors inflate the ratio"),
        pytest.param(FAILING, CLEAN, 0.6, INVALID, id="graphql errors"),
        pytest.param(CLEAN, IDLE, None, INVALID, id="raw did nothing"),
        pytest.param(CLEAN, CLEAN, None, INVALID, id="no ratio"),
    ],
)
def test_cancel_mission_throughput(
    graphql: goals.Side, raw: goals.Side, ratio: float | None, expected: str
) -> None:
    goal = goals.cancel_mission_throughput(graphql=graphql, raw=raw, ratio=ratio, limit=0.5)
    assert goal.status == expected
    assert bool(goal.reasons) == (expected == INVALID)


def _order(**changes: Any) -> goals.OrderCancel:
    return dataclasses.replace(goals.OrderCancel(wall_ms=100.0, cancelled=50, errors=[]), **changes)


@pytest.mark.parametrize(
    ("graphql", "raw", "expected"),
    [
        pytest.param(_order(wall_ms=150.0), _order(), MET, id="met"),
        pytest.param(_order(wall_ms=250.0), _order(), MISSED, id="missed"),
        pytest.param(_order(cancelled=49), _order(), INVALID, id="graphql cancelled fewer"),
        pytest.param(_order(), _order(cancelled=0), INVALID, id="raw cancelled none"),
        pytest.param(_order(), _order(errors=[{"m": "x"}]), INVALID, id="raw errors"),
        pytest.param(_order(errors=["x"]), _order(), INVALID, id="graphql errors"),
        pytest.param(_order(wall_ms=None), _order(), INVALID, id="no wall time"),
    ],
)
def test_cancel_order_wall_time(
    graphql: goals.OrderCancel, raw: goals.OrderCancel, expected: str
) -> None:
    goal = goals.cancel_order_wall_time(graphql=graphql, raw=raw, missions=50, limit=2)
    assert goal.status == expected


def _level(**changes: Any) -> dict[str, Any]:
    row = {
        "subscribers": 100,
        "notices": 10,
        "expected_frames": 1000,
        "lost": 0,
        "p99_ms": 8.0,
        "commit_marks": 10,
        "subscriber_error_count": 0,
    }
    return {**row, **changes}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        pytest.param(_level(), MET, id="met"),
        pytest.param(_level(p99_ms=12.0), MISSED, id="slow"),
        pytest.param(_level(lost=1), MISSED, id="one lost"),
        pytest.param(_level(lost=1000, p99_ms=None), MISSED, id="all lost"),
        pytest.param({"subscribers": 100, "error": "TimeoutError"}, INVALID, id="run failed"),
        pytest.param(_level(subscriber_error_count=2), INVALID, id="subscriber errors"),
        pytest.param(_level(commit_marks=7), INVALID, id="commit times missing"),
        pytest.param(_level(notices=0, expected_frames=0), INVALID, id="nothing sent"),
        pytest.param(_level(p99_ms=None), INVALID, id="no p99 though frames arrived"),
    ],
)
def test_notice_p99(row: dict[str, Any], expected: str) -> None:
    goal = goals.notice_p99(
        level=goals.NoticeLevel.of(row), subscribers=100, limit_ms=10, processes=1
    )
    assert goal.status == expected


def test_a_notice_level_not_run_at_this_scale_is_not_measured() -> None:
    goal = goals.notice_p99(level=None, subscribers=1000, limit_ms=50, processes=1)
    assert goal.status == NOT_MEASURED


def _grouping(**changes: Any) -> goals.ReportGrouping:
    grouping = goals.ReportGrouping(
        group_by="REASON",
        graphql=CLEAN,
        raw=CLEAN,
        groups=(5, 5),
        total=(1000, 1000),
        p50_ratio=1.2,
        graphql_error=None,
        raw_error=None,
    )
    return dataclasses.replace(grouping, **changes)


@pytest.mark.parametrize(
    ("groupings", "expected"),
    [
        pytest.param([_grouping(), _grouping(group_by="DAY")], MET, id="met"),
        pytest.param([_grouping(), _grouping(p50_ratio=1.6)], MISSED, id="missed"),
        pytest.param([_grouping(groups=(4, 5))], INVALID, id="group counts differ"),
        pytest.param([_grouping(total=(999, 1000))], INVALID, id="totals differ"),
        pytest.param([_grouping(total=(0, 0))], INVALID, id="nothing counted"),
        pytest.param(
            [_grouping(groups=(None, 5), total=(None, 1000), graphql_error="FORBIDDEN")],
            INVALID,
            id="graphql answered no rows",
        ),
        pytest.param(
            [_grouping(groups=(None, None), total=(None, None))], INVALID, id="neither answered"
        ),
        pytest.param([_grouping(raw=FAILING)], INVALID, id="raw errors"),
        pytest.param([_grouping(graphql=FAILING)], INVALID, id="graphql errors"),
        pytest.param([_grouping(p50_ratio=None)], INVALID, id="no ratio"),
        pytest.param([], INVALID, id="no grouping"),
    ],
)
def test_report_ratio(groupings: list[goals.ReportGrouping], expected: str) -> None:
    goal = goals.report_ratio(groupings=groupings, limit=1.5)
    assert goal.status == expected


REDIS = {"subscribers": 100, "lost": 0, "p99_ms": 5.0}


@pytest.mark.parametrize(
    ("row", "redis", "expected"),
    [
        pytest.param(_level(p99_ms=9.0), REDIS, MET, id="within 2x"),
        pytest.param(_level(p99_ms=10.5), REDIS, MISSED, id="over 2x"),
        pytest.param(_level(p99_ms=4.0, lost=1), REDIS, MISSED, id="fast but one lost"),
        pytest.param(_level(), {**REDIS, "lost": 3}, INVALID, id="redis-py lost messages"),
        pytest.param(_level(), {"error": "TimeoutError"}, INVALID, id="redis-py failed"),
        pytest.param(_level(), None, INVALID, id="no baseline"),
        pytest.param(_level(), {**REDIS, "p99_ms": None}, INVALID, id="no redis-py p99"),
        pytest.param(_level(subscriber_error_count=1), REDIS, INVALID, id="our subscribers erred"),
    ],
)
def test_notice_p99_against_redis_py(
    row: dict[str, Any], redis: dict[str, Any] | None, expected: str
) -> None:
    goal = goals.notice_vs_redis(
        level=goals.NoticeLevel.of(row), redis=redis, subscribers=100, limit=2, processes=2
    )
    assert goal.status == expected
    assert "2 client processes" in goal.goal
