"""The CodeRev calls: analyze, results, apply_fix, the analyses history, and quality reports."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
from conftest import REQUIREMENTS, WEAK_HASH

from coderev import Analysis, AnalysisIssue, AnalysisListItem, Client, CodeQualityReport, NotFoundError, Page, ValidationError


def test_analyze_returns_typed_issues_and_metrics(client: Client) -> None:
    result = client.analyze(code=WEAK_HASH, language="python", rules=["security"])

    assert isinstance(result, Analysis)
    assert result.analysis_id.startswith("analysis-")
    assert result.status == "completed"
    assert result.language == "python"
    [issue] = result.issues
    assert isinstance(issue, AnalysisIssue)
    assert issue.rule_id == "S006"
    assert issue.severity in {"critical", "high", "medium", "low"}
    assert issue.category == "security"
    assert issue.cwe is not None and issue.cwe.startswith("CWE-")
    assert issue.line == 6
    assert "md5" in issue.message.lower()
    assert issue.suggestion
    assert issue.id.startswith("issue-")
    assert issue.source == "static"
    metrics = result.metrics
    assert metrics.total_issues == 1
    assert metrics.critical + metrics.high + metrics.medium + metrics.low == 1
    assert metrics.analysis_time_ms >= 0
    assert isinstance(result.created_at, datetime) and result.created_at.tzinfo is not None


def test_rules_choose_the_categories_and_file_path_gives_the_language(client: Client) -> None:
    code = 'import os\n\n\ndef run(name):\n    """Run ls."""\n    os.system("ls " + name)\n'

    everything = client.analyze(code=code, file_path="src/run.py")
    quality_only = client.analyze(code=code, file_path="src/run.py", rules=["quality"])

    assert everything.language == "python"
    assert any(issue.category == "security" for issue in everything.issues)
    assert all(issue.category == "quality" for issue in quality_only.issues)


def test_results_returns_the_stored_analysis(client: Client) -> None:
    analysed = client.analyze(code=WEAK_HASH, language="python", rules=["security"])

    stored = client.results(analysed.analysis_id)

    assert stored == analysed


def test_apply_fix_returns_the_fixed_code_and_its_diff(client: Client) -> None:
    analysed = client.analyze(code=WEAK_HASH, language="python", rules=["security"])
    [issue] = analysed.issues
    assert issue.fixable

    fix = client.apply_fix(analysed.analysis_id, issue.id)

    assert fix.success
    assert "sha256" in fix.fixed_code and "md5" not in fix.fixed_code
    assert any(line.startswith("-") and "md5" in line for line in fix.diff.splitlines())
    assert fix.reason is None


def test_coderev_validation_errors_are_typed_with_the_refused_field(client: Client) -> None:
    # CodeRev routes report validation failures as 400 VALIDATION_ERROR.
    with pytest.raises(ValidationError) as refused:
        client.analyze(code="", language="python")

    assert refused.value.status == 400
    assert refused.value.error_code == "VALIDATION_ERROR"
    assert [field.loc for field in refused.value.fields] == [["body", "code"]]


def test_unknown_analyses_and_issues_are_not_found(client: Client) -> None:
    analysed = client.analyze(code=WEAK_HASH, language="python", rules=["security"])

    with pytest.raises(NotFoundError) as missing:
        client.results("analysis-does-not-exist")
    assert missing.value.status == 404
    with pytest.raises(NotFoundError):
        client.apply_fix(analysed.analysis_id, "issue-does-not-exist")


def test_the_analysis_reply_carries_the_file_path_and_fingerprints(client: Client) -> None:
    analysed = client.analyze(code=WEAK_HASH, file_path="src/digest.py", rules=["security"])

    assert analysed.file_path == "src/digest.py"
    assert all(issue.fingerprint for issue in analysed.issues)
    assert analysed.metrics.lines_of_code is not None and analysed.metrics.lines_of_code > 0


def test_analyses_history_pages_newest_first_and_filters(client: Client) -> None:
    before = datetime.now(timezone.utc)
    older = client.analyze(code=WEAK_HASH, language="python", rules=["security"], project_id="history")
    newer = client.analyze(code="const answer = 42;\n", language="javascript", rules=["quality"], file_path="answer.js")

    recent = client.analyses(created_from=before, limit=1)
    assert isinstance(recent, Page) and recent.total == 2
    [first] = recent
    assert isinstance(first, AnalysisListItem)
    assert (first.analysis_id, first.language, first.file_path) == (newer.analysis_id, "javascript", "answer.js")
    [second] = client.analyses(created_from=before, skip=1, limit=1)
    assert (second.analysis_id, second.project_ref, second.total_issues, second.summary.critical + second.summary.high + second.summary.medium + second.summary.low) == (older.analysis_id, "history", 1, 1)
    assert [item.analysis_id for item in client.analyses(language="python", created_from=before)] == [older.analysis_id]
    assert client.analyses(status="completed", created_to=before).total >= 0
    with pytest.raises(ValidationError):
        client.analyses(created_from="not a date")


def test_quality_reports_of_code_and_of_a_project_with_its_history(client: Client) -> None:
    report = client.code_analysis.analyze(WEAK_HASH, file_path="digest.py")
    assert isinstance(report, CodeQualityReport)
    assert report.language == "python" and report.metrics.lines_of_code > 0
    assert any(issue.rule_id == "S006" for issue in report.issues)

    project = client.projects.create(f"sdk-quality-{uuid.uuid4().hex[:8]}", REQUIREMENTS)
    client.files.upload(project.id, "src/digest.py", WEAK_HASH)
    quality = client.code_analysis.project(project.id)
    assert (quality.project_id, quality.total_files, [file.file_path for file in quality.files]) == (project.id, 1, ["src/digest.py"])
    history = client.code_analysis.history(project.id)
    assert history.total == 1
    [point] = history
    assert (point.project_id, point.overall_score, point.analyzed_at) == (project.id, quality.overall_score, quality.analyzed_at)
