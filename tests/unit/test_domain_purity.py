from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_MODULES = [
    "models.domain",
    "models.domain.billing",
    "models.domain.cascade",
    "models.domain.errors",
    "models.domain.events",
    "models.domain.series",
    "models.domain.statuses",
]
FORBIDDEN = ["tortoise", "strawberry", "starlette", "broadcaster", "redis", "aiosqlite", "asyncpg"]


def test_domain_imports_no_orm_and_no_web_framework() -> None:
    # given: a fresh interpreter
    script = "\n".join(
        [
            "import sys",
            *(f"import {module}" for module in DOMAIN_MODULES),
            f"loaded = sorted(name for name in {FORBIDDEN!r} if name in sys.modules)",
            "print(','.join(loaded))",
        ]
    )

    # when
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )

    # then
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
