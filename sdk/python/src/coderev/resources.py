"""The ResoftAI resources a ``Client`` carries: projects, their files, LLM configs, and quality reports."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any
from urllib.parse import quote

from ._transport import Body, Reply, Transport
from .models import CodeQualityReport, FileCategory, LlmConfig, LlmConfigTestResult, Page, Project, ProjectDetail, ProjectFile, ProjectCodeQuality, ProjectCodeQualityHistoryItem, ProjectFileDetail, ProjectStatus, ProjectSummary, decode


class Unset(enum.Enum):
    """Marks an argument of an update that was not given (None sets the field to null)."""

    UNSET = "UNSET"


UNSET = Unset.UNSET


def given(**fields: Any) -> dict[str, Any]:
    """The fields of an update that were given."""
    return {name: value for name, value in fields.items() if value is not UNSET}


def present(**fields: Any) -> dict[str, Any]:
    """The optional fields of a create that have a value."""
    return {name: value for name, value in fields.items() if value is not None}


def instant(moment: datetime | str | None) -> str | None:
    """An ISO 8601 query or body value; a string is sent as given."""
    return moment.isoformat() if isinstance(moment, datetime) else moment


def page_of(cls: type[Any], reply: Reply) -> Page[Any]:
    items = [decode(cls, item) for item in reply.json()]
    return Page(items=items, total=int(reply.headers.get("X-Total-Count", len(items))))


class Projects:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def create(
        self,
        name: str,
        requirements: str,
        *,
        description: str | None = None,
        config: dict[str, Any] | None = None,
        llm_config_id: int | None = None,
        team_id: int | None = None,
    ) -> Project:
        """A new pending project; ``config`` holds workflow settings such as ``execution_strategy``."""
        body = {"name": name, "requirements": requirements, **present(description=description, config=config, llm_config_id=llm_config_id, team_id=team_id)}
        return decode(Project, self._transport.json("POST", "/api/projects", json_body=body))

    def list(self, *, status: ProjectStatus | None = None, skip: int = 0, limit: int = 20) -> Page[ProjectSummary]:
        """The caller's projects and those shared with their teams, newest first."""
        return page_of(ProjectSummary, self._transport.request("GET", "/api/projects", query={"status": status, "skip": skip, "limit": limit}))

    def get(self, project_id: int) -> ProjectDetail:
        return decode(ProjectDetail, self._transport.json("GET", f"/api/projects/{project_id}"))

    def update(
        self,
        project_id: int,
        *,
        name: str | Unset = UNSET,
        description: str | None | Unset = UNSET,
        requirements: str | Unset = UNSET,
        config: dict[str, Any] | Unset = UNSET,
        llm_config_id: int | None | Unset = UNSET,
        team_id: int | None | Unset = UNSET,
    ) -> Project:
        """Changes a pending project (``ConflictError`` once its workflow has started)."""
        body = given(name=name, description=description, requirements=requirements, config=config, llm_config_id=llm_config_id, team_id=team_id)
        return decode(Project, self._transport.json("PUT", f"/api/projects/{project_id}", json_body=body))

    def delete(self, project_id: int) -> None:
        """Deletes the project with its files, versions and activities."""
        self._transport.request("DELETE", f"/api/projects/{project_id}")

    def download(self, project_id: int) -> bytes:
        """The project as a zip archive: every current file, plus the deliverables as Markdown under ``docs/``."""
        return self._transport.request("GET", f"/api/projects/{project_id}/download").body


class Files:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(self, project_id: int, *, category: FileCategory | None = None, skip: int = 0, limit: int = 20) -> Page[ProjectFile]:
        """The project's files by path."""
        query = {"project_id": project_id, "category": category, "skip": skip, "limit": limit}
        return page_of(ProjectFile, self._transport.request("GET", "/api/files", query=query))

    def get(self, file_id: int) -> ProjectFileDetail:
        """The file with its current content."""
        return decode(ProjectFileDetail, self._transport.json("GET", f"/api/files/{file_id}"))

    def upload(self, project_id: int, path: str, content: str | bytes, *, category: FileCategory | None = None) -> ProjectFile:
        """Saves ``content`` at ``path`` in the project: a new file, or a new version of the file already there."""
        fields = {"project_id": str(project_id), **present(category=category)}
        reply = self._transport.request("POST", "/api/files", body=multipart(fields, path, _bytes_of(content)))
        return decode(ProjectFile, reply.json())

    def update(self, file_id: int, content: str | bytes) -> ProjectFile:
        """Replaces the file's content, which becomes its next version."""
        # The server keeps the file's path; the part's name is only what multipart requires.
        reply = self._transport.request("PUT", f"/api/files/{file_id}", body=multipart({}, "content", _bytes_of(content)))
        return decode(ProjectFile, reply.json())

    def delete(self, file_id: int) -> None:
        """Deletes the file with all its versions."""
        self._transport.request("DELETE", f"/api/files/{file_id}")


