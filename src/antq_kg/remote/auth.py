"""Credentials for a SPARQL server: a bearer token, or a user and password sent the way the
server's challenge asks (HTTP Basic or Digest)."""

from __future__ import annotations

from collections.abc import Generator
from contextlib import suppress

import httpx

from ..errors import InputError


class BearerAuth(httpx.Auth):
    """``Authorization: Bearer TOKEN`` on every request (RFC 6750; QLever's and GraphDB's tokens)."""

    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class PasswordAuth(httpx.Auth):
    """A user and password, sent the way the server's challenge asks: HTTP Basic (RFC 7617; Fuseki,
    GraphDB) or Digest (RFC 7616; Virtuoso's ``/sparql-auth`` and ``/sparql-graph-crud-auth``).

    The first request goes without credentials; the scheme of the ``401`` challenge is remembered,
    so later requests carry Basic credentials at once, or Digest ones from the last challenge.
    """

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        if challenge.startswith("digest"):
            self._scheme = "digest"
            flow = self._digest.auth_flow(request)
            next(flow)  # the unauthenticated request: already answered by this challenge
            retry = flow.send(response)
        elif challenge.startswith("basic"):
            self._scheme = "basic"
            flow = self._basic.auth_flow(request)
            retry = next(flow)
        else:
            return
        answer = yield retry
        with suppress(StopIteration):
            flow.send(answer)


def make_auth(
    user: str | None = None, password: str | None = None, token: str | None = None
) -> httpx.Auth | None:
    """The authentication for command-line credentials (``InputError`` for an incomplete or mixed set).

    >>> make_auth() is None, type(make_auth(token="t")).__name__, type(make_auth("dba", "pw")).__name__
    (True, 'BearerAuth', 'PasswordAuth')
    """
    if token and (user or password):
        raise InputError("give either --user/--password or --token, not both")
    if token:
        return BearerAuth(token)
    if user is None and password is None:
        return None
    if not user or password is None:
        raise InputError("--user and --password go together")
    return PasswordAuth(user, password)
