"""Goals of the growth section: what a request costs as an agency's history grows.

Gated as in `bench/goals.py`: every judge takes all of its evidence by name, no piece of
evidence has a default, and a figure from a run where a side failed or answered
something else than the other is `invalid`, not `met` or `missed`. Pure, unit-tested.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.goals import Goal, Side, not_measured, side_problems, verdict


@dataclass(frozen=True)
class SizePoint:
    """One request measured at one agency size, both sides (GraphQL and raw).

    `same_answer`: the two sides' answers agreed (the same ids, or the same groups and
    total); None when they could not be compared.
    """

    cancellations: int
    graphql: Side
    raw: Side
    graphql_p50_ms: float | None
    raw_p50_ms: float | None
    same_answer: bool | None


def growth(points: Sequence[SizePoint], side: str) -> float | None:
    """p50 at the largest size divided by p50 at the smallest, for `graphql` or `raw`."""
    if len(points) < 2:
        return None
    ordered = sorted(points, key=lambda p: p.cancellations)
    small = getattr(ordered[0], f"{side}_p50_ms")
    large = getattr(ordered[-1], f"{side}_p50_ms")
    if not small or large is None:
        return None
    return round(large / small, 2)


def _point_problems(what: str, points: Sequence[SizePoint]) -> list[str]:
    problems = [] if len(points) >= 2 else [f"{what}: fewer than two sizes measured"]
    for p in points:
        where = f"{what} at {p.cancellations:,}"
        problems += side_problems(f"graphql {where}", p.graphql)
        problems += side_problems(f"raw {where}", p.raw)
        if p.same_answer is not True:
            problems.append(
                f"{where}: answers differ from raw's"
                if p.same_answer is False
                else f"{where}: answers could not be compared"
            )
        if p.graphql_p50_ms is None or p.raw_p50_ms is None:
            problems.append(f"{where}: no p50")
    return problems


def _sizes(points: Sequence[SizePoint]) -> str:
    return "/".join(f"{p.cancellations:,}" for p in sorted(points, key=lambda p: p.cancellations))


def page_growth(*, points: Sequence[SizePoint], limit: float) -> Goal:
    """The page's p50 at the largest agency within `limit` times its p50 at the smallest."""
    ours, raw = growth(points, "graphql"), growth(points, "raw")
    return verdict(
        f"page growth <= {limit:g}x (largest/smallest agency)",
        met=ours is not None and ours <= limit,
        problems=_point_problems("page", points),
        detail=f"ours {ours}x, raw {raw}x over {_sizes(points)} cancellations",
    )


def report_growth(*, group_by: str, points: Sequence[SizePoint], slack: float) -> Goal:
    """The report's growth (largest/smallest) within `slack` times raw SQL's growth."""
    ours, raw = growth(points, "graphql"), growth(points, "raw")
    return verdict(
        f"report {group_by} growth <= {slack:g}x raw's growth",
        met=ours is not None and raw is not None and ours <= raw * slack,
        problems=_point_problems(f"report {group_by}", points),
        detail=f"ours {ours}x, raw {raw}x over {_sizes(points)} cancellations",
    )


def report_ratio_every_size(*, group_by: str, points: Sequence[SizePoint], limit: float) -> Goal:
    """The report's p50 within `limit` times raw SQL's at every agency size."""
    ratios = [
        (p.cancellations, round(p.graphql_p50_ms / p.raw_p50_ms, 2))
        for p in points
        if p.graphql_p50_ms is not None and p.raw_p50_ms
    ]
    return verdict(
        f"report {group_by} <= {limit:g}x raw SQL at every size",
        met=bool(ratios) and len(ratios) == len(points) and max(r for _, r in ratios) <= limit,
        problems=_point_problems(f"report {group_by}", points),
        detail="p50 ratios " + ", ".join(f"{n:,}={r}" for n, r in ratios),
    )


@dataclass(frozen=True)
class DeepPage:
    """The same page size at page 1 and at a deep page of one agency (ours only; raw
    alongside as the reference)."""

    cancellations: int
    page_number: int
    first: SizePoint
    deep: SizePoint


def deep_page(*, case: DeepPage | None, limit: float) -> Goal:
    """A deep page's p50 within `limit` times page 1's (keyset: no skipping rows)."""
    name = f"deep page <= {limit:g}x page 1"
    if case is None:
        return not_measured(name, "no agency has enough cancellations for a deep page")
    problems = _point_problems("page 1", [case.first]) + _point_problems("deep", [case.deep])
    problems = [p for p in problems if "fewer than two sizes" not in p]
    ours = (
        round(case.deep.graphql_p50_ms / case.first.graphql_p50_ms, 2)
        if case.deep.graphql_p50_ms is not None and case.first.graphql_p50_ms
        else None
    )
    raw = (
        round(case.deep.raw_p50_ms / case.first.raw_p50_ms, 2)
        if case.deep.raw_p50_ms is not None and case.first.raw_p50_ms
        else None
    )
    return verdict(
        name,
        met=ours is not None and ours <= limit,
        problems=problems,
        detail=f"page {case.page_number:,} / page 1 at {case.cancellations:,} cancellations: "
        f"ours {ours}x, raw {raw}x",
    )
