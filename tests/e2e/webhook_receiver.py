"""A webhook receiver for the e2e tests: `python -m tests.e2e.webhook_receiver PORT LOG`.

Records every POST as one JSON line in LOG (path, headers, body as text, the status it
answered), and answers 200, or 500 while it was told to fail:
`POST /_control {"fail": 3}` makes the next three requests answer 500.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_lock = threading.Lock()
_state = {"fail": 0}


def main(port: int, log: Path) -> None:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            if self.path == "/_control":
                with _lock:
                    _state.update(json.loads(body))
                self._answer(204)
                return
            with _lock:
                status = 500 if _state["fail"] > 0 else 200
                _state["fail"] = max(0, _state["fail"] - 1)
                with log.open("a") as f:
                    f.write(
                        json.dumps(
                            {
                                "path": self.path,
                                "headers": {k.lower(): v for k, v in self.headers.items()},
                                "body": body.decode(),
                                "status": status,
                            }
                        )
                        + "\n"
                    )
            self._answer(status)

        def _answer(self, status: int) -> None:
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("listening", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
