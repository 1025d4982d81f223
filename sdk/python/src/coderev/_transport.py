"""HTTP over urllib: the session's credential, one renewal on 401, bounded retries on 429/503, typed errors."""

from __future__ import annotations

import email.utils
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any, Mapping

from ._version import __version__
from .errors import CodeRevError, NetworkError, error_for

RETRIED_STATUSES = frozenset({429, 503})
# A refused credential on these is the caller's answer, not a session to renew.
AUTH_PATHS = frozenset({"/api/auth/login", "/api/auth/refresh", "/api/auth/register"})


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Message
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass(frozen=True)
class Body:
    """A request body and its media type."""

    content: bytes
    content_type: str

    @staticmethod
    def of_json(value: Any) -> Body:
        return Body(json.dumps(value).encode("utf-8"), "application/json")


class Session:
    """The caller's credential: an API key, or a token pair renewed by refresh token or by logging in again."""

    def __init__(self, api_key: str | None, token: str | None, refresh_token: str | None, email: str | None, password: str | None) -> None:
        if (email is None) != (password is None):
            raise ValueError("email and password go together")
        self.api_key = api_key
        self.access_token = token
        self.refresh_token = refresh_token
        self.credentials = (email, password) if email is not None and password is not None else None

    @property
    def renewable(self) -> bool:
        return self.api_key is None and (self.refresh_token is not None or self.credentials is not None)

    @property
    def needs_login(self) -> bool:
        return self.api_key is None and self.access_token is None and self.credentials is not None

    def headers(self) -> dict[str, str]:
        if self.api_key is not None:
            return {"X-API-Key": self.api_key}
        if self.access_token is not None:
            return {"Authorization": f"Bearer {self.access_token}"}
        return {}


class Transport:
    def __init__(self, base_url: str, session: Session, timeout: float, max_retries: int, max_retry_delay: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_delay = max_retry_delay

    def request(self, method: str, path: str, *, query: Mapping[str, Any] | None = None, body: Body | None = None) -> Reply:
        """The reply of a call that succeeded; a refused one raises its ``CodeRevError``."""
        if self.session.needs_login and path not in AUTH_PATHS:
            self.login()
        reply = self._with_retries(method, path, query, body)
        if reply.status == 401 and path not in AUTH_PATHS and self.session.renewable and self._renew():
            reply = self._with_retries(method, path, query, body)
        if reply.status >= 400:
            raise _error_of(reply)
        return reply

    def json(self, method: str, path: str, *, query: Mapping[str, Any] | None = None, json_body: Any = None) -> Any:
        return self.request(method, path, query=query, body=None if json_body is None else Body.of_json(json_body)).json()

    def login(self) -> None:
        """Logs in with the session's email and password and keeps the token pair."""
        if self.session.credentials is None:
            raise ValueError("logging in needs email and password")
        email_address, password = self.session.credentials
        self.session.access_token = None
        tokens = self.json("POST", "/api/auth/login", json_body={"email": email_address, "password": password})
        self.session.access_token = tokens["access_token"]
        self.session.refresh_token = tokens["refresh_token"]

    def _renew(self) -> bool:
        """A new access token by refresh token, else by logging in again; False when neither is possible."""
        refresh_token = self.session.refresh_token
        if refresh_token is not None:
            self.session.access_token = None
            reply = self._with_retries("POST", "/api/auth/refresh", None, Body.of_json({"refresh_token": refresh_token}))
            if reply.status == 200:
                self.session.access_token = reply.json()["access_token"]
                return True
            if reply.status != 401:
                raise _error_of(reply)
            self.session.refresh_token = None
        if self.session.credentials is None:
            return False
        self.login()
        return True

    def _with_retries(self, method: str, path: str, query: Mapping[str, Any] | None, body: Body | None) -> Reply:
        reply = self._send(method, path, query, body)
        for attempt in range(self.max_retries):
            if reply.status not in RETRIED_STATUSES:
                break
            delay = _retry_after(reply)
            delay = 2.0**attempt if delay is None else delay
            if delay > self.max_retry_delay:
                break
            time.sleep(delay)
            reply = self._send(method, path, query, body)
        return reply

    def _send(self, method: str, path: str, query: Mapping[str, Any] | None, body: Body | None) -> Reply:
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode({name: value for name, value in query.items() if value is not None})
        headers = {"Accept": "application/json", "User-Agent": f"coderev-python/{__version__}", **self.session.headers()}
        if body is not None:
            headers["Content-Type"] = body.content_type
        request = urllib.request.Request(url, data=None if body is None else body.content, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return Reply(response.status, response.headers, response.read())
        except urllib.error.HTTPError as refused:
            with refused:
                return Reply(refused.code, refused.headers, refused.read())
        except (urllib.error.URLError, OSError) as failure:
            raise NetworkError(f"{method} {url}: the server cannot be reached ({failure})") from failure


def _retry_after(reply: Reply) -> float | None:
    """Seconds from ``Retry-After``: a number of seconds or an HTTP date."""
    header = reply.headers.get("Retry-After")
    if header is None:
        return None
    try:
        return max(0.0, float(header))
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return None
        return max(0.0, moment.timestamp() - time.time())


def _error_of(reply: Reply) -> CodeRevError:
    try:
        envelope = reply.json()
    except ValueError:
        # Not JSON (a proxy's page): the status alone describes it.
        envelope = None
    return error_for(reply.status, envelope, reply.headers.get("X-Request-ID"), _retry_after(reply))
