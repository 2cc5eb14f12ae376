"""The growth section: the same page and report for agencies of very different sizes.

The agencies are the dataset's noise agencies, built at the sizes `--growth-sizes` asks
for (about 5,000, 50,000 and 500,000 cancellations by default), in the same database as
the measured agency, so every figure comes from one run and one database. For each
agency, ours and raw, one connection: the Cancelled tab's first page of 20 (the page
section's query), and the report grouped by CUSTOMER and by DAY over the last 365 days.
For the largest agency, also page 1,001 (after its 20,000th cancellation, by a cursor of
each side's own format) next to page 1. Goals in `bench/goals_growth.py`.
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

        user: Any = SimpleNamespace(id=user_id, agency_id=agency_id)
        return str(issue_token(self.bench.secret, user))

    async def _pair(
        self,
        token: str,
        gql: dict[str, Any],
        raw_path: str,
        raw: dict[str, Any],
        field: str,
        compare: Any,
    ) -> tuple[gg.SizePoint, dict[str, Any]]:
        b = self.bench
        _, g_doc = await load.post_json("127.0.0.1", b.a.port, "/graphql", gql, token)
        _, r_doc = await load.post_json("127.0.0.1", b.raw.port, raw_path, raw, token)
        runs = {}
        for side, port, path, body, check in (
            ("graphql", b.a.port, "/graphql", gql, load.graphql_check(field)),
            ("raw", b.raw.port, raw_path, raw, load.raw_check),
        ):
            run = await load.closed_loop(
                "127.0.0.1",
                port,
                path,
                token,
                body=orjson.dumps(body),
                connections=1,
                duration=b.duration / 2,
                warmup=3,
                check=check,
            )
            runs[side] = run.summary()
        same = compare(g_doc, r_doc)
        point = gg.SizePoint(
            cancellations=0,
            graphql=Side.of(runs["graphql"]),
            raw=Side.of(runs["raw"]),
            graphql_p50_ms=runs["graphql"]["p50_ms"],
            raw_p50_ms=runs["raw"]["p50_ms"],
            same_answer=same,
        )
        return point, {**runs, "same_answer": same}

    async def page(self, token: str, after: tuple[str, str] | None) -> tuple[Any, dict[str, Any]]:
        gvars: dict[str, Any] = {"first": PAGE_ROWS}
        rbody: dict[str, Any] = {"first": PAGE_ROWS}
        if after is not None:
            gvars["after"], rbody["after"] = after
        return await self._pair(
            token,
            {"query": self.page_query, "variables": gvars},
            "/page",
            rbody,
            "cancellations",
            _same_ids,
        )

    async def report(self, token: str, group_by: str) -> tuple[Any, dict[str, Any]]:
        today = date.today()
        span = {"from": (today - timedelta(days=364)).isoformat(), "to": today.isoformat()}
        return await self._pair(
            token,
            {"query": self.report_query, "variables": {**span, "groupBy": group_by}},
            "/report",
            {**span, "groupBy": group_by},
            "cancellationReport",
            _same_report,
        )

    async def run(self) -> dict[str, Any]:
        agencies = sorted(self.bench.dataset.growth_agencies, key=lambda a: a.cancellations)
        if len(agencies) < 2:
            return {"status": "not available: fewer than two growth agencies were built"}
        out: dict[str, Any] = {"status": "ok", "agencies": []}
        page_points: list[gg.SizePoint] = []
        report_points: dict[str, list[gg.SizePoint]] = {g: [] for g in REPORT_GROUPINGS}
        first_of_largest: gg.SizePoint | None = None
        for agency in agencies:
            size = agency.cancellations
            row: dict[str, Any] = {"cancellations": size, "customers": agency.customers}
            op = self.token(agency.operator_id, agency.agency_id)
            point, row["page"] = await self.page(op, None)
            page_points.append(_at(point, size))
            first_of_largest = page_points[-1]
            rep = self.token(agency.reporter_id, agency.agency_id)
            for group_by in REPORT_GROUPINGS:
                point, row[f"report_{group_by}"] = await self.report(rep, group_by)
                report_points[group_by].append(_at(point, size))
            out["agencies"].append(row)
            print(f"    {size:,} cancellations: {_line(row)}", flush=True)
        self.goals.append(gg.page_growth(points=page_points, limit=PAGE_GROWTH_LIMIT))
        for group_by, points in report_points.items():
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
            g: {s: gg.growth(p, s) for s in ("graphql", "raw")} for g, p in report_points.items()
        }
        self.goals.append(
            gg.deep_page(
                case=await self._deep(agencies[-1], first_of_largest, out), limit=DEEP_LIMIT
            )
        )
        return out

    async def _deep(
        self, agency: Any, first: gg.SizePoint | None, out: dict[str, Any]
    ) -> gg.DeepPage | None:
        skip = (DEEP_PAGE - 1) * PAGE_ROWS
        conn = await asyncpg.connect(self.bench.dataset.dsn)
        try:
            row = await conn.fetchrow(CURSOR_SQL, agency.agency_id, skip - 1)
        finally:
            await conn.close()
        if row is None or first is None:
            out["deep_page"] = {"status": f"fewer than {skip:,} cancellations"}
            return None
        point, out["deep_page"] = await self.page(
            self.token(agency.operator_id, agency.agency_id), _cursors(row)
        )
        out["deep_page"]["page"] = DEEP_PAGE
        return gg.DeepPage(agency.cancellations, DEEP_PAGE, first, _at(point, agency.cancellations))


def _at(point: gg.SizePoint, size: int) -> gg.SizePoint:
    from dataclasses import replace

    return replace(point, cancellations=size)


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
