"""A refused page names the argument at fault, so no caller reads it from the message."""

from __future__ import annotations

import pytest

from models.audit import Event
from resolvers.paging import MAX_PAGE, Key, PageError, decode_cursor, page_size


@pytest.mark.parametrize("first", [0, -1, MAX_PAGE + 1], ids=["zero", "negative", "past-max"])
def test_a_bad_page_size_names_first(first: int) -> None:
    # given a page size out of range
    # when it is checked
    with pytest.raises(PageError) as refused:
        page_size(first)
    # then the error names `first`
    assert refused.value.argument == "first"


@pytest.mark.parametrize(
    "cursor", ["not base64!", "WzFd", "WyJhZnRlciJd"], ids=["junk", "int-list", "str"]
)
def test_a_foreign_cursor_names_after(cursor: str) -> None:
    # given a cursor this list never handed out (one that even says "after" in it)
    # when it is decoded against the list's keys
    with pytest.raises(PageError) as refused:
        decode_cursor(cursor, [Key("id"), Key("seq")], Event)
    # then the error names `after`
    assert refused.value.argument == "after"
