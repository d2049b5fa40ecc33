"""The workbench's guard: a token for every request, its own Host only, same-origin changes.

Modelled on Jupyter's local server. The token comes once in the URL that
`serve` prints; it is then kept in a cookie (HttpOnly, SameSite=Strict) and
the URL is cleaned of it. Scripts send `Authorization: Bearer TOKEN`.
Tokens are compared in constant time. A request whose Host header is not
the server's own name is refused whatever it carries, so a web page that
points its own domain name at 127.0.0.1 (DNS rebinding) cannot read
anything. A request that changes something and rides on the cookie must
come from the app's own pages (its Origin header is the app's).
"""

import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

log = logging.getLogger("workwindow.web")

LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; style-src 'self'; "
        "style-src-attr 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
"""On every answer: nothing from elsewhere, no framing, no referrer, no caching of health data.
Style attributes are allowed: the report's timeline legend colours its swatches with them."""


def new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Guard:
    token: str
    hosts: frozenset[str]
    """Host names (without port) this server answers to."""
    cookie: str = "workwindow-token"

    def matches(self, candidate: str | None) -> bool:
        return candidate is not None and hmac.compare_digest(candidate.encode(), self.token.encode())

    async def __call__(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await self._checked(request, call_next)
        response.headers.update(HEADERS)
        log.info("%s %s %d", request.method, request.url.path, response.status_code)
        return response

    async def _checked(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if _host_name(request.headers.get("host", "")) not in self.hosts:
            return _refused(request, 403, "This workbench answers only at its own address (the one `serve` printed).")
        if self.matches(request.query_params.get("token")) and request.method in SAFE_METHODS:
            return self._remembered(request)
        bearer = _bearer(request)
        if bearer is not None:
            if not self.matches(bearer):
                return _refused(request, 401, "The token is wrong.")
            return await call_next(request)
        if not self.matches(request.cookies.get(self.cookie)):
            return _refused(request, 401, "Open the workbench with the link that `workwindow serve` printed.")
        if request.method not in SAFE_METHODS and not _same_origin(request):
            return _refused(request, 403, "Changes are accepted only from the workbench's own pages.")
        return await call_next(request)

    def _remembered(self, request: Request) -> Response:
        """The token given once in the URL: kept in a cookie, and the URL shown without it."""
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict", path="/")
        return response


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[1 : host.find("]")]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "").strip()
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    return origin is not None and origin == f"{request.url.scheme}://{request.headers.get('host', '')}"


def _refused(request: Request, status: int, sentence: str) -> Response:
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"detail": sentence}, status_code=status)
    page = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>workwindow</title></head>"
        f"<body><h1>workwindow</h1><p>{sentence}</p></body></html>"
    )
    return HTMLResponse(page, status_code=status)
