"""Exceptions raised for replies the server refused, carrying its error envelope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldError:
    """One refused field of a validation error: where it is (``loc``, e.g. ``["body", "name"]``) and why."""

    loc: list[str | int]
    msg: str
    type: str


class CodeRevError(Exception):
    """A reply outside 2xx.

    ``detail`` is the envelope's message, or the list of refused fields of a validation error;
    ``error_code`` is e.g. ``VALIDATION_ERROR`` or ``AUTH_001`` (``HTTP_<status>`` when the reply had no envelope).
    """

    def __init__(
        self,
        status: int,
        error_code: str,
        detail: str | list[FieldError],
        request_id: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.error_code = error_code
        self.detail = detail
        self.request_id = request_id
        #: Seconds the server asked to wait (``Retry-After``), on 429 and 503.
        self.retry_after = retry_after
        super().__init__(f"{status} {error_code}: {self.message}")

    @property
    def fields(self) -> list[FieldError]:
        """The refused fields of a validation error; empty otherwise."""
        return self.detail if isinstance(self.detail, list) else []

    @property
    def message(self) -> str:
        if isinstance(self.detail, str):
            return self.detail
        return "; ".join(f"{'.'.join(str(part) for part in field.loc)}: {field.msg}" for field in self.detail)


class BadRequestError(CodeRevError):
    """400: the request cannot be carried out as it is (e.g. ``PROJ_002``, the workflow is already running)."""


class AuthenticationError(CodeRevError):
    """401: no credential, or one the server does not accept (a bad API key, an expired session)."""


class PermissionDeniedError(CodeRevError):
    """403: the caller may not do this."""


class NotFoundError(CodeRevError):
    """404: no such resource, or not one the caller may see."""


class ConflictError(CodeRevError):
    """409: the resource is not in a state that allows this (e.g. updating a project whose workflow started)."""


class ValidationError(CodeRevError):
    """422, or 400 with refused fields (CodeRev routes report validation as 400): see ``fields``."""


class RateLimitError(CodeRevError):
    """429 after the client's retries: see ``retry_after``."""


class ServerError(CodeRevError):
    """5xx after the client's retries (503 is retried)."""


class NetworkError(ConnectionError):
    """The server could not be reached (connection refused, DNS, timeout)."""


def error_for(status: int, envelope: Any, request_id_header: str | None, retry_after: float | None) -> CodeRevError:
    """The typed error of a refused reply, read from its envelope (or its status when it has none)."""
    body = envelope if isinstance(envelope, dict) else {}
    raw_detail = body.get("detail")
    detail: str | list[FieldError]
    if isinstance(raw_detail, list):
        detail = [FieldError(loc=list(item.get("loc", [])), msg=str(item.get("msg", "")), type=str(item.get("type", ""))) for item in raw_detail]
    elif isinstance(raw_detail, str):
        detail = raw_detail
    else:
        detail = f"HTTP {status}"
    error_code = str(body.get("error_code") or f"HTTP_{status}")
    request_id = body.get("request_id")
    error_class = _error_class(status, has_fields=isinstance(detail, list))
    return error_class(status, error_code, detail, request_id if isinstance(request_id, str) else request_id_header, retry_after)


def _error_class(status: int, has_fields: bool) -> type[CodeRevError]:
    if status == 422 or (status == 400 and has_fields):
        return ValidationError
    by_status: dict[int, type[CodeRevError]] = {
        400: BadRequestError,
        401: AuthenticationError,
        403: PermissionDeniedError,
        404: NotFoundError,
        409: ConflictError,
        429: RateLimitError,
    }
    if status in by_status:
        return by_status[status]
    return ServerError if status >= 500 else CodeRevError
