"""Custom scalars: Decimal as a string on the wire, JSON for event data."""

from __future__ import annotations

from decimal import Decimal as PyDecimal
from decimal import InvalidOperation
from typing import TYPE_CHECKING, Any, NewType, TypeAlias

import strawberry
from strawberry.scalars import JSON

__all__ = ["JSON", "Decimal"]


def _parse_decimal(value: Any) -> PyDecimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError('A Decimal is sent as a string such as "123.45".')
    try:
        result = PyDecimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"{value!r} is not a decimal number.") from exc
    if not result.is_finite():
        raise ValueError("A Decimal must be a finite number.")
    return result


if TYPE_CHECKING:
    Decimal: TypeAlias = PyDecimal
else:
    Decimal = strawberry.scalar(
        NewType("Decimal", PyDecimal),
        name="Decimal",
        description='An exact decimal number, sent as a string such as "123.45".',
        serialize=lambda v: format(PyDecimal(v), "f"),
        parse_value=_parse_decimal,
    )
