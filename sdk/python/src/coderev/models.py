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

#: The metadata key of a dataclass field whose JSON key differs from its name.
JSON_KEY = "json"

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
    #: The analyzer's stable identity of the finding (SARIF partialFingerprints); None from servers that send none.
    fingerprint: str | None = None


@dataclass(frozen=True)
class AnalysisMetrics:
    total_issues: int
    critical: int
    high: int
    medium: int
    low: int
    analysis_time_ms: int
    #: Code lines (neither blank nor comment); None from servers that send none.
    lines_of_code: int | None = None


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
    #: The request's ``file_path``; None when none was given (or from servers that send none).
    file_path: str | None = None


@dataclass(frozen=True)
class SeverityCounts:
    critical: int
    high: int
    medium: int
    low: int


@dataclass(frozen=True)
class AnalysisListItem:
    """A stored analysis in the history, without its issues."""

    analysis_id: str
    status: str
    language: str
    file_path: str | None
    #: The request's ``project_id``, as a string; None when none was given.
    project_ref: str | None
    score: int
    total_issues: int
    summary: SeverityCounts
    created_at: datetime
    completed_at: datetime


@dataclass(frozen=True)
class QualityIssue:
    severity: str
    category: str
    message: str
    line: int
    column: int
    rule_id: str


@dataclass(frozen=True)
class QualityMetrics:
    lines_of_code: int
    complexity: int
    maintainability_index: int


@dataclass(frozen=True)
class CodeQualityReport:
    """The ResoftAI-format quality report of one piece of code."""

    score: int
    language: str
    issues: list[QualityIssue]
    metrics: QualityMetrics
    suggestions: list[str]


@dataclass(frozen=True)
class FileQuality:
    file_path: str
    score: int
    issues_count: int


@dataclass(frozen=True)
class ProjectCodeQuality:
    project_id: int
    overall_score: int
    total_files: int
    total_lines: int
    files: list[FileQuality]
    summary: SeverityCounts
    analyzed_at: datetime


@dataclass(frozen=True)
class ProjectCodeQualityHistoryItem:
    """One past batch analysis of a project (a point of its score trend)."""

    id: int
    project_id: int
    overall_score: int
    total_files: int
    total_lines: int
    summary: SeverityCounts
    analyzed_at: datetime


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


ProfileStage = Literal["experimenting", "production", "archived", "quarantined"]
OperationType = Literal["version_promotion", "version_demotion", "config_change", "data_export", "user_deletion"]


@dataclass(frozen=True)
class ExperimentEvaluation:
    """Accuracy (F1), precision and recall measured on the analyzer's labelled set."""

    accuracy: float
    precision: float
    recall: float
    samples: int
    evaluated_at: datetime


@dataclass(frozen=True)
class ShadowMetrics:
    """The last 24 h of shadow runs of an experiment beside production."""

    requests: int
    agreement_rate: float | None
    error_rate: float | None
    latency_p95_ms: float | None


@dataclass(frozen=True)
class Experiment:
    """A review profile: a v1 experiment, the v2 production profile, or an archived or quarantined one."""

    experiment_id: str
    name: str
    config: dict[str, Any]
    status: ProfileStage
    created_by: int | None
    created_at: datetime
    quarantine_id: str | None
    reevaluated_from: str | None
    #: None until an evaluation has succeeded.
    evaluation: ExperimentEvaluation | None
    shadow_24h: ShadowMetrics
    #: Why the last evaluation failed, when it did.
    evaluation_error: str | None = None


@dataclass(frozen=True)
class ExperimentsState:
    status: Literal["experimenting"]
    active_experiments: int
    avg_accuracy: float | None
    pending_promotion: int


@dataclass(frozen=True)
class ProductionState:
    status: Literal["production", "empty"]
    version_id: str | None
    requests_24h: int
    accuracy: float | None
    error_rate: float | None
    latency_p95_ms: float | None


@dataclass(frozen=True)
class QuarantineState:
    status: Literal["quarantine"]
    archived_count: int
    pending_reevaluation: int


@dataclass(frozen=True)
class ThreeVersionStatus:
    cycle_running: bool
    current_phase: Literal["monitoring", "idle"]
    v1: ExperimentsState
    v2: ProductionState
    v3: QuarantineState


@dataclass(frozen=True)
class ApprovalPending:
    """An operation waiting for multi-signature approval: sign or reject ``request_id`` through ``Client.multisig``."""

    success: bool
    status: Literal["pending_approval"]
    request_id: str


@dataclass(frozen=True)
class PromotionRequested(ApprovalPending):
    promotion_id: str
    previous_version: str | None
    new_version: str
    promoted_at: None
    #: What the server measured (accuracy, error rate, latency, shadow requests), not what was claimed.
    measured: dict[str, Any]


