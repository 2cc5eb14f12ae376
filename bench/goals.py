"""The benchmark's goals, judged only on the evidence that the figure means what it says.

A goal is `met` or `missed` only when the work was done, the two sides' answers matched
and neither side had errors. Otherwise it is `invalid`, with the reasons: a ratio of two
runs where one side failed, counted nothing or answered something else is not a figure.
`n/a` is for a goal that was not measured at all (a scale too small, a field not there).

Every judge takes all of its evidence as keyword arguments without defaults, and every
piece of evidence is a dataclass without defaults, so a check that was not made cannot be
left out and read as met. The module is pure (no I/O), so the gates are unit-tested.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MET, MISSED, INVALID, NOT_MEASURED = "met", "missed", "invalid", "n/a"
STATUSES = (MET, MISSED, INVALID, NOT_MEASURED)


@dataclass(frozen=True)
class Goal:
    """One goal's verdict: the status, the figures it rests on, and why it is invalid."""

    goal: str
    status: str
    detail: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "goal": self.goal,
            "status": self.status,
            "detail": self.detail,
            "reasons": list(self.reasons),
        }


def verdict(goal: str, *, met: bool, problems: Sequence[str], detail: str) -> Goal:
    """`invalid` when there is any problem with the evidence, else `met` or `missed`."""
    if problems:
        return Goal(goal, INVALID, detail, tuple(problems))
    return Goal(goal, MET if met else MISSED, detail, ())


def not_measured(goal: str, why: str) -> Goal:
    return Goal(goal, NOT_MEASURED, why, ())


@dataclass(frozen=True)
class Side:
    """What one side (GraphQL or raw) of a load run did: answers that passed the check
    and answers that did not."""

    completed: int
    errors: int
    first_error: str | None

    @classmethod
    def of(cls, summary: dict[str, Any]) -> Side:
        """From `load.Run.summary()`."""
        return cls(
            completed=int(summary["n"]),
            errors=int(summary["errors"]),
            first_error=summary["first_error"],
        )


def side_problems(label: str, side: Side) -> list[str]:
    problems = []
    if side.errors:
        problems.append(f"{label}: {side.errors} errors (first: {side.first_error})")
    if side.completed <= 0:
        problems.append(f"{label}: no request completed")
    return problems


def _same_rows_problems(same_rows: bool | None) -> list[str]:
    if same_rows is True:
        return []
    if same_rows is False:
        return ["the first page lists other rows than raw's"]
    return ["the first pages could not be compared (no ids in an answer)"]


# --- 1. the Cancelled tab ------------------------------------------------------------------


@dataclass(frozen=True)
class PageCase:
    """One page size at one concurrency, both sides."""

    rows: int
    connections: int
    graphql: Side
    raw: Side
    p50_ratio: float | None


def page_latency(*, cases: Sequence[PageCase], same_rows: bool | None, limit: float) -> Goal:
    """Page p50 within `limit` times raw at every size and concurrency."""
    problems = _same_rows_problems(same_rows)
    if not cases:
        problems.append("no load case ran")
    for c in cases:
        where = f"{c.rows} rows, {c.connections} conn"
        problems += side_problems(f"graphql {where}", c.graphql)
        problems += side_problems(f"raw {where}", c.raw)
        if c.p50_ratio is None:
            problems.append(f"{where}: no p50 ratio")
    ratios = [c.p50_ratio for c in cases if c.p50_ratio is not None]
    return verdict(
        f"page p50 <= {limit:g}x raw",
        met=bool(ratios) and max(ratios) <= limit,
        problems=problems,
        detail="p50 ratios "
        + ", ".join(f"{c.rows}r/{c.connections}c={c.p50_ratio}" for c in cases),
    )


@dataclass(frozen=True)
class PeerCase:
    """One page size at one concurrency, ours against PostGraphile (the peer)."""

    rows: int
    connections: int
    graphql: Side
    peer: Side
    throughput_ratio: float | None


def peer_throughput(
    *,
    case: PeerCase | None,
    rows: int,
    connections: int,
    peer_status: str,
    same_rows: bool | None,
    same_data: bool | None,
) -> Goal:
    """Ours at least as many pages a second as PostGraphile, same run, same page.

    Not measured when the peer could not run (npm unreachable, say); invalid when a
    side had errors or the two did not serve the same rows and data.
    """
    name = f"page throughput >= 1.0x PostGraphile ({rows} rows, {connections} conn)"
    if case is None:
        return not_measured(name, f"PostGraphile {peer_status}")
    problems = side_problems("graphql", case.graphql) + side_problems("PostGraphile", case.peer)
    if same_rows is not True:
        problems.append(f"PostGraphile's first page: same rows {same_rows}")
    if same_data is not True:
        problems.append(f"PostGraphile's first page: same data {same_data}")
    if case.throughput_ratio is None:
        problems.append("no throughput ratio")
    return verdict(
        name,
        met=case.throughput_ratio is not None and case.throughput_ratio >= 1.0,
        problems=problems,
        detail=f"ours / PostGraphile throughput {case.throughput_ratio}",
    )


