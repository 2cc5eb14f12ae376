"""`python -m dispatch deliver`: the delivery worker alone, until SIGTERM or Ctrl-C.

For a deployment that runs its server processes with WEBHOOK_WORKER=0 and delivers
from dedicated processes instead (any number: claims never overlap on PostgreSQL).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from tortoise import Tortoise

from models.config import Settings, tortoise_config


async def deliver_forever(settings: Settings) -> int:
    """Run the worker until told to stop; 0."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    from schema.webhook_body import make_renderer
    from subscriptions.webhooks.worker import DeliveryWorker

    logging.basicConfig(level=settings.log_level.upper())
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)
    worker = DeliveryWorker(settings.webhooks, make_renderer(settings))
    await worker.start()
    try:
        await stop.wait()
    finally:
        await worker.stop()
        await Tortoise.close_connections()
    return 0
