"""The gates themselves: every judge takes all its evidence by name, nothing has a default,
and `invalid` is printed and stored apart from `missed`."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest

from bench import goals, goals_growth
from bench.goals import INVALID, MET, MISSED, NOT_MEASURED

JUDGES = [
    goals.page_latency,
    goals.statement_count_constant,
    goals.cancel_mission_throughput,
    goals.cancel_order_wall_time,
    goals.notice_p99,
    goals.report_ratio,
    goals.peer_throughput,
    goals_growth.page_growth,
    goals_growth.report_growth,
    goals_growth.report_ratio_every_size,
    goals_growth.deep_page,
]


EVIDENCE = [
    goals.Side,
    goals.PageCase,
    goals.StatementCount,
    goals.OrderCancel,
    goals.NoticeLevel,
    goals.ReportGrouping,
    goals.PeerCase,
    goals_growth.SizePoint,
    goals_growth.DeepPage,
]


@pytest.mark.parametrize("judge", JUDGES, ids=[j.__name__ for j in JUDGES])
def test_every_judge_takes_all_its_evidence_by_name_with_no_default(judge: Any) -> None:
    parameters = inspect.signature(judge).parameters.values()
    assert parameters
    assert all(p.kind is p.KEYWORD_ONLY and p.default is p.empty for p in parameters)


@pytest.mark.parametrize("kind", EVIDENCE, ids=[k.__name__ for k in EVIDENCE])
def test_no_piece_of_evidence_has_a_default(kind: Any) -> None:
    fields = dataclasses.fields(kind)
    assert fields
    assert all(f.default is dataclasses.MISSING for f in fields)
    assert all(f.default_factory is dataclasses.MISSING for f in fields)


def test_a_section_that_failed_leaves_its_goals_invalid_and_one_not_there_not_measured() -> None:
    failed = goals.section_without_figures("page", "error: RuntimeError: boom")
    absent = goals.section_without_figures("report", "not available: no field")
    assert (failed.status, absent.status) == (INVALID, NOT_MEASURED)


def test_the_table_and_the_json_tell_invalid_from_missed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bench.run import print_table

    # given one goal of each status
    verdicts = [
        goals.verdict("page p50 <= 3x raw", met=True, problems=[], detail="p50 ratios 2.0"),
        goals.verdict("page p50 <= 3x raw", met=False, problems=[], detail="p50 ratios 9.0"),
        goals.statement_count_constant(
            small=goals.StatementCount(page_size=20, statements=-1, rows=20, error=None),
            large=goals.StatementCount(page_size=100, statements=-1, rows=100, error=None),
            same_rows=True,
        ),
        goals.notice_p99(level=None, subscribers=1000, limit_ms=50, processes=1),
    ]
    stored = [v.as_dict() for v in verdicts]
    meta = {"scale": 0.05, "cpus": 2, "loadavg_start": [0], "loadavg_end": [0], "seconds": 1}

    # when
    print_table({"meta": meta, "sections": {}, "goals": stored})

    # then
    printed = capsys.readouterr().out
    assert "Goals (1 met, 1 missed, 1 invalid, 1 n/a)" in printed
    assert "[invalid] statement count constant in page size" in printed
    assert "because 20-row page: statements not counted (-1)" in printed
    assert "[ missed] page p50 <= 3x raw" in printed
    assert [g["status"] for g in stored] == [MET, MISSED, INVALID, NOT_MEASURED]
    assert stored[2]["reasons"] and not stored[1]["reasons"]
    assert goals.tally(stored) == {MET: 1, MISSED: 1, INVALID: 1, NOT_MEASURED: 1}


def _peer_case(ratio: float | None, *, ours_errors: int = 0, peer_errors: int = 0) -> Any:
    return goals.PeerCase(
        rows=20,
        connections=1,
        graphql=goals.Side(completed=100, errors=ours_errors, first_error=None),
        peer=goals.Side(completed=100, errors=peer_errors, first_error=None),
        throughput_ratio=ratio,
    )


@pytest.mark.parametrize(
    ("case", "same_rows", "same_data", "status"),
    [
        pytest.param(_peer_case(1.2), True, True, MET, id="faster-met"),
        pytest.param(_peer_case(0.8), True, True, MISSED, id="slower-missed"),
        pytest.param(_peer_case(1.2, peer_errors=3), True, True, INVALID, id="peer-errors"),
        pytest.param(_peer_case(1.2, ours_errors=1), True, True, INVALID, id="our-errors"),
        pytest.param(_peer_case(1.2), False, True, INVALID, id="other-rows"),
        pytest.param(_peer_case(1.2), True, None, INVALID, id="data-not-compared"),
        pytest.param(None, None, None, NOT_MEASURED, id="peer-not-running"),
    ],
)
def test_the_peer_goal_is_met_only_on_clean_evidence(
    case: Any, same_rows: Any, same_data: Any, status: str
) -> None:
    verdict = goals.peer_throughput(
        case=case,
        rows=20,
        connections=1,
        peer_status="not available: npm unreachable",
        same_rows=same_rows,
        same_data=same_data,
    )
    assert verdict.status == status
