"""npm packages the e2e tests run (the graphql-http audit), installed once into a cache.

Installed outside the repository, in ~/.cache/dispatch-tests/<tool> (or under
$TEST_NPM_CACHE), as bench/postgraphile.py does: a package.json written there, `npm install
--no-audit --no-fund`, reused as long as it asks for the same packages; a lock keeps two
test processes from installing at once. Standard library only, so that .ci/run can
install before the venv exists: `python3 tests/e2e/npm_tools.py graphql-http`.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

TOOLS: dict[str, dict[str, str]] = {
    # graphql-http's audits import graphql (its peer dependency)
    "graphql-http": {"graphql-http": "^1.22", "graphql": "^16"},
}
INSTALL_TIMEOUT_S = 300


class ToolMissing(Exception):
    """The tool could not be installed (npm missing or unreachable); says why, in one line."""


def cache_root() -> Path:
    return Path(os.environ.get("TEST_NPM_CACHE") or "~/.cache/dispatch-tests").expanduser()


def _manifest(tool: str) -> str:
    return json.dumps({"private": True, "dependencies": TOOLS[tool]}, indent=2, sort_keys=True)


def installed(tool: str) -> Path:
    """The folder whose node_modules holds `tool`, installed first when absent or stale."""
    folder = cache_root() / tool
    folder.mkdir(parents=True, exist_ok=True)
    manifest = _manifest(tool)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        package_json = folder / "package.json"
        current = package_json.read_text() if package_json.exists() else ""
        ready = current == manifest and all(
            (folder / "node_modules" / name / "package.json").exists() for name in TOOLS[tool]
        )
        if not ready:
            package_json.write_text(manifest)
            _npm_install(folder)
    return folder


def _npm_install(folder: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise ToolMissing("npm is not on PATH")
    try:
        result = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--no-package-lock"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise ToolMissing(f"npm install did not finish in {INSTALL_TIMEOUT_S} s") from None
    if result.returncode != 0:
        said = [ln for ln in result.stderr.splitlines() if "error" in ln.lower()][:3]
        raise ToolMissing(f"npm install failed ({result.returncode}): " + "; ".join(said))


def node() -> str:
    binary = shutil.which("node")
    if binary is None:
        raise ToolMissing("node is not on PATH")
    return binary


if __name__ == "__main__":
    for name in sys.argv[1:] or list(TOOLS):
        try:
            print(f"{name}: {installed(name)}")
        except ToolMissing as exc:
            print(f"{name}: not installed: {exc}", file=sys.stderr)
