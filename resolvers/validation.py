"""Input checks shared by the use cases: each failure names the field at fault."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from models.domain.errors import DomainError, ErrorCode
from models.domain.series import EARLIEST_YEAR, LATEST_YEAR
from resolvers.limits import NAME_MAX, NOTE_MAX, REASON_CODES_MAX, SEARCH_MAX, TIME_ZONE_MAX

Field = tuple[str, ...]


class ArgumentError(ValueError):
    """A query argument that cannot be answered; `argument` names it (BAD_USER_INPUT)."""

    def __init__(self, message: str, argument: str) -> None:
        super().__init__(message)
        self.argument = argument


def required(field: Field, what: str) -> DomainError:
    """REQUIRED on one input field."""
    return DomainError(ErrorCode.REQUIRED, f"{what} is required.", field=field)


def invalid(field: Field, message: str) -> DomainError:
    """INVALID on one input field."""
    return DomainError(ErrorCode.INVALID, message, field=field)


def require_text(value: str | None, field: Field, what: str, max_length: int = NAME_MAX) -> str:
    """A non-blank string of at most `max_length` characters, stripped."""
    no_control_characters(value, field, what)
    text = (value or "").strip()
    if not text:
        raise required(field, what)
    if len(text) > max_length:
        raise invalid(field, f"{what} must be at most {max_length} characters.")
    return text


def optional_text(
    value: str | None, field: Field, what: str, max_length: int = NOTE_MAX
) -> str | None:
    """A stripped string or None when blank; too long is INVALID."""
    no_control_characters(value, field, what)
    if value is None or not value.strip():
        return None
    if len(value.strip()) > max_length:
        raise invalid(field, f"{what} must be at most {max_length} characters.")
    return value.strip()


def money(value: Decimal, field: Field, what: str, *, allow_zero: bool = True) -> Decimal:
    """A non-negative amount with at most two decimal places."""
    if not value.is_finite() or value < 0 or (value == 0 and not allow_zero):
        raise invalid(field, f"{what} must be {'zero or ' if allow_zero else ''}a positive amount.")
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise invalid(field, f"{what} has at most two decimal places.")
    if value >= Decimal("10000000000"):
        raise invalid(field, f"{what} is too large.")
    return value.quantize(Decimal("0.01"))


def minutes(value: int | None, field: Field, what: str, *, maximum: int = 525_600) -> int | None:
    """A whole number of minutes from 0 to a year, or None."""
    if value is None:
        return None
    if value < 0 or value > maximum:
        raise invalid(field, f"{what} must be between 0 and {maximum} minutes.")
    return value


def aware(value: datetime, field: Field, what: str) -> datetime:
    """A datetime with a time zone, within the years bookings live in."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise invalid(field, f"{what} must include a time zone offset, e.g. 2026-05-01T09:00:00Z.")
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise invalid(field, f"{what} must be between the years {EARLIEST_YEAR} and {LATEST_YEAR}.")
    return value


def no_control_characters(value: str | None, field: Field, what: str) -> None:
    """Refuse NUL and other control characters (PostgreSQL cannot store NUL)."""
    if value and any(ord(c) < 32 and c not in "\n\r\t" for c in value):
        raise invalid(field, f"{what} contains a control character.")


def time_zone(value: str, field: Field) -> str:
    """An IANA time zone name."""
    if len(value) > TIME_ZONE_MAX:
        raise invalid(field, "That is not an IANA time zone such as Europe/Paris.")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: the name is looked up as a file (a directory, a name the system refuses).
        raise invalid(field, f"{value!r} is not an IANA time zone such as Europe/Paris.") from None
    return value


def currency(value: str, field: Field) -> str:
    """An ISO 4217 code: three capital letters."""
    code = value.strip().upper()
    if len(code) != 3 or not code.isalpha() or not code.isascii():
        raise invalid(field, "The currency is a three-letter ISO 4217 code such as EUR.")
    return code


def search_text(value: str | None, argument: str, name: str | None = None) -> str | None:
    """A search string, stripped (NULs dropped); None when blank. Longer than SEARCH_MAX is
    an ArgumentError on `argument` (`name`: the field inside it, e.g. customerSearch)."""
    text = (value or "").replace("\x00", "").strip()
    if len(text) > SEARCH_MAX:
        raise ArgumentError(
            f"{name or argument} must be at most {SEARCH_MAX} characters.", argument
        )
    return text or None


def listed_codes(codes: list[str], argument: str, name: str) -> list[str]:
    """The codes a filter lists, at most REASON_CODES_MAX (else an ArgumentError)."""
    if len(codes) > REASON_CODES_MAX:
        raise ArgumentError(f"{name} may list at most {REASON_CODES_MAX} codes.", argument)
    return codes
