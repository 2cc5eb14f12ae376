"""The growth section: the same page and report for agencies of very different sizes.

The agencies are the dataset's noise agencies, built at the sizes `--growth-sizes` asks
for (about 5,000, 50,000 and 500,000 cancellations by default), in the same database as
the measured agency, so every figure comes from one run and one database. For each
agency, ours and raw, one connection: the Cancelled tab's first page of 20 (the page
section's query), and the report grouped by CUSTOMER and by DAY over the last 365 days.
For the largest agency, also page 1,001 (after its 20,000th cancellation, by a cursor of
each side's own format) next to page 1. Every case runs in 3 rounds over all sizes in
turn, so that a burst of load lands on every size alike. Goals in `bench/goals_growth.py`.
"""

from __future__ import annotations

import base64
from datetime import date, timedelta
from typing import Any

import asyncpg
import orjson

from bench import goals_growth as gg
from bench import load
from bench.goals import Goal, Side

PAGE_ROWS = 20
DEEP_PAGE = 1_001
REPORT_GROUPINGS = ("CUSTOMER", "DAY")
PAGE_GROWTH_LIMIT = 1.2
REPORT_GROWTH_SLACK = 1.25  # "close to raw's": within a quarter of raw SQL's own growth
REPORT_RATIO_LIMIT = 1.5
DEEP_LIMIT = 1.2
ROUNDS = 3
CURSOR_SQL = """SELECT cancelled_at, id FROM cancellation WHERE agency_id = $1 AND reverted_at IS NULL
                ORDER BY cancelled_at DESC, id DESC OFFSET $2 LIMIT 1"""


def sizes_of(text: str, scale: float) -> list[int]:
    """`--growth-sizes` ("5000,50000,500000"), times --scale below 1 (at least 500 each)."""
    sizes = [int(x.replace("_", "")) for x in text.split(",") if x.strip()]
    return [max(500, int(n * min(scale, 1.0))) for n in sizes]


def _cursors(row: asyncpg.Record) -> tuple[str, str]:
    """The cursor after `row` in ours' format (resolvers/paging.py) and in raw's."""
    from resolvers.paging import encode_cursor

    ours = encode_cursor([row["cancelled_at"], row["id"]])
    raw = base64.urlsafe_b64encode(f"{row['cancelled_at'].isoformat()}|{row['id']}".encode())
    return ours, raw.decode()


