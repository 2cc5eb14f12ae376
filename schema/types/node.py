"""The Relay `Node` interface, `PageInfo`, and generic cursor connections."""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

import strawberry

from resolvers.paging import Page

T = TypeVar("T")

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
    total_count: int = strawberry.field(description="How many items the whole list has.")


@strawberry.type(description="A page of a list without a total (Relay cursor connection).")
class PlainConnection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more items exist.")


def page_info(page: Page[Any]) -> PageInfo:
    return PageInfo(
        has_next_page=page.has_next,
        has_previous_page=page.has_previous,
        start_cursor=page.cursors[0] if page.cursors else None,
        end_cursor=page.cursors[-1] if page.cursors else None,
    )
