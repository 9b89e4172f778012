"""A small threaded HTTP server on loopback that serves routes from memory and logs every request.

Used by the bundled demo, by the tests (with faults on demand) and by the crawl benchmark (with latency).
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0                 # seconds before the response starts
    trickle: float = 0.0               # seconds between body bytes (slowloris)
    reset: bool = False                # close the connection without answering
    undeclared: bool = False           # no Content-Length: the body ends when the connection closes


Handler = Callable[["RequestInfo"], Reply]


@dataclass(frozen=True)
class RequestInfo:
    path: str
    headers: dict[str, str]
    at: float


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        """Clients that hang up (and our own simulated resets) are part of the job, not errors to print."""


WRITE_KINDS = ("whole", "apart", "apart-nodelay")


class LocalSite:
    """Routes are path (with query) → Reply or a function of the request returning one. Unknown paths are 404.

    `writes` is how the server writes a response, as real ones differ: "whole" (status, headers and body in one
    write, as nginx and Apache do), "apart" (headers, then body, with Nagle's algorithm on: Python's http.server
    and many app servers), "apart-nodelay" (two writes, TCP_NODELAY set)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0, writes: str = "apart-nodelay"):
        if writes not in WRITE_KINDS:
            raise ValueError(f"writes must be one of {WRITE_KINDS}")
        self.routes: dict[str, Reply | Handler] = {}
        self.log: list[RequestInfo] = []
        self.latency = latency
        self.writes = writes
        self._lock = threading.Lock()
        self._server = _QuietServer((host, port), self._handler_class())
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}" if port == 80 else f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def requested(self, path_prefix: str = "") -> list[RequestInfo]:
        with self._lock:
            return [r for r in self.log if r.path.startswith(path_prefix)]

    def start(self) -> LocalSite:
        self._thread = threading.Thread(target=self._server.serve_forever, name="local-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _reply_for(self, request: RequestInfo) -> Reply:
        route = self.routes.get(request.path)
        if route is None:
            return Reply(404, b"not found", {"Content-Type": "text/plain"})
        return route(request) if callable(route) else route

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        return type("Handler", (_Handler,), {"site": self})


class _Handler(BaseHTTPRequestHandler):
    """Serves one LocalSite (`site`, set on a subclass per site)."""
    protocol_version = "HTTP/1.1"
    site: LocalSite

    def setup(self) -> None:
        self.disable_nagle_algorithm = self.site.writes != "apart"
        super().setup()

    def parse_request(self) -> bool:
        self.arrived = time.monotonic()  # the request line has just been read: its arrival
        return super().parse_request()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        site = self.site
        request = RequestInfo(self.path, {k.lower(): v for k, v in self.headers.items()}, self.arrived)
        with site._lock:
            site.log.append(request)
        reply = site._reply_for(request)
        delay = reply.delay
        headers = {"Content-Type": "text/html; charset=utf-8", **reply.headers}
        if reply.status == 200 and not reply.reset:
            headers.setdefault("ETag", '"%s"' % hashlib.sha1(reply.body).hexdigest()[:16])
            if request.headers.get("if-none-match") == headers["ETag"]:
                reply = Reply(304, b"", {})
                headers = {"ETag": headers["ETag"]}
        # latency and delay count from the request's arrival, as a remote server's would: our own
        # parsing and reply building happen inside them, not on top
        wait = self.arrived + site.latency + delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        if reply.reset:
            self.close_connection = True
            self.connection.shutdown(2)
            return
        try:
            self._send(reply, headers)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, reply: Reply, headers: dict[str, str]) -> None:
        self.send_response(reply.status)
        if reply.undeclared:
            headers["Connection"] = "close"
            self.close_connection = True
        else:
            headers.setdefault("Content-Length", str(len(reply.body)))
        for name, value in headers.items():
            self.send_header(name, value)
        if self.site.writes == "whole" and not reply.trickle:
            self._headers_buffer.append(b"\r\n")  # what end_headers would write, sent with the body
            self.wfile.write(b"".join(self._headers_buffer) + reply.body)
            self._headers_buffer = []
            return
        self.end_headers()
        if not reply.trickle:
            self.wfile.write(reply.body)
            return
        for i in range(len(reply.body)):
            self.wfile.write(reply.body[i:i + 1])
            self.wfile.flush()
            time.sleep(reply.trickle)

    def log_message(self, *args) -> None:
        pass