class Growth:
    """Runs the section against a started bench (`bench.run.Bench`)."""

    def __init__(self, bench: Any, page_query: str, report_query: str) -> None:
        self.bench = bench
        self.page_query = page_query
        self.report_query = report_query
        self.goals: list[Goal] = []

    def token(self, user_id: int, agency_id: int) -> str:
        from types import SimpleNamespace

        from schema.auth import issue_token

        user: Any = SimpleNamespace(id=user_id, agency_id=agency_id, token_version=0)
        return str(issue_token(self.bench.secret, user))

    async def _measure(self, case: Case, round_duration: float) -> None:
        """One round of a case: ours then raw, each for `round_duration` seconds."""
        b = self.bench
        if case.same is None:
            _, g_doc = await load.post_json("127.0.0.1", b.a.port, "/graphql", case.gql, case.token)
            _, r_doc = await load.post_json(
                "127.0.0.1", b.raw.port, case.raw_path, case.raw, case.token
            )
            case.same = case.compare(g_doc, r_doc)
        for side, port, path, body, check in (
            ("graphql", b.a.port, "/graphql", case.gql, load.graphql_check(case.field)),
            ("raw", b.raw.port, case.raw_path, case.raw, load.raw_check),
        ):
            run = await load.closed_loop(
                "127.0.0.1",
                port,
                path,
                case.token,
                body=orjson.dumps(body),
                connections=1,
                duration=round_duration,
                warmup=3,
                check=check,
            )
            case.add(side, run)

    def page_case(self, size: int, token: str, after: tuple[str, str] | None) -> Case:
        gvars: dict[str, Any] = {"first": PAGE_ROWS}
        rbody: dict[str, Any] = {"first": PAGE_ROWS}
        if after is not None:
            gvars["after"], rbody["after"] = after
        gql = {"query": self.page_query, "variables": gvars}
        return Case(size, token, gql, "/page", rbody, "cancellations", _same_ids)

    def report_case(self, size: int, token: str, group_by: str) -> Case:
        today = date.today()
        span = {"from": (today - timedelta(days=364)).isoformat(), "to": today.isoformat()}
        gql = {"query": self.report_query, "variables": {**span, "groupBy": group_by}}
        raw = {**span, "groupBy": group_by}
        return Case(size, token, gql, "/report", raw, "cancellationReport", _same_report)

    async def run(self) -> dict[str, Any]:
        agencies = sorted(self.bench.dataset.growth_agencies, key=lambda a: a.cancellations)
        if len(agencies) < 2:
            return {"status": "not available: fewer than two growth agencies were built"}
        cases: dict[str, list[Case]] = {"page": [], **{g: [] for g in REPORT_GROUPINGS}}
        for agency in agencies:
            size = agency.cancellations
            op = self.token(agency.operator_id, agency.agency_id)
            rep = self.token(agency.reporter_id, agency.agency_id)
            cases["page"].append(self.page_case(size, op, None))
            for group_by in REPORT_GROUPINGS:
                cases[group_by].append(self.report_case(size, rep, group_by))
        deep = await self._deep_case(agencies[-1])
        every = [c for listed in cases.values() for c in listed] + ([deep] if deep else [])
        # Rounds over every size in turn: a burst of load on the shared machine lands on
        # all sizes alike, not on one of them (the p50s are of every round's answers).
        for _ in range(ROUNDS):
            for case in every:
                await self._measure(case, self.bench.duration / 2 / ROUNDS)
        out: dict[str, Any] = {"status": "ok", "rounds": ROUNDS, "agencies": []}
        for i, agency in enumerate(agencies):
            row: dict[str, Any] = {"cancellations": agency.cancellations}
            row["customers"] = agency.customers
            row["page"] = cases["page"][i].summary()
            for group_by in REPORT_GROUPINGS:
                row[f"report_{group_by}"] = cases[group_by][i].summary()
            out["agencies"].append(row)
        page_points = [c.point() for c in cases["page"]]
        self.goals.append(gg.page_growth(points=page_points, limit=PAGE_GROWTH_LIMIT))
        for group_by in REPORT_GROUPINGS:
            points = [c.point() for c in cases[group_by]]
            self.goals.append(
                gg.report_growth(group_by=group_by, points=points, slack=REPORT_GROWTH_SLACK)
            )
            self.goals.append(
                gg.report_ratio_every_size(
                    group_by=group_by, points=points, limit=REPORT_RATIO_LIMIT
                )
            )
        out["page_growth"] = {s: gg.growth(page_points, s) for s in ("graphql", "raw")}
        out["report_growth"] = {
            g: {s: gg.growth([c.point() for c in cases[g]], s) for s in ("graphql", "raw")}
            for g in REPORT_GROUPINGS
        }
        deep_page = None
        if deep is None:
            out["deep_page"] = {
                "status": f"fewer than {(DEEP_PAGE - 1) * PAGE_ROWS:,} cancellations"
            }
        else:
            out["deep_page"] = {**deep.summary(), "page": DEEP_PAGE}
            deep_page = gg.DeepPage(deep.size, DEEP_PAGE, page_points[-1], deep.point())
        self.goals.append(gg.deep_page(case=deep_page, limit=DEEP_LIMIT))
        for row in out["agencies"]:
            print(f"    {row['cancellations']:,} cancellations: {_line(row)}", flush=True)
        return out

    async def _deep_case(self, agency: Any) -> Case | None:
        skip = (DEEP_PAGE - 1) * PAGE_ROWS
        conn = await asyncpg.connect(self.bench.dataset.dsn)
        try:
            row = await conn.fetchrow(CURSOR_SQL, agency.agency_id, skip - 1)
        finally:
            await conn.close()
        if row is None:
            return None
        token = self.token(agency.operator_id, agency.agency_id)
        return self.page_case(agency.cancellations, token, _cursors(row))


