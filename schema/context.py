"""The per-request (per-connection for WebSockets) GraphQL context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from strawberry.types import Info as StrawberryInfo

from models.config import Settings
from observability.operations import OperationSeen
from resolvers.clock import Clock
from resolvers.scope import Scope
from resolvers.tokens import Principal

if TYPE_CHECKING:
    from resolvers.row_store import RowStore
    from schema.loaders import Loaders


@dataclass
class Context:
    """What every resolver may use: the caller, the clock, per-operation dataloaders."""

    settings: Settings
    clock: Clock
    principal: Principal | None
    request_id: str
    request: Any = None
    response: Any = None
    connection_params: dict[str, Any] | None = None
    # name and type of the operation, set when its document is parsed (metrics, logs)
    operation: OperationSeen = field(default_factory=OperationSeen)
    _loaders: Loaders | None = field(default=None, repr=False)
    _rows: RowStore | None = field(default=None, repr=False)

    @property
    def scope(self) -> Scope:
        """The caller's scope; resolvers only run after the permission check."""
        if self.principal is None:
            from schema.permissions import unauthenticated

            raise unauthenticated()
        return self.principal.scope

    @property
    def currency(self) -> str:
        """The agency's currency, for money fields."""
        return self.principal.user.agency.currency if self.principal else ""

    @property
    def agency(self) -> Any:
        """The caller's agency row, read with the caller on this request (None without one)."""
        return self.principal.user.agency if self.principal else None

    @property
    def time_zone(self) -> str | None:
        """The agency's IANA time zone, for agency-local dates (None without a caller)."""
        return self.principal.user.agency.time_zone if self.principal else None

    @property
    def loaders(self) -> Loaders:
        """Dataloaders for the current operation (reset by an extension per operation)."""
        if self._loaders is None:
            from schema.loaders import Loaders

            self._loaders = Loaders(self.principal.scope if self.principal else None)
        return self._loaders

    @property
    def rows(self) -> RowStore:
        """The rows this operation has read (filled a level at a time by the planner)."""
        if self._rows is None:
            from resolvers import visibility
            from resolvers.row_store import RowStore

            scope = self.principal.scope if self.principal else None
            self._rows = (
                RowStore(scope.agency_id, visibility.own_driver_id(scope))
                if scope
                else RowStore(None)
            )
        return self._rows

    def reset_loaders(self) -> None:
        """Forget cached rows: a new operation, or a new notice on a subscription."""
        self._loaders = None
        self._rows = None


Info = StrawberryInfo[Context, None]