@dataclass(frozen=True)
class StatementCount:
    """The statements of one in-process run of a page.

    `statements` is None when nothing was counted (tests/sqlcount.py not importable);
    `rows` is how many rows the page returned; `error` the operation's first error.
    """

    page_size: int
    statements: int | None
    rows: int | None
    error: str | None


def statement_count_constant(
    *, small: StatementCount, large: StatementCount, same_rows: bool | None
) -> Goal:
    """The same number of statements for a small and a large page, both full pages."""
    problems = _same_rows_problems(same_rows)
    for run in (small, large):
        if run.error is not None:
            problems.append(f"{run.page_size}-row page: error: {run.error}")
        if run.statements is None or run.statements < 1:
            problems.append(f"{run.page_size}-row page: statements not counted ({run.statements})")
        if run.rows != run.page_size:
            problems.append(f"{run.page_size}-row page returned {run.rows} rows")
    return verdict(
        "statement count constant in page size",
        met=small.statements == large.statements,
        problems=problems,
        detail=f"{small.statements} statements at {small.page_size} rows, "
        f"{large.statements} at {large.page_size}",
    )


# --- 2. cancelMission -------------------------------------------------------------------------


def cancel_mission_throughput(
    *, graphql: Side, raw: Side, ratio: float | None, limit: float
) -> Goal:
    """GraphQL cancelMission throughput at least `limit` times raw's."""
    problems = side_problems("graphql", graphql) + side_problems("raw", raw)
    if ratio is None:
        problems.append("no throughput ratio")
    return verdict(
        f"cancelMission >= {limit:g}x raw throughput",
        met=ratio is not None and ratio >= limit,
        problems=problems,
        detail=f"ratio {ratio}; completed {graphql.completed} vs {raw.completed}, "
        f"errors {graphql.errors} vs {raw.errors}",
    )


# --- 3. cancelOrder ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderCancel:
    """One cancelOrder over HTTP: how long, how many missions it cancelled, its errors."""

    wall_ms: float | None
    cancelled: int
    errors: Sequence[Any]


def cancel_order_wall_time(
    *, graphql: OrderCancel, raw: OrderCancel, missions: int, limit: float
) -> Goal:
    """cancelOrder of `missions` missions within `limit` times raw's wall time."""
    problems = []
    for label, side in (("graphql", graphql), ("raw", raw)):
        if side.errors:
            problems.append(f"{label}: errors {list(side.errors)[:1]}")
        if side.cancelled != missions:
            problems.append(f"{label} cancelled {side.cancelled} of {missions} missions")
        if side.wall_ms is None or side.wall_ms <= 0:
            problems.append(f"{label}: no wall time")
    ratio = (
        round(graphql.wall_ms / raw.wall_ms, 2)
        if graphql.wall_ms is not None and raw.wall_ms
        else None
    )
    return verdict(
        f"cancelOrder <= {limit:g}x raw",
        met=ratio is not None and ratio <= limit,
        problems=problems,
        detail=f"{graphql.wall_ms} ms vs {raw.wall_ms} ms (ratio {ratio}), "
        f"{graphql.cancelled} vs {raw.cancelled} of {missions} missions cancelled",
    )


# --- 4. notices -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeLevel:
    """One subscriber count's run (`bench.notices.notice_latency`), or the error it raised."""

    subscribers: int
    notices: int
    expected_frames: int
    lost: int
    p99_ms: float | None
    commit_marks: int
    subscriber_errors: int
    error: str | None

    @classmethod
    def of(cls, row: dict[str, Any]) -> NoticeLevel:
        if "error" in row:
            return cls(int(row["subscribers"]), 0, 0, 0, None, 0, 0, str(row["error"]))
        return cls(
            subscribers=int(row["subscribers"]),
            notices=int(row["notices"]),
            expected_frames=int(row["expected_frames"]),
            lost=int(row["lost"]),
            p99_ms=row["p99_ms"],
            commit_marks=int(row["commit_marks"]),
            subscriber_errors=int(row["subscriber_error_count"]),
            error=None,
        )


def _level_problems(level: NoticeLevel) -> list[str]:
    """What makes a notice level's figures no evidence either way."""
    if level.error is not None:
        return [f"the run failed: {level.error}"]
    problems = []
    if level.notices <= 0:
        problems.append("no notice was sent")
    if level.subscriber_errors:
        problems.append(f"{level.subscriber_errors} subscriber errors")
    if level.commit_marks < level.notices:
        problems.append(f"commit times for {level.commit_marks} of {level.notices} notices")
    if level.p99_ms is None and level.lost < level.expected_frames:
        problems.append("no p99 although frames arrived")
    return problems