def _bytes_of(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def multipart(fields: dict[str, str], filename: str, content: bytes) -> Body:
    """A multipart/form-data body of text fields and one ``file`` part."""
    boundary = f"coderev-{uuid.uuid4().hex}"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode("utf-8") for name, value in fields.items()]
    # RFC 5987 keeps a non-ASCII path intact; the parser would read a raw one as Latin-1.
    plain = filename.isascii() and filename.isprintable() and not {'"', "\\"} & set(filename)
    disposition = f'filename="{filename}"' if plain else f"filename*=utf-8''{quote(filename, safe='')}"
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; {disposition}\r\nContent-Type: application/octet-stream\r\n\r\n'.encode("utf-8")
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode("utf-8"))
    return Body(b"".join(parts), f"multipart/form-data; boundary={boundary}")


class LlmConfigs:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def create(
        self,
        name: str,
        provider: str,
        api_key: str,
        *,
        model: str | None = None,
        api_base: str | None = None,
        is_default: bool | None = None,
        is_active: bool | None = None,
        config: dict[str, Any] | None = None,
    ) -> LlmConfig:
        """A provider config (the key is stored encrypted); a user's first one becomes the default."""
        body = {"name": name, "provider": provider, "api_key": api_key, **present(model=model, api_base=api_base, is_default=is_default, is_active=is_active, config=config)}
        return decode(LlmConfig, self._transport.json("POST", "/api/llm-configs", json_body=body))

    def list(self) -> list[LlmConfig]:
        return [decode(LlmConfig, item) for item in self._transport.json("GET", "/api/llm-configs")]

    def get(self, config_id: int) -> LlmConfig:
        return decode(LlmConfig, self._transport.json("GET", f"/api/llm-configs/{config_id}"))

    def update(
        self,
        config_id: int,
        *,
        name: str | Unset = UNSET,
        provider: str | Unset = UNSET,
        model: str | Unset = UNSET,
        api_key: str | Unset = UNSET,
        api_base: str | None | Unset = UNSET,
        is_default: bool | Unset = UNSET,
        is_active: bool | Unset = UNSET,
        config: dict[str, Any] | Unset = UNSET,
    ) -> LlmConfig:
        """Changes the given fields; ``config`` is merged key by key (a None value removes a key)."""
        body = given(name=name, provider=provider, model=model, api_key=api_key, api_base=api_base, is_default=is_default, is_active=is_active, config=config)
        return decode(LlmConfig, self._transport.json("PUT", f"/api/llm-configs/{config_id}", json_body=body))

    def activate(self, config_id: int) -> LlmConfig:
        """Makes the config active and the caller's default, the one projects without their own config use."""
        return self.update(config_id, is_default=True, is_active=True)

    def test(self, config_id: int) -> LlmConfigTestResult:
        """One short real call through the config: its latency and output, or why the provider failed."""
        return decode(LlmConfigTestResult, self._transport.json("POST", f"/api/llm-configs/{config_id}/test"))

    def delete(self, config_id: int) -> None:
        self._transport.request("DELETE", f"/api/llm-configs/{config_id}")


class CodeAnalysis:
    """Quality reports in the ResoftAI format, of a piece of code or of a whole project."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def analyze(self, code: str, *, language: str | None = None, file_path: str | None = None) -> CodeQualityReport:
        """Score, issues, metrics (lines of code, complexity, maintainability) and suggestions of the code."""
        body = {"code": code, **present(language=language, file_path=file_path)}
        return decode(CodeQualityReport, self._transport.json("POST", "/api/code-analysis", json_body=body))

    def project(self, project_id: int) -> ProjectCodeQuality:
        """Analyses every current code file of the project, and keeps the result in its history."""
        return decode(ProjectCodeQuality, self._transport.json("POST", f"/api/code-analysis/project/{project_id}"))

    def history(self, project_id: int, *, skip: int = 0, limit: int = 20) -> Page[ProjectCodeQualityHistoryItem]:
        """The project's past ``project`` analyses (its score trend), newest first."""
        reply = self._transport.request("GET", f"/api/code-analysis/project/{project_id}/history", query={"skip": skip, "limit": limit})
        return page_of(ProjectCodeQualityHistoryItem, reply)