@dataclass(frozen=True)
class DemotionRequested(ApprovalPending):
    version_id: str
    #: The last good profile production returns to; None when there is none.
    restore_version: str | None


@dataclass(frozen=True)
class SettingChangeRequested(ApprovalPending):
    setting: str
    from_: float = dataclasses.field(metadata={JSON_KEY: "from"})
    to: float


@dataclass(frozen=True)
class UserDeletionRequested(ApprovalPending):
    user_id: int


@dataclass(frozen=True)
class AuditLog:
    """One entry of the hash-chained audit log."""

    id: str
    entity: str
    action: str
    actor_id: int | None
    resource_id: str | None
    organization_id: int | None
    status: Literal["success", "failure"]
    timestamp: datetime
    payload: dict[str, Any]
    ip_address: str | None
    user_agent: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditLogPage:
    logs: list[AuditLog]
    total: int
    has_more: bool


@dataclass(frozen=True)
class BrokenChain:
    log_id: str
    previous_log_id: str | None
    expected_prev_hash: str
    actual_prev_hash: str
    missing_entries: int


@dataclass(frozen=True)
class AuditVerification:
    valid: bool
    verified_count: int
    tampered_count: int
    tampered_logs: list[str]
    broken_chains: list[BrokenChain]
    verification_time_ms: int


@dataclass(frozen=True)
class OrganizationAuditLog:
    """An entry of the ResoftAI-format audit log (``/api/audit-logs``)."""

    id: int
    action: str
    resource_type: str
    resource_id: int | str | None
    user_id: int | None
    organization_id: int | None
    description: str
    changes: dict[str, Any]
    ip_address: str | None
    user_agent: str | None
    timestamp: datetime


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    user_id: int
    algorithm: Literal["ed25519", "ecdsa-p256"]
    #: The normalised SPKI PEM.
    public_key: str
    #: SHA-256 hex of the key's SPKI DER encoding.
    fingerprint: str
    created_at: datetime


@dataclass(frozen=True)
class MultisigPolicy:
    operation_type: OperationType
    required_signatures: int
    allowed_roles: list[Literal["admin", "user"]]
    expiry_hours: int
    requester_may_sign: bool


@dataclass(frozen=True)
class PendingApproval:
    request_id: str
    operation_type: str
    requester_id: int | None
    requester_email: str | None
    #: How many signatures it has.
    signatures: int
    required_signatures: int
    created_at: datetime
    expires_at: datetime
    payload_hash: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class ApprovalSignature:
    signer_id: int
    key_id: str
    comment: str | None
    signed_at: datetime


@dataclass(frozen=True)
class ApprovalRequest:
    request_id: str
    operation_type: str
    status: Literal["pending", "executed", "failed", "rejected", "expired"]
    requester_id: int | None
    payload: dict[str, Any]
    #: What approvers sign: the SHA-256 hex of the RFC 8785 canonical JSON of ``payload``.
    payload_hash: str
    required_signatures: int
    signatures: list[ApprovalSignature]
    created_at: datetime
    expires_at: datetime
    decided_at: datetime | None
    #: Why it was rejected or failed.
    reason: str | None
    #: What the executed operation answered.
    result: dict[str, Any] | None


@dataclass(frozen=True)
class GovernanceSetting:
    name: str
    description: str
    value: float
    default: float
    updated_at: datetime | None
    #: The approval request that last changed it.
    request_id: str | None


@dataclass(frozen=True)
class AdminUser(User):
    status: Literal["active", "suspended"]
    must_change_password: bool


@dataclass(frozen=True)
class AdminUserPage:
    users: list[AdminUser]
    total: int
    page: int
    limit: int

    def __iter__(self) -> Iterator[AdminUser]:
        return iter(self.users)


@dataclass(frozen=True)
class TemporaryPassword:
    """Shown once; the user must change it at the next login."""

    temporary_password: str
    expires_at: datetime


def decode(cls: type[T], data: Any) -> T:
    """``cls`` built from a JSON object; keys the dataclass does not know (a newer server's) are ignored."""
    hints = _type_hints(cls)
    # A field whose JSON key is a Python keyword (``from``) names the key in its metadata.
    field_of_key = {field.metadata.get(JSON_KEY, field.name): field.name for field in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{field_of_key[key]: _convert(hints[field_of_key[key]], value) for key, value in data.items() if key in field_of_key})


@functools.lru_cache(maxsize=None)
def _type_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        # A union of plain JSON types (``int | str``) needs no conversion.
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, element) for element in value]
    if hint is datetime:
        # fromisoformat reads a trailing Z only from Python 3.11 on.
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    if dataclasses.is_dataclass(hint):
        return decode(hint, value)  # type: ignore[arg-type]
    return value
