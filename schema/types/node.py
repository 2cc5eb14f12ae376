"""The Relay `Node` interface, `PageInfo`, and generic cursor connections."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from tortoise.models import Model

from resolvers.paging import Page
from resolvers.validation import ArgumentError
from schema.errors_gql import bad_argument

T = TypeVar("T")
C = TypeVar("C")
M = TypeVar("M", bound=Model)

PageFirst = Annotated[
    int | None, strawberry.argument(description="Page size (1 to 200, default 20).")
]
PageAfter = Annotated[str | None, strawberry.argument(description="The cursor to continue after.")]


@strawberry.interface(description="An object with a global id, fetchable with `node(id:)`.")
class Node:
    id: strawberry.ID = strawberry.field(description="The global, opaque id of the object.")


@strawberry.type(description="Where a page sits in its list (Relay cursor connections).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items come before this page.")
    start_cursor: str | None = strawberry.field(description="The cursor of the first item.")
    end_cursor: str | None = strawberry.field(
        description="The cursor of the last item; pass it as `after`."
    )


@strawberry.type(description="An item of a list, with its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Pass as `after` to continue after this item.")
    node: T = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list (Relay cursor connection).")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more items exist.")
    total: strawberry.Private[int | None] = None

    @strawberry.field(description="How many items the whole list has.")
    def total_count(self) -> int:
        return counted(self.total)


def counted(total: int | None) -> int:
    """A connection's total; it is counted only when selected (see `selects`)."""
    if total is None:
        raise RuntimeError("totalCount was selected but not counted")
    return total


def page_info(page: Page[Any]) -> PageInfo:
    return PageInfo(
        has_next_page=page.has_next,
        has_previous_page=page.has_previous,
        start_cursor=page.cursors[0] if page.cursors else None,
        end_cursor=page.cursors[-1] if page.cursors else None,
    )


async def connection(
    connection_type: Callable[..., C],
    page: Page[M] | Awaitable[Page[M]],
    node: Callable[[M], Any],
    *,
    edge: Callable[..., Any] = Edge,
) -> C:
    """The connection of a page: one edge per row (`node` of the row, its cursor), the page
    info, and the total when the page counted one.

    `page` may be the awaitable that reads it: a bad `first`, `after` (or any other
    argument the read refuses) is then the GraphQL error BAD_USER_INPUT naming it.
    """
    try:
        loaded = page if isinstance(page, Page) else await page
    except ArgumentError as exc:
        raise bad_argument(str(exc), exc.argument) from exc
    return page_connection(connection_type, loaded, node, edge=edge)


def page_connection(
    connection_type: Callable[..., C],
    loaded: Page[M],
    node: Callable[[M], Any],
    *,
    edge: Callable[..., Any] = Edge,
) -> C:
    """The connection of a page already read."""
    fields: dict[str, Any] = {
        "edges": [
            edge(cursor=c, node=node(r)) for r, c in zip(loaded.rows, loaded.cursors, strict=True)
        ],
        "page_info": page_info(loaded),
    }
    if "total" in getattr(connection_type, "__dataclass_fields__", ()):
        fields["total"] = loaded.total
    return connection_type(**fields)
