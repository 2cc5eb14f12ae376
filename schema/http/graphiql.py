"""GraphiQL from the service itself: the page, and its assets under /graphiql/.

Strawberry's page loads React and GraphiQL from a CDN, blank where there is none. Ours
loads the same files from `graphiql_assets/` (see its README), and has a token box: the
token pasted once is kept in the browser and sent with every query and subscription.
"""

from __future__ import annotations

from pathlib import Path

from starlette.responses import HTMLResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

ASSETS = Path(__file__).with_name("graphiql_assets")
PAGE = (ASSETS / "page.html").read_text()
ASSET_FILES = frozenset(p.name for p in ASSETS.iterdir() if p.suffix in (".js", ".css"))


def page() -> HTMLResponse:
    return HTMLResponse(PAGE, headers={"Cache-Control": "no-cache"})


class Assets(StaticFiles):
    """The page's scripts and styles, and nothing else of the folder."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = scope.get("path", "").rsplit("/", 1)[-1]
        if name not in ASSET_FILES:
            await HTMLResponse("Not Found", status_code=404)(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def assets_mount() -> Mount:
    return Mount("/graphiql", Assets(directory=ASSETS), name="graphiql")
