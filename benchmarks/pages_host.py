"""Serve folders as the site's host (GitHub Pages) serves them, and count every byte sent.

The benchmarks compare pages by what a reader downloads, so the server must compress what the
host compresses and nothing else, and must count bytes itself: the runtime downloads happen in
a Web Worker, whose requests a page-level count would miss.

What is assumed of GitHub Pages (its CDN, Fastly), from its responses and public reports, not
from a specification:

- gzip on the fly (level 6 here) for text types (HTML, CSS, JavaScript, JSON, SVG, XML, plain
  text) and for ``application/wasm`` (reported for Pages in Pyodide's and Emscripten's issue
  trackers); never for already compressed types (zip, wheels, images, fonts);
- ``Cache-Control: max-age=600`` and an ``ETag`` on every file, ``If-None-Match`` answered with
  304: a returning reader within ten minutes downloads nothing, later each file costs a
  round trip;
- a folder's URL without its slash redirects (301) to the URL with it.

HTTP/1.1 over plain TCP on loopback: no TLS, no HTTP/2 (so no header compression); the bytes
counted are each response's status line, headers and body as written to the socket.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import mimetypes
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

CACHE_CONTROL = "max-age=600"
GZIP_LEVEL = 6
TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
         ".whl": "application/zip", ".zip": "application/zip", ".json": "application/json",
         ".svg": "image/svg+xml", ".html": "text/html", ".css": "text/css", ".txt": "text/plain",
         ".xml": "application/xml", ".map": "application/json", ".woff2": "font/woff2"}
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "image/svg+xml", "application/wasm")


def content_type(path: Path) -> str:
    return TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def compressed_by_host(kind: str) -> bool:
    """Whether the host gzips a response of this Content-Type (see the module's docstring)."""
    return kind.startswith(COMPRESSED_TYPES)


@dataclass(frozen=True)
class Response:
    """One response as sent: which file, how, how many bytes on the wire."""

    started: float  # time.monotonic() when the request arrived
    root: str
    path: str
    status: int
    encoding: str  # "gzip" or ""
    wire: int  # status line + headers + body bytes written
    size: int  # the file's own size (0 for a 304 or a redirect)


@dataclass
class Traffic:
    """Every response of every served folder, in order (one browser page at a time)."""

    responses: list[Response] = field(default_factory=list)

    def mark(self) -> int:
        return len(self.responses)

    def since(self, mark: int) -> list[Response]:
        return list(self.responses[mark:])


class _Bodies:
    """Files and their gzip form, read once: compressing a 10 MB wasm file takes about half a
    second, which must not be charged to the first page that asks for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[tuple[Path, float, bool], bytes] = {}

    def get(self, path: Path, compress: bool) -> bytes:
        key = (path, path.stat().st_mtime, compress)
        with self._lock:
            body = self._cache.get(key)
        if body is None:
            raw = path.read_bytes()
            body = gzip.compress(raw, GZIP_LEVEL, mtime=0) if compress else raw
            with self._lock:
                self._cache[key] = body
        return body

    def warm(self, folder: Path) -> None:
        for path in folder.rglob("*"):
            if path.is_file() and compressed_by_host(content_type(path)):
                self.get(path, True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as browsers and Pages use
    root: Path
    name: str
    traffic: Traffic
    bodies: _Bodies

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, *, send_body: bool) -> None:
        started = time.monotonic()
        url_path = unquote(urlsplit(self.path).path)
        path = (self.root / url_path.lstrip("/")).resolve()
        if not path.is_relative_to(self.root.resolve()):
            self._send(started, url_path, 404, b"not found\n", "text/plain", "", 0, send_body)
            return
        if path.is_dir():
            if not url_path.endswith("/"):
                self._redirect(started, url_path, url_path + "/")
                return
            path = path / "index.html"
        if not path.is_file():
            self._send(started, url_path, 404, b"not found\n", "text/plain", "", 0, send_body)
            return
        kind = content_type(path)
        compress = compressed_by_host(kind) and "gzip" in self.headers.get("Accept-Encoding", "")
        stat = path.stat()
        etag = '"' + hashlib.sha1(f"{path}:{stat.st_mtime_ns}:{stat.st_size}:{compress}".encode()).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self._send(started, url_path, 304, b"", kind, "", 0, send_body, etag=etag)
            return
        body = self.bodies.get(path, compress)
        self._send(started, url_path, 200, body, kind, "gzip" if compress else "", stat.st_size, send_body, etag=etag)

    def _redirect(self, started: float, url_path: str, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()
        self._log(started, url_path, 301, "", 0)

    def _send(self, started: float, url_path: str, status: int, body: bytes, kind: str, encoding: str,
              size: int, send_body: bool, etag: str = "") -> None:
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", CACHE_CONTROL)
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        sent = 0
        if send_body and status != 304:
            try:
                self.wfile.write(body)
                sent = len(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
        self._log(started, url_path, status, encoding, sent, size)

    def flush_headers(self) -> None:
        self._header_bytes = sum(len(line) for line in getattr(self, "_headers_buffer", []))
        super().flush_headers()

    def _log(self, started: float, url_path: str, status: int, encoding: str, body: int, size: int = 0) -> None:
        wire = getattr(self, "_header_bytes", 0) + body
        self.traffic.responses.append(Response(started, self.name, url_path, status, encoding, wire, size))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _QuietServer(ThreadingHTTPServer):
    """A browser that cancels a request (a page closed mid-download) is not an error."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextmanager
def serve(roots: dict[str, Path], traffic: Traffic) -> Iterator[dict[str, str]]:
    """Serve each folder of ``roots`` (name → folder) on its own loopback port, as the host
    does, logging every response into ``traffic``; yield name → base URL."""
    bodies = _Bodies()
    servers = []
    try:
        urls = {}
        for name, folder in roots.items():
            bodies.warm(folder)
            handler_class = type("Handler", (_Handler,), {"root": folder, "name": name, "traffic": traffic,
                                                         "bodies": bodies})
            server = _QuietServer(("127.0.0.1", 0), functools.partial(handler_class))
            thread = threading.Thread(target=server.serve_forever, daemon=True)
            thread.start()
            servers.append((server, thread))
            urls[name] = f"http://127.0.0.1:{server.server_address[1]}/"
        yield urls
    finally:
        for server, thread in servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
