"""``Client``: the CodeRev code-analysis calls, and the ResoftAI and governance resources as attributes."""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any
from urllib.parse import quote

from ._transport import Session, Transport
from .governance import Audit, Multisig, Settings, ThreeVersion, Users
from .models import Analysis, AnalysisListItem, FixResult, Page, User, decode
from .resources import CodeAnalysis, Files, LlmConfigs, Projects, instant, page_of, present
from .workflow import Workflow

DEFAULT_BASE_URL = "http://localhost:8000"


class Client:
    """A client of one ResoftAI / CodeRev server.

    Authenticate with one of: an ``rsk_…`` API key (sent as ``X-API-Key``); a JWT ``token`` (with its
    ``refresh_token``, renewed when refused); or ``email`` and ``password`` (logged in on first use,
    and again when the session ends). Without any, ``CODEREV_API_KEY`` is used; ``base_url`` defaults to
    ``CODEREV_BASE_URL``, else ``http://localhost:8000``.

    A 429 or 503 reply is retried up to ``max_retries`` times after its ``Retry-After`` (without one:
    1, 2, 4 … s), unless it asks for more than ``max_retry_delay`` seconds.
    """

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        token: str | None = None,
        refresh_token: str | None = None,
        email: str | None = None,
        password: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 3,
        max_retry_delay: float = 30.0,
    ) -> None:
        if api_key is not None and (token is not None or email is not None):
            raise ValueError("give one way to authenticate: api_key, token, or email and password")
        if api_key is None and token is None and email is None:
            api_key = os.environ.get("CODEREV_API_KEY")
        session = Session(api_key=api_key, token=token, refresh_token=refresh_token, email=email, password=password)
        self._transport = Transport(base_url or os.environ.get("CODEREV_BASE_URL") or DEFAULT_BASE_URL, session, timeout, max_retries, max_retry_delay)
        self.projects = Projects(self._transport)
        self.files = Files(self._transport)
        self.llm_configs = LlmConfigs(self._transport)
        self.workflow = Workflow(self._transport)
        self.code_analysis = CodeAnalysis(self._transport)
        self.three_version = ThreeVersion(self._transport)
        self.audit = Audit(self._transport)
        self.multisig = Multisig(self._transport)
        self.settings = Settings(self._transport)
        self.users = Users(self._transport)

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    @property
    def access_token(self) -> str | None:
        """The session's current JWT (e.g. for a Socket.IO client); None with an API key or before the first login."""
        return self._transport.session.access_token

    def analyze(
        self,
        code: str,
        language: str | None = None,
        rules: list[str] | None = None,
        *,
        file_path: str | None = None,
        project_id: str | int | None = None,
    ) -> Analysis:
        """Analyses the code and stores the result.

        ``rules`` are categories: security, quality, performance (the default is all three), and ai for a
        review by the server's LLM. Without ``language`` it is taken from ``file_path``'s extension.
        """
        context = present(file_path=file_path, project_id=project_id)
        body: dict[str, Any] = {"code": code, **present(language=language, rules=rules)}
        if context:
            body["context"] = context
        return decode(Analysis, self._transport.json("POST", "/api/analyze/code", json_body=body))

    def results(self, analysis_id: str) -> Analysis:
        """A stored analysis of the caller, with its issues."""
        return decode(Analysis, self._transport.json("GET", f"/api/analyze/{quote(analysis_id, safe='')}/results"))

    def analyses(
        self,
        *,
        language: str | None = None,
        status: str | None = None,
        created_from: datetime | str | None = None,
        created_to: datetime | str | None = None,
        skip: int = 0,
        limit: int = 20,
    ) -> Page[AnalysisListItem]:
        """The caller's stored analyses without their issues, newest first; ``created_from``/``created_to`` bound the creation time."""
        query = {
            "language": language,
            "status": status,
            "created_from": instant(created_from),
            "created_to": instant(created_to),
            "skip": skip,
            "limit": limit,
        }
        return page_of(AnalysisListItem, self._transport.request("GET", "/api/analyze", query=query))

    def apply_fix(self, analysis_id: str, issue_id: str, fix_type: str = "suggested") -> FixResult:
        """The analysed code with the issue's mechanical fix applied (``success`` false with a ``reason`` when it would break the syntax)."""
        body = {"analysis_id": analysis_id, "issue_id": issue_id, "fix_type": fix_type}
        return decode(FixResult, self._transport.json("POST", "/api/fixes/apply", json_body=body))

    def me(self) -> User:
        """The user the client acts as."""
        return decode(User, self._transport.json("GET", "/api/auth/me"))
