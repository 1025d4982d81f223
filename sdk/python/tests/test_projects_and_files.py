"""client.projects and client.files."""

from __future__ import annotations

import uuid

import pytest
from conftest import REQUIREMENTS

from coderev import Client, NotFoundError, ProjectDetail, ProjectFileDetail, ValidationError


def test_a_project_is_created_listed_read_updated_and_deleted(client: Client) -> None:
    name = f"sdk-{uuid.uuid4().hex[:8]}"
    created = client.projects.create(name, REQUIREMENTS, description="made by the Python SDK", config={"execution_strategy": "sequential"})
    assert created.name == name
    assert created.status == "pending"
    assert created.config["execution_strategy"] == "sequential"
    assert created.deliverables == {}

    page = client.projects.list(limit=100)
    assert page.total >= 1
    assert created.id in [summary.id for summary in page]
    assert len(client.projects.list(limit=1)) == 1
    assert created.id not in [summary.id for summary in client.projects.list(status="completed", limit=100)]

    detail = client.projects.get(created.id)
    assert isinstance(detail, ProjectDetail)
    assert detail.requirements == REQUIREMENTS
    assert detail.last_run is None

    updated = client.projects.update(created.id, name=f"{name}-renamed", description=None)
    assert updated.name == f"{name}-renamed"
    assert updated.description is None
    assert updated.requirements == REQUIREMENTS

    client.projects.delete(created.id)
    with pytest.raises(NotFoundError):
        client.projects.get(created.id)


def test_an_update_with_nothing_to_change_is_refused(client: Client) -> None:
    project = client.projects.create("nothing to change", REQUIREMENTS)

    with pytest.raises(ValidationError) as refused:
        client.projects.update(project.id)

    assert refused.value.status == 422


def test_files_are_uploaded_as_versions_listed_and_read(client: Client) -> None:
    project = client.projects.create("files", REQUIREMENTS)

    first = client.files.upload(project.id, "src/app.py", 'print("one")\n')
    second = client.files.upload(project.id, "src/app.py", b'print("two")\n')
    notes = client.files.upload(project.id, "docs/说明.md", "# 说明\n", category="documentation")

    assert (first.id, first.version) == (second.id, 1) and second.version == 2
    assert second.filename == "src/app.py"
    assert notes.filename == "docs/说明.md"
    assert notes.category == "documentation"
    fetched = client.files.get(second.id)
    assert isinstance(fetched, ProjectFileDetail)
    assert fetched.content == 'print("two")\n'
    assert fetched.size == len('print("two")\n')
    listed = client.files.list(project.id)
    assert listed.total == 2
    assert sorted(file.filename for file in listed) == ["docs/说明.md", "src/app.py"]
    assert [file.filename for file in client.files.list(project.id, category="documentation")] == ["docs/说明.md"]
    assert len(client.files.list(project.id, limit=1)) == 1


def test_files_of_a_missing_project_are_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError):
        client.files.upload(987_654, "src/app.py", "x = 1\n")
    with pytest.raises(NotFoundError):
        client.files.list(987_654)
    with pytest.raises(NotFoundError):
        client.files.get(987_654)
