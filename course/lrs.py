"""Sending xAPI statements to a learning record store (LRS) over HTTP, with basic authentication.

Statements are POSTed in batches to `<endpoint>/statements`. Their ids are derived from the attempts
(uuid5), and an LRS drops a statement it already holds with the same id and content, so sending the same
learner twice stores nothing new. A batch the LRS refuses is re-sent one statement at a time with PUT
`?statementId=`, so each failure is reported with its own statement.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import SSCError
from .i18n import N_

BATCH = 500  # statements per POST (about 1.5 KB each): few requests, bodies under 1 MB
TIMEOUT = 30.0
XAPI_HEADER = "1.0.3"


@dataclass
class SendResult:
    """What an LRS did with the statements: how many it took, and one line per failure."""

    sent: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (statement id, reason)


def check_endpoint(url: str) -> str:
    """The LRS endpoint without a trailing slash; SSCError unless it is an http(s) URL."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SSCError(N_("{url!r} is not an http:// or https:// address of an LRS"), url=url)
    return url.rstrip("/")


def check_home(url: str) -> str:
    """An xAPI home (actor homePage, base of activity ids): an absolute http(s) IRI."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SSCError(N_("--xapi-home must be an http:// or https:// address, not {url!r}"), url=url)
    return url.rstrip("/")


class _Session:
    def __init__(self, endpoint: str, user: str, password: str, timeout: float) -> None:
        self.endpoint = check_endpoint(endpoint)
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self.headers = {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": XAPI_HEADER,
            "Content-Type": "application/json",
        }
        self.timeout = timeout

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        """(HTTP status, body) of one request; SSCError when the LRS cannot be reached at all."""
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(self.endpoint + path, data=data, method=method, headers=self.headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise SSCError(
                N_("cannot reach the LRS at {url}: {reason}"), url=self.endpoint, reason=str(reason)
            ) from None


def _detail(status: int, body: bytes) -> str:
    try:
        detail = json.loads(body.decode("utf-8")).get("detail")
    except (ValueError, AttributeError, UnicodeDecodeError):
        detail = None
    text = detail if isinstance(detail, str) else body.decode("utf-8", "replace")[:200]
    return f"HTTP {status}: {text}".strip().rstrip(":")


def send_statements(
    statements: list[dict[str, Any]], endpoint: str, user: str, password: str, timeout: float = TIMEOUT
) -> SendResult:
    """Store `statements` in the LRS at `endpoint`; SSCError when it is unreachable or refuses the login."""
    session = _Session(endpoint, user, password, timeout)
    result = SendResult()
    for batch in _batches(statements, BATCH):
        status, body = session.request("POST", "/statements", batch)
        if status in (401, 403):
            raise SSCError(
                N_("the LRS refused the login for {user!r} ({reason})"),
                user=user,
                reason=_detail(status, body),
            )
        if 200 <= status < 300:
            result.sent += len(batch)
            continue
        for statement in batch:
            sid = str(statement.get("id"))
            query = "?" + urllib.parse.urlencode({"statementId": sid})
            status, body = session.request("PUT", "/statements" + query, statement)
            if 200 <= status < 300:
                result.sent += 1
            else:
                result.failures.append((sid, _detail(status, body)))
    return result


def _batches(items: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
