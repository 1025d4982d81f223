"""What the API answers, as frozen dataclasses (field names as in the JSON; timestamps as ``datetime``)."""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Iterator, Literal, TypeVar

T = TypeVar("T")

ProjectStatus = Literal["pending", "running", "completed", "failed", "cancelled", "interrupted"]
FileCategory = Literal["requirements", "design", "code", "test", "documentation"]
WorkflowEventName = Literal["project_update", "agent_activity", "workflow_started", "stage_completed", "workflow_completed", "workflow_failed"]


@dataclass(frozen=True)
class AnalysisIssue:
    id: str
    rule_id: str
    #: security, quality, performance or syntax
    type: str
    category: str
    #: critical, high, medium or low
    severity: str
    confidence: str
    cwe: str | None
    title: str
    message: str
    suggestion: str
    line: int
    column: int
    end_line: int
    end_column: int
    #: Whether ``Client.apply_fix`` can fix it mechanically.
    fixable: bool
    #: static, or ai for findings of the AI review
    source: str


@dataclass(frozen=True)
class AnalysisMetrics:
    total_issues: int
    critical: int
    high: int
    medium: int
    low: int
    analysis_time_ms: int


@dataclass(frozen=True)
class Analysis:
    analysis_id: str
    status: str
    language: str
    score: int
    issues: list[AnalysisIssue]
    metrics: AnalysisMetrics
    created_at: datetime
    completed_at: datetime


@dataclass(frozen=True)
class FixResult:
    success: bool
    fixed_code: str
    #: A unified diff of the analysed code against ``fixed_code``.
    diff: str
    #: Why the fix was not applied, when ``success`` is false.
    reason: str | None = None


@dataclass(frozen=True)
class User:
    id: int
    username: str
    email: str
    full_name: str | None
    role: Literal["admin", "user"]
    is_admin: bool
    is_active: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ProjectSummary:
    id: int
    name: str
    description: str | None
    status: ProjectStatus
    progress: int
    current_stage: str | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    team_id: int | None


@dataclass(frozen=True)
class Project(ProjectSummary):
    user_id: int
    requirements: str
    config: dict[str, Any]
    #: Filled by the workflow when it completes; empty until then.
    deliverables: dict[str, Any]
    llm_config_id: int | None


@dataclass(frozen=True)
class WorkflowRun:
    workflow_id: str
    mode: Literal["execute", "resume"]
    status: str
    started_at: datetime
    ended_at: datetime | None
    error_code: str | None
    #: Why the run failed or stopped.
    error_message: str | None
    failed_stage: str | None
    failed_agent: str | None


@dataclass(frozen=True)
class ProjectDetail(Project):
    #: The latest workflow run; None before the first.
    last_run: WorkflowRun | None


@dataclass(frozen=True)
class ProjectFile:
    id: int
    project_id: int
    #: Path inside the project, e.g. ``src/app/main.py``.
    filename: str
    category: FileCategory
    size: int
    mime_type: str
    version: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class ProjectFileDetail(ProjectFile):
    #: The current content when it is text; None for binary files.
    content: str | None
    created_by: int | None


@dataclass(frozen=True)
class LlmConfig:
    id: int
    user_id: int
    name: str
    provider: str
    model: str
    api_base: str | None
    #: The ends of the key only; the key itself is never returned.
    api_key_mask: str
    #: The config a project without its own uses.
    is_default: bool
    is_active: bool
    config: dict[str, Any]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class LlmTestFailure:
    #: http, network, timeout, malformed_response, empty_response, …
    kind: str
    provider_status: int | None
    reason: str


@dataclass(frozen=True)
class LlmConfigTestResult:
    success: bool
    model: str
    response_time_ms: int
    test_output: str | None
    error: LlmTestFailure | None


@dataclass(frozen=True)
class WorkflowStarted:
    project_id: int
    workflow_id: str
    status: Literal["running"]
    current_stage: str
    started_at: datetime


@dataclass(frozen=True)
class WorkflowStopped:
    project_id: int
    status: ProjectStatus
    stopped_at: datetime


@dataclass(frozen=True)
class WorkflowResumed:
    project_id: int
    workflow_id: str
    status: Literal["running"]
    current_stage: str
    resumed_at: datetime
    #: The last stage the resumed run had finished; None when it had finished none.
    checkpoint_stage: str | None


@dataclass(frozen=True)
class WorkflowStatus:
    project_id: int
    status: ProjectStatus
    progress: int
    current_stage: str | None
    last_run: WorkflowRun | None


@dataclass(frozen=True)
class WorkflowEvent:
    #: The event's place in the project's history (what ``since`` counts).
    seq: int
    event: WorkflowEventName
    #: The payload the server's socket sent with it.
    data: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class WorkflowOutcome:
    """How a run that ``Workflow.wait`` followed ended."""

    status: ProjectStatus
    project: ProjectDetail
    #: Every event ``wait`` saw, oldest first.
    events: list[WorkflowEvent]

    @property
    def succeeded(self) -> bool:
        return self.status == "completed"


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list and the total count of the whole list."""

    items: list[T]
    total: int

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def decode(cls: type[T], data: Any) -> T:
    """``cls`` built from a JSON object; keys the dataclass does not know (a newer server's) are ignored."""
    hints = _type_hints(cls)
    known = {field.name for field in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{name: _convert(hints[name], value) for name, value in data.items() if name in known})


@functools.lru_cache(maxsize=None)
def _type_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _convert(inner, value)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, element) for element in value]
    if hint is datetime:
        # fromisoformat reads a trailing Z only from Python 3.11 on.
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    if dataclasses.is_dataclass(hint):
        return decode(hint, value)  # type: ignore[arg-type]
    return value
