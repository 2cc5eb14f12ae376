"""A headless Chromium (the OS package) driven over the DevTools protocol, for page tests.

No browser download and no driver: `chromium --headless --remote-debugging-port=0`,
then the page's DevTools WebSocket (with the `websockets` the tests already use). Every
wait is bounded. The browser resolves no host but 127.0.0.1, as in an air-gapped site.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def chromium_binary() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Page:
    """One tab: evaluate JavaScript, wait for a condition, see every request it sent."""

    def __init__(self, conn: ClientConnection) -> None:
        self.conn = conn
        self.ids = itertools.count(1)
        self.pending: dict[int, asyncio.Future[Any]] = {}
        self.requested: list[str] = []
        self.console: list[str] = []
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for frame in self.conn:
            message = json.loads(frame)
            if "id" in message and message["id"] in self.pending:
                self.pending.pop(message["id"]).set_result(message)
            elif message.get("method") == "Network.requestWillBeSent":
                self.requested.append(message["params"]["request"]["url"])
            elif message.get("method") == "Runtime.exceptionThrown":
                self.console.append(json.dumps(message["params"]["exceptionDetails"])[:500])

    async def send(self, method: str, **params: Any) -> Any:
        number = next(self.ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.pending[number] = future
        await self.conn.send(json.dumps({"id": number, "method": method, "params": params}))
        async with asyncio.timeout(15):
            message = await future
        if "error" in message:
            raise RuntimeError(f"{method}: {message['error']}")
        return message.get("result")

    async def evaluate(self, expression: str) -> Any:
        result = await self.send(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def goto(self, url: str) -> None:
        await self.send("Page.navigate", url=url)

    async def wait_for(self, expression: str, within: float = 20) -> Any:
        """Until `expression` is truthy; its value."""
        deadline = time.monotonic() + within
        last: Any = None
        while time.monotonic() < deadline:
            with contextlib.suppress(RuntimeError):
                last = await self.evaluate(expression)
                if last:
                    return last
            await asyncio.sleep(0.2)
        raise TimeoutError(
            f"not true within {within}s: {expression} (last: {last!r}); errors: {self.console}"
        )


@contextlib.asynccontextmanager
async def headless_page(binary: str) -> AsyncIterator[Page]:
    """A fresh browser profile and one tab; the browser is stopped afterwards."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        process = _launch(binary, profile)
        try:
            port = await _devtools_port(Path(profile), process)
            async with httpx.AsyncClient(timeout=5) as client:
                targets = (await client.get(f"http://127.0.0.1:{port}/json/list")).json()
            target = next(t for t in targets if t["type"] == "page")
            async with connect(target["webSocketDebuggerUrl"], max_size=None) as conn:
                page = Page(conn)
                await page.send("Page.enable")
                await page.send("Runtime.enable")
                await page.send("Network.enable")
                try:
                    yield page
                finally:
                    page.reader.cancel()
        finally:
            _stop(process)
    finally:
        _remove(profile)


def _launch(binary: str, profile: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            binary,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            # air-gapped: nothing but this machine resolves
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its helpers too are stopped with it (`_stop`)
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    # The whole group: chromium's helper processes may outlive the browser a moment and
    # still write to the profile while it is being removed.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # any helper left


def _remove(profile: str) -> None:
    """The profile, removed once nothing writes to it any more (a few tries)."""
    for _ in range(50):
        try:
            shutil.rmtree(profile)
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.1)
    shutil.rmtree(profile, ignore_errors=True)


async def _devtools_port(profile: Path, process: subprocess.Popen[bytes]) -> int:
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with {process.returncode}")
        if marker.exists() and marker.read_text().strip():
            return int(marker.read_text().splitlines()[0])
        await asyncio.sleep(0.1)
    raise TimeoutError("chromium did not open its DevTools port")
