"""429 and 503 are retried after Retry-After, a bounded number of times.

The server's limits cannot be tripped on cue, so these run against a local stand-in that answers as scripted.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from coderev import Client, PermissionDeniedError, RateLimitError, ServerError

OK_USER = {
    "id": 1, "username": "u", "email": "u@example.com", "full_name": None, "role": "user", "is_admin": False, "is_active": True,
    "created_at": "2024-01-15T10:30:00.000Z", "updated_at": "2024-01-15T10:30:00.000Z",
}


def envelope(status: int, error_code: str, detail: str) -> dict[str, object]:
    return {"detail": detail, "status_code": status, "error_code": error_code, "request_id": f"req-{status}"}


class ScriptedServer:
    """Answers each request with the next scripted (status, headers, body) and records when it came."""

    def __init__(self) -> None:
        self.replies: list[tuple[int, dict[str, str], object]] = []
        self.arrivals: list[float] = []
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                scripted.arrivals.append(time.monotonic())
                status, headers, body = scripted.replies.pop(0)
                payload = json.dumps(body).encode()
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}"
        threading.Thread(target=self.http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()


@pytest.fixture()
def scripted() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    yield server
    server.http.shutdown()
    server.http.server_close()


def test_a_429_is_retried_after_its_retry_after(scripted: ScriptedServer) -> None:
    scripted.replies = [(429, {"Retry-After": "1"}, envelope(429, "RATE_LIMITED", "Rate limit exceeded")), (200, {}, OK_USER)]

    user = Client(api_key="rsk_x", base_url=scripted.url).me()

    assert user.email == "u@example.com"
    assert len(scripted.arrivals) == 2
    assert scripted.arrivals[1] - scripted.arrivals[0] >= 1.0


def test_a_503_is_retried_a_bounded_number_of_times_then_raised(scripted: ScriptedServer) -> None:
    scripted.replies = [(503, {"Retry-After": "0"}, envelope(503, "SERVICE_UNAVAILABLE", "Draining"))] * 3

    with pytest.raises(ServerError) as refused:
        Client(api_key="rsk_x", base_url=scripted.url, max_retries=2).me()

    assert len(scripted.arrivals) == 3
    assert refused.value.status == 503
    assert refused.value.retry_after == 0


def test_a_retry_after_longer_than_the_client_waits_is_raised_at_once(scripted: ScriptedServer) -> None:
    scripted.replies = [(429, {"Retry-After": "3600"}, envelope(429, "RATE_LIMITED", "Rate limit exceeded. Try again in 3600 seconds."))]

    with pytest.raises(RateLimitError) as refused:
        Client(api_key="rsk_x", base_url=scripted.url, max_retry_delay=5).me()

    assert len(scripted.arrivals) == 1
    assert refused.value.retry_after == 3600
    assert refused.value.error_code == "RATE_LIMITED"


def test_other_refusals_are_not_retried(scripted: ScriptedServer) -> None:
    scripted.replies = [(403, {}, envelope(403, "AUTH_003", "Permission denied"))]

    with pytest.raises(PermissionDeniedError) as refused:
        Client(api_key="rsk_x", base_url=scripted.url).me()

    assert len(scripted.arrivals) == 1
    assert refused.value.request_id == "req-403"