def _processes(processes: int) -> str:
    return f", {processes} client processes" if processes > 1 else ""


def notice_p99(
    *, level: NoticeLevel | None, subscribers: int, limit_ms: float, processes: int
) -> Goal:
    """Notice p99 within `limit_ms` at exactly `subscribers` subscribers (in `processes`
    client processes), none lost."""
    name = f"notice p99 <= {limit_ms:g} ms at {subscribers}, none lost" + _processes(processes)
    if level is None:
        return not_measured(name, f"not measured at this scale ({subscribers} subscribers)")
    return verdict(
        name,
        met=level.p99_ms is not None and level.p99_ms <= limit_ms and level.lost == 0,
        problems=_level_problems(level),
        detail=f"p99 {level.p99_ms} ms, lost {level.lost}/{level.expected_frames}",
    )


def notice_vs_redis(
    *,
    level: NoticeLevel | None,
    redis: dict[str, Any] | None,
    subscribers: int,
    limit: float,
    processes: int,
) -> Goal:
    """Issue 12: notice p99 within `limit` times redis-py's, measured in the same run with
    as many subscribers over as many client processes, interleaved with ours
    (`bench.notices.notice_latency`),
    none lost on either side."""
    name = f"notice p99 <= {limit:g}x redis-py at {subscribers}, same run, none lost" + _processes(
        processes
    )
    if level is None:
        return not_measured(name, f"not measured at this scale ({subscribers} subscribers)")
    problems = _level_problems(level)
    theirs = None
    if redis is None or "error" in redis:
        problems.append(f"no redis-py baseline: {(redis or {}).get('error', 'not run')}")
    elif redis.get("lost"):
        problems.append(f"redis-py lost {redis['lost']} messages: no baseline")
    elif not redis.get("p99_ms"):
        problems.append("no redis-py p99")
    else:
        theirs = float(redis["p99_ms"])
    ratio = level.p99_ms / theirs if level.p99_ms is not None and theirs else None
    return verdict(
        name,
        met=ratio is not None and ratio <= limit and level.lost == 0,
        problems=problems,
        detail=f"p99 {level.p99_ms} ms against redis-py's {theirs} ms"
        + (f" ({ratio:.2f}x)" if ratio is not None else "")
        + f", lost {level.lost}/{level.expected_frames}",
    )


# --- 5. cancellationReport ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReportGrouping:
    """One grouping of the report, both sides: load runs, and the answers' sizes.

    `groups` and `total` are (graphql, raw); graphql's are None when it answered no rows.
    """

    group_by: str
    graphql: Side
    raw: Side
    groups: tuple[int | None, int | None]
    total: tuple[int | None, int | None]
    p50_ratio: float | None
    graphql_error: str | None
    raw_error: str | None


def report_ratio(*, groupings: Sequence[ReportGrouping], limit: float) -> Goal:
    """Every grouping's p50 within `limit` times raw SQL's, with the same answer."""
    problems = [] if groupings else ["no grouping ran"]
    for g in groupings:
        problems += side_problems(f"graphql {g.group_by}", g.graphql)
        problems += side_problems(f"raw {g.group_by}", g.raw)
        if g.graphql_error is not None:
            problems.append(f"{g.group_by}: graphql answered {g.graphql_error}")
        if g.raw_error is not None:
            problems.append(f"{g.group_by}: raw answered {g.raw_error}")
        if g.groups[0] is None or g.groups[0] != g.groups[1]:
            problems.append(f"{g.group_by}: {g.groups[0]} groups vs raw's {g.groups[1]}")
        if g.total[0] is None or g.total[0] != g.total[1]:
            problems.append(f"{g.group_by}: {g.total[0]} cancellations vs raw's {g.total[1]}")
        elif not g.total[0]:
            problems.append(f"{g.group_by}: no cancellation counted")
        if g.p50_ratio is None:
            problems.append(f"{g.group_by}: no p50 ratio")
    ratios = [g.p50_ratio for g in groupings if g.p50_ratio is not None]
    return verdict(
        f"report <= {limit:g}x raw SQL",
        met=bool(ratios) and max(ratios) <= limit,
        problems=problems,
        detail="p50 ratios " + ", ".join(f"{g.group_by}={g.p50_ratio}" for g in groupings),
    )


def section_without_figures(section: str, status: str) -> Goal:
    """A section that raised or was skipped: its goals have nothing to rest on."""
    if status.startswith("not available"):
        return not_measured(f"{section} goals", status)
    return Goal(f"{section} goals", INVALID, status, (f"the {section} section did not finish",))


def tally(goals: Sequence[Goal | dict[str, Any]]) -> dict[str, int]:
    """How many goals have each status (all four, zeros included)."""
    statuses = [g.status if isinstance(g, Goal) else g["status"] for g in goals]
    return {status: statuses.count(status) for status in STATUSES}
