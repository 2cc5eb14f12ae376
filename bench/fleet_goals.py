"""Goals of the fleet section (issue 12), judged on its own figures like bench/goals.py's:
`invalid` whenever the evidence is not there (an error, no frames, no commit times)."""

from __future__ import annotations

from typing import Any

from bench.goals import Goal, not_measured, verdict


def fleet_driver_p99(row: dict[str, Any] | None, *, limit_ms: float = 20) -> Goal:
    """The concerned driver's commit -> frame p99 within `limit_ms`; none lost, duplicated
    or sent to another driver."""
    procs = (row or {}).get("client_processes", 1)
    name = (
        f"fleet: concerned driver p99 <= {limit_ms:g} ms, none lost, duplicated or misdelivered"
        + (f", {procs} client processes" if procs > 1 else "")
    )
    if row is None:
        return not_measured(name, "the fleet case did not run")
    problems = []
    if "error" in row:
        problems.append(f"the run failed: {row['error']}")
    else:
        if not row.get("driver_frames"):
            problems.append("no frame reached a concerned driver")
        if row.get("commit_marks", 0) < row.get("notices", 0):
            problems.append(f"commit times for {row.get('commit_marks')} of {row.get('notices')}")
        if row.get("subscriber_error_count"):
            problems.append(f"{row['subscriber_error_count']} subscriber errors")
    p99 = row.get("driver_p99_ms")
    clean = not row.get("lost") and not row.get("duplicated") and not row.get("misdelivered")
    return verdict(
        name,
        met=p99 is not None and p99 <= limit_ms and clean,
        problems=problems,
        detail=(
            f"driver p99 {p99} ms, boards p99 {row.get('board_p99_ms')} ms, lost {row.get('lost')}, "
            f"duplicated {row.get('duplicated')}, misdelivered {row.get('misdelivered')}"
        ),
    )


def storm_catch_up(
    rows: list[dict[str, Any]], *, limit_s: float = 5, resumers: int = 1000, processes: int = 1
) -> Goal:
    """`resumers` caught up within `limit_s`, none lost or duplicated, in order, with the
    event-table reads of the largest storm no more than those of the smallest (+ the relay's).
    The largest storm judged is the one with its resumers in `processes` client processes."""
    name = (
        f"storm: {resumers} resumers caught up in <= {limit_s:g} s, in order, none lost or "
        "duplicated, reads independent of the number of resumers"
        + (f", {processes} client processes" if processes > 1 else "")
    )
    big = next(
        (
            r
            for r in rows
            if r.get("resumers") == resumers and r.get("client_processes", 1) == processes
        ),
        None,
    )
    if big is None:
        return not_measured(name, f"not measured at {resumers} resumers")
    small = min(rows, key=lambda r: int(r.get("resumers", 0)))
    problems = []
    for row in (small, big):
        if "error" in row:
            problems.append(f"{row.get('resumers')} resumers: the run failed: {row['error']}")
        elif row.get("subscriber_error_count"):
            problems.append(f"{row['subscriber_error_count']} subscriber errors")
        elif row.get("behind") and not row.get("event_scans"):
            # They caught up on notices they missed: the server read them, so a count of
            # none means PostgreSQL's statistics had not come in, not a flat count.
            problems.append(
                f"{row.get('resumers')} resumers: no event-table read counted for "
                f"{row['behind']} notices missed (statistics not flushed)"
            )
    if small is big:
        problems.append("only one storm size: reads cannot be compared")
    if problems:
        return verdict(name, met=False, problems=problems, detail="")
    slack = 10  # the relay's and the live notices' own reads during the run
    flat = int(big["event_scans"]) <= int(small["event_scans"]) + slack
    clean = not big["lost"] and not big["duplicated"] and big["order_kept"]
    return verdict(
        name,
        met=bool(big["caught_up"]) and big["caught_up_s"] <= limit_s and clean and flat,
        problems=[],
        detail=(
            f"{big['caught_up_s']} s; event-table reads {small['event_scans']} at "
            f"{small['resumers']} and {big['event_scans']} at {resumers}; lost {big['lost']}, "
            f"duplicated {big['duplicated']}, order kept {big['order_kept']}; live p99 "
            f"{big.get('live_p99_ms')} ms"
        ),
    )


def idle_memory(rows: list[dict[str, Any]], *, limit_kb: float = 50) -> Goal:
    """Server memory per idle subscription within `limit_kb` at the largest count measured."""
    name = f"idle subscription <= {limit_kb:g} KB of server memory"
    if not rows:
        return not_measured(name, "not measured")
    last = rows[-1]
    problems = []
    if "error" in last:
        problems.append(f"the run failed: {last['error']}")
    elif last.get("subscriber_error_count"):
        problems.append(f"{last['subscriber_error_count']} subscriber errors")
    if problems:
        return verdict(name, met=False, problems=problems, detail="")
    detail = ", ".join(f"{r['kb_per_subscription']} KB at {r['subscriptions']}" for r in rows)
    # The subscriptions opened last cost what one more costs; the first may have reused
    # memory freed by earlier cases, so the average alone can flatter.
    cost = max(last["kb_per_subscription"], last.get("kb_per_added_subscription", 0))
    detail += f"; {last.get('kb_per_added_subscription')} KB each of the last {last.get('added')}"
    return verdict(name, met=cost <= limit_kb, problems=[], detail=detail)
