"""Standard Webhooks signatures, the retry schedule, and which URLs may be reached."""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
from datetime import UTC, datetime, timedelta

import pytest

from models.webhook_settings import WebhookSettings
from resolvers.webhook_urls import UrlRefused, parse_url
from subscriptions.webhooks.schedule import next_attempt, schedule
from subscriptions.webhooks.signing import InvalidSignature, new_secret, sign, verify

BODY = b'{"id":"msg_1","type":"MissionCancelledNotice"}'
NOW = 1_800_000_000


def test_the_signature_is_standard_webhooks_hmac_sha256_of_id_timestamp_body() -> None:
    # given the example of the Standard Webhooks specification's shape
    secret = "whsec_" + base64.b64encode(b"k" * 24).decode()

    # when
    headers = sign([secret], "msg_1", NOW, BODY)

    # then it is computed as any Standard Webhooks library computes it
    expected = hmac.new(b"k" * 24, b"msg_1.%d." % NOW + BODY, hashlib.sha256).digest()
    assert headers == {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(NOW),
        "webhook-signature": "v1," + base64.b64encode(expected).decode(),
    }
    verify(secret, headers, BODY, now=NOW)


def test_during_a_rotation_either_secret_verifies() -> None:
    old, new = new_secret(), new_secret()
    headers = sign([new, old], "msg_2", NOW, BODY)

    verify(new, headers, BODY, now=NOW)
    verify(old, headers, BODY, now=NOW)
    with pytest.raises(InvalidSignature):
        verify(new_secret(), headers, BODY, now=NOW)


@pytest.mark.parametrize(
    ("change", "now"),
    [("body", NOW), ("id", NOW), ("none", NOW + 301), ("none", NOW - 301)],
)
def test_a_changed_or_stale_request_is_refused(change: str, now: int) -> None:
    secret = new_secret()
    headers = sign([secret], "msg_3", NOW, BODY)
    body = BODY + b" " if change == "body" else BODY
    if change == "id":
        headers["webhook-id"] = "msg_4"

    with pytest.raises(InvalidSignature):
        verify(secret, headers, body, now=now)


def test_the_default_schedule_retries_for_24_hours_with_doubling_waits() -> None:
    waits = schedule(WebhookSettings())

    assert sum(waits) == 24 * 3600
    assert waits[:6] == [30, 30, 60, 120, 240, 480]
    assert max(waits) == 3600


def test_a_retry_is_jittered_and_none_after_the_period() -> None:
    settings = WebhookSettings()
    first = datetime(2026, 6, 1, tzinfo=UTC)
    rng = random.Random(1)

    later = [next_attempt(first, first + timedelta(minutes=10), settings, rng) for _ in range(20)]

    waits = {(t - first - timedelta(minutes=10)).total_seconds() for t in later if t}
    assert len(waits) == 20 and all(450 <= w <= 750 for w in waits)
    assert next_attempt(first, first + timedelta(hours=24), settings) is None


@pytest.mark.parametrize(
    "url",
    ["http://example.com/hook", "https://u:p@example.com/", "https://", "javascript:alert(1)"],
)
def test_a_url_that_is_not_https_to_a_named_host_is_refused(url: str) -> None:
    with pytest.raises(UrlRefused):
        parse_url(url)


def test_http_is_allowed_to_a_loopback_host() -> None:
    target = parse_url("http://127.0.0.1:8080/hooks?x=1")

    assert (target.host, target.port, target.path) == ("127.0.0.1", 8080, "/hooks?x=1")
