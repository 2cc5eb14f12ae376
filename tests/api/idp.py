"""A test identity provider: keys made in the test, a JWKS served over HTTP by a separate
process on 127.0.0.1 (`python -m http.server`), and tokens signed as a provider would."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from tests.e2e.servers import free_port

ISSUER = "https://idp.example.com/"
AUDIENCE = "dispatch-api"


@dataclass
class SigningKey:
    """A provider's key pair, published under `kid`."""

    kid: str
    algorithm: str
    private: Any

    @classmethod
    def make(cls, kid: str, algorithm: str = "RS256") -> SigningKey:
        if algorithm == "ES256":
            return cls(kid, algorithm, ec.generate_private_key(ec.SECP256R1()))
        return cls(kid, algorithm, rsa.generate_private_key(public_exponent=65537, key_size=2048))

    def jwk(self) -> dict[str, Any]:
        kind = ECAlgorithm if self.algorithm == "ES256" else RSAAlgorithm
        jwk: dict[str, Any] = kind.to_jwk(self.private.public_key(), as_dict=True)
        return {**jwk, "kid": self.kid, "use": "sig", "alg": self.algorithm}

    def public_pem(self) -> bytes:
        return bytes(
            self.private.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )

    def sign(self, claims: dict[str, Any], **header: Any) -> str:
        return jwt.encode(
            claims, self.private, algorithm=self.algorithm, headers={"kid": self.kid, **header}
        )


def claims(subject: str, **overrides: Any) -> dict[str, Any]:
    """A provider's claims for `subject`, valid for an hour from now."""
    now = datetime.now(UTC)
    base: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": subject,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(hours=1)).timestamp()),
    }
    return {**base, **overrides}


def hs256_with(secret: bytes, payload: dict[str, Any], kid: str) -> str:
    """An HS256 token whose HMAC key is `secret` (the alg-confusion attack: a public key)."""

    def part(data: dict[str, Any]) -> str:
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    signing_input = f"{part({'alg': 'HS256', 'typ': 'JWT', 'kid': kid})}.{part(payload)}"
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(signature).decode().rstrip('=')}"


@dataclass
class JwksServer:
    """`python -m http.server` serving `jwks.json` from a directory the test rewrites."""

    directory: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    log: Path = field(init=False)
    baseline: int = 0

    def __post_init__(self) -> None:
        self.log = self.directory / "requests.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/jwks.json"

    def publish(self, *keys: SigningKey) -> None:
        """Serve these keys from now on (written whole, then renamed into place)."""
        scratch = self.directory / "jwks.json.tmp"
        scratch.write_text(json.dumps({"keys": [k.jwk() for k in keys]}))
        os.replace(scratch, self.directory / "jwks.json")

    def fetches(self) -> int:
        """How many times the service fetched the JWKS."""
        return self.log.read_text().count("GET /jwks.json") - self.baseline

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1"],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"),
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url, timeout=1).status_code == 200:
                    self.baseline = self.fetches()  # count only the service's fetches
                    return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise TimeoutError("the JWKS server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=5)


def jwks_server(directory: Path) -> JwksServer:
    return JwksServer(directory, free_port())
