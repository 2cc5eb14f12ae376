"""The Cancelled tab over GraphQL: every filter argument reaches the query; drivers and bad
input are refused."""

from __future__ import annotations

from models.agency import Role
from tests.factories import gid, make_user
from tests.service.cancelled_tab_data import nine_cancellations
from tests.service.reporting_data import (
    add_cancellations,
    execute,
    make_world,
)

CANCELLED_TAB = """
query Tab($filter: CancellationFilter, $first: Int, $after: String) {
  cancellations(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id reasonCode waived decision { billable } customer { name } } }
  }
}
"""


async def test_the_tab_over_graphql_maps_every_filter(db: str) -> None:
    # given cancellations of every kind
    w = await make_world()
    specs = nine_cancellations(w)
    made = await add_cancellations(w, specs)
    variables = {
        "filter": {
            "cancelledFrom": "2026-05-10",
            "cancelledTo": "2026-05-10",
            "customerSearch": "GLOB",
            "reasonCodes": ["CUSTOMER_REQUEST"],
            "billable": True,
            "waived": True,
            "driverId": gid("Driver", w.drivers[1].id),
            "includeReverted": False,
        },
        "first": 5,
    }
    # when a reporter asks over HTTP
    body = await execute(CANCELLED_TAB, variables, user=w.reporter)
    # then the one matching cancellation comes back
    assert "errors" not in body, body
    tab = body["data"]["cancellations"]
    assert tab["totalCount"] == 1
    assert [e["node"]["id"] for e in tab["edges"]] == [gid("Cancellation", made[6].id)]
    assert tab["edges"][0]["node"]["customer"]["name"] == "Globex"


async def test_the_tab_over_graphql_refuses_drivers_and_bad_input(db: str) -> None:
    w = await make_world()
    driver_user = await make_user(w.agency, Role.DRIVER, driver=w.drivers[0])
    body = await execute(CANCELLED_TAB, {}, user=driver_user)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await execute(CANCELLED_TAB, {"after": "junk"}, user=w.operator)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    bad_range = {"filter": {"cancelledFrom": "2026-05-10", "cancelledTo": "2026-05-09"}}
    body = await execute(CANCELLED_TAB, bad_range, user=w.operator)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    foreign_driver = {"filter": {"driverId": gid("Customer", w.customers[0].id)}}
    body = await execute(CANCELLED_TAB, foreign_driver, user=w.operator)
    assert body["data"]["cancellations"]["totalCount"] == 0
