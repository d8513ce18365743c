"""A local Open311 server for the feed tests: ``http.server`` in a thread, answering from a
script (an HTTP error, a body cut off, a stalled answer) and otherwise from its requests.

``server.requests`` holds the requests it serves (GeoReport v2 dicts) and filters them by
``start_date``/``end_date`` like a real server, newest first, at most ``page_limit``;
``server.script`` is a list of one-off answers used first, one per request (``None``: answer
normally); ``server.paths``
records every path and query asked for.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit


@dataclass
class Answer:
    """A one-off answer: a status, a body, and how much of it to send."""

    status: int = 200
    body: bytes = b""
    declared_length: int | None = None  # Content-Length to announce (default: the truth)
    send_length: bool = True  # False: no Content-Length, the connection closes after the body
    stall: bool = False  # wait (until the server stops) without answering


@dataclass
class Open311Server:
    requests: list[dict[str, object]] = field(default_factory=list)
    raw_body: bytes | None = None  # serve this as the body instead of ``requests``
    content_type: str = "application/json"
    page_limit: int = 1000
    script: list[Answer | None] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    url: str = ""
    released: threading.Event = field(default_factory=threading.Event)

    def answer(self, path: str) -> Answer:
        self.paths.append(path)
        scripted = self.script.pop(0) if self.script else None
        if scripted is not None:
            return scripted
        if self.raw_body is not None:
            return Answer(body=self.raw_body)
        query = parse_qs(urlsplit(path).query)
        start, end = _when(query.get("start_date")), _when(query.get("end_date"))
        chosen = [r for r in self.requests
                  if (start is None or _at(r) >= start) and (end is None or _at(r) <= end)]
        chosen.sort(key=_at, reverse=True)
        return Answer(body=json.dumps(chosen[:self.page_limit]).encode())


def _at(item: dict[str, object]) -> datetime:
    return datetime.fromisoformat(str(item["requested_datetime"]))


def _when(values: list[str] | None) -> datetime | None:
    return datetime.fromisoformat(values[0].replace("Z", "+00:00")) if values else None


def _handler(server: Open311Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            answer = server.answer(self.path)
            if answer.stall:
                server.released.wait(timeout=30)
                return
            self.send_response(answer.status)
            self.send_header("Content-Type", server.content_type)
            if answer.send_length:
                length = answer.declared_length
                self.send_header("Content-Length", str(len(answer.body) if length is None
                                                       else length))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            self.wfile.write(answer.body)
            if not answer.send_length or answer.declared_length is not None:
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

    return Handler


@contextmanager
def serving(server: Open311Server) -> Iterator[Open311Server]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.url = f"http://127.0.0.1:{httpd.server_address[1]}/open311/v2"
    thread = threading.Thread(target=httpd.serve_forever, name="open311-test-server",
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.released.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


FIXTURES = Path(os.environ.get(
    "HOTLINE_OPEN311_FIXTURES",
    Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "open311"))
