"""Cross-origin reads (Fetch standard, CORS protocol: https://fetch.spec.whatwg.org/#http-cors-protocol).

The read-only routes — the query endpoint ``/sparql``, the linked-data pages ``/id/``, ``/doc/``,
``/def/`` and ``/.well-known/void`` — answer any origin: ``Access-Control-Allow-Origin: *`` on every
response (errors included, so a web app can show them), and a preflight (``OPTIONS`` with
``Access-Control-Request-Method``) for GET, HEAD and POST with a ``Content-Type``/``Accept`` header
is answered 204. Never credentials (no ``Access-Control-Allow-Credentials``; a wildcard origin
forbids them anyway). The write routes (``/update``, ``/store``) get no CORS header, and any other
preflight goes on to the app, which refuses it (403 on the write routes, through the one error
handler), so a page on another origin can never write, token or not.

A pure ASGI middleware: it only adds headers to the response start, so streamed results stay streamed.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Path prefixes of the read-only routes.
READ_PREFIXES = ("/sparql", "/id/", "/doc/", "/def/", "/.well-known/void")
#: Path prefixes of the write routes.
WRITE_PREFIXES = ("/update", "/store")
#: Methods and request headers a cross-origin read may use.
ALLOW_METHODS = "GET, HEAD, POST, OPTIONS"
ALLOW_HEADERS = "Accept, Accept-Language, Content-Type"
#: Response headers a cross-origin script may read besides the CORS-safelisted ones.
EXPOSE_HEADERS = "X-SPARQL-MaxRows, Content-Location, Vary"
#: How long a browser may cache a preflight answer (seconds).
MAX_AGE = "86400"


def is_read_route(path: str) -> bool:
    """Whether ``path`` is a read-only route open to other origins.

    >>> is_read_route("/sparql"), is_read_route("/doc/place/p33"), is_read_route("/store")
    (True, True, False)
    """
    return path == "/sparql" or path.startswith(READ_PREFIXES[1:])


def is_write_route(path: str) -> bool:
    """Whether ``path`` is a write route (never cross-origin).

    >>> is_write_route("/update"), is_write_route("/store"), is_write_route("/sparql")
    (True, True, False)
    """
    return path in WRITE_PREFIXES or path.startswith(tuple(p + "/" for p in WRITE_PREFIXES))


class CorsMiddleware:
    """``Access-Control-Allow-Origin: *`` on read routes, preflights answered there and refused elsewhere."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = {k.lower(): v for k, v in scope["headers"]}
        read = is_read_route(path)
        method = headers.get(b"access-control-request-method", b"").decode("latin-1").upper()
        if read and scope["method"] == "OPTIONS" and method in ("GET", "HEAD", "POST"):
            await self._preflight(send)
            return
        if not read:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"access-control-allow-origin", b"*"),
                    (b"access-control-expose-headers", EXPOSE_HEADERS.encode()),
                ]
            await send(message)

        await self.app(scope, receive, send_with_cors)

    @staticmethod
    async def _preflight(send: Send) -> None:
        headers = [
            (b"access-control-allow-origin", b"*"),
            (b"access-control-allow-methods", ALLOW_METHODS.encode()),
            (b"access-control-allow-headers", ALLOW_HEADERS.encode()),
            (b"access-control-max-age", MAX_AGE.encode()),
            (b"content-length", b"0"),
        ]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


__all__ = ["CorsMiddleware", "is_read_route", "is_write_route"]