class Case:
    """One request at one agency size, both sides, measured over several rounds."""

    def __init__(
        self,
        size: int,
        token: str,
        gql: dict[str, Any],
        raw_path: str,
        raw: dict[str, Any],
        field: str,
        compare: Any,
    ) -> None:
        self.size, self.token, self.gql, self.raw_path, self.raw = size, token, gql, raw_path, raw
        self.field, self.compare = field, compare
        self.same: bool | None = None
        self.runs = {"graphql": load.Run(), "raw": load.Run()}

    def add(self, side: str, run: load.Run) -> None:
        merged = self.runs[side]
        merged.latencies += run.latencies
        merged.elapsed += run.elapsed
        merged.errors += run.errors
        merged.first_error = merged.first_error or run.first_error

    def summary(self) -> dict[str, Any]:
        return {**{s: r.summary() for s, r in self.runs.items()}, "same_answer": self.same}

    def point(self) -> gg.SizePoint:
        g, r = self.runs["graphql"].summary(), self.runs["raw"].summary()
        return gg.SizePoint(
            cancellations=self.size,
            graphql=Side.of(g),
            raw=Side.of(r),
            graphql_p50_ms=g["p50_ms"],
            raw_p50_ms=r["p50_ms"],
            same_answer=self.same,
        )


def _same_ids(g: Any, r: Any) -> bool | None:
    try:
        g_ids = [e["node"]["id"] for e in g["data"]["cancellations"]["edges"]]
        r_ids = [e["node"]["id"] for e in r["data"]["cancellations"]["edges"]]
    except (KeyError, TypeError):
        return None
    return bool(g_ids) and g_ids == r_ids


def _same_report(g: Any, r: Any) -> bool | None:
    try:
        g_rows = g["data"]["cancellationReport"]
        r_rows = r["data"]["cancellationReport"]
    except (KeyError, TypeError):
        return None
    if g_rows is None or r_rows is None:
        return None

    def shape(rows: list[dict[str, Any]]) -> tuple[int, int]:
        return len(rows), sum(x["count"] for x in rows)

    return shape(g_rows)[1] > 0 and shape(g_rows) == shape(r_rows)


def _line(row: dict[str, Any]) -> str:
    parts = []
    for key in ("page", *(f"report_{g}" for g in REPORT_GROUPINGS)):
        x = row[key]
        parts.append(f"{key} {x['graphql']['p50_ms']}/{x['raw']['p50_ms']} ms")
    return ", ".join(parts) + " (ours/raw p50)"


def print_section(res: dict[str, Any]) -> None:
    """The growth table, under the other sections'."""
    print(
        "\n6. Growth: the same requests for agencies of each size"
        + ("" if res.get("status") == "ok" else f": {res.get('status')}")
    )
    if res.get("status") != "ok":
        return
    print(
        f"   {'cancellations':>13} | {'page p50 ours':>13} {'raw':>7} | "
        + " | ".join(f"{g + ' ours':>13} {'raw':>7}" for g in REPORT_GROUPINGS)
    )
    for row in res["agencies"]:
        cells = [f"{row['page']['graphql']['p50_ms']!s:>13} {row['page']['raw']['p50_ms']!s:>7}"]
        for g in REPORT_GROUPINGS:
            x = row[f"report_{g}"]
            cells.append(f"{x['graphql']['p50_ms']!s:>13} {x['raw']['p50_ms']!s:>7}")
        print(f"   {row['cancellations']:>13,} | " + " | ".join(cells))
    pg, rg = res["page_growth"], res["report_growth"]
    print(
        f"   growth largest/smallest: page ours {pg['graphql']}x raw {pg['raw']}x; "
        + "; ".join(f"{g} ours {v['graphql']}x raw {v['raw']}x" for g, v in rg.items())
    )
    deep = res.get("deep_page", {})
    if "graphql" in deep:
        print(
            f"   page {deep['page']:,} of the largest: ours {deep['graphql']['p50_ms']} ms, "
            f"raw {deep['raw']['p50_ms']} ms (same rows as raw: {deep['same_answer']})"
        )
    elif deep:
        print(f"   deep page: {deep.get('status')}")
