"""A webhook receiver for the e2e tests: `python -m tests.e2e.webhook_receiver PORT LOG`.

Records every POST as one JSON line in LOG (path, headers, body as text, the status it
answered), and answers 200, or 500 while it was told to fail:
`POST /_control {"fail": 3}` makes the next three requests answer 500; `{"mode":
"redirect"}` answers 302 to another host, `{"mode": "huge"}` 200 with 20 MB of body, sent over 16 s; `{"mode": "hang"}` never
answers (logged with status 0); `{"mode": "ok"}` is the default.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

_lock = threading.Lock()
_state: dict[str, object] = {"fail": 0, "mode": "ok"}


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
                failing = int(_state["fail"])  # type: ignore[call-overload]
                status = 500 if failing > 0 else 200
                if _state["mode"] == "redirect":
                    status = 302
                if _state["mode"] == "hang":
                    status = 0  # logged as never answered
                _state["fail"] = max(0, failing - 1)
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
            if status == 0:
                time.sleep(30)
                return
            if _state["mode"] == "huge":
                self._huge()
                return
            self._answer(status)

        def _answer(self, status: int) -> None:
            self.send_response(status)
            if status == 302:
                self.send_header("location", "http://169.254.169.254/latest/meta-data")
            self.send_header("content-length", "0")
            self.end_headers()

        def _huge(self) -> None:
            self.send_response(200)
            self.send_header("content-length", str(20 * 1024 * 1024))
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(320):  # 16 s to send it all
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass  # the client stopped reading: what it should do

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("listening", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
