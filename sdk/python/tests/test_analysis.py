"""The CodeRev calls: analyze, results, apply_fix."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import WEAK_HASH

from coderev import Analysis, AnalysisIssue, Client, NotFoundError, ValidationError


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
