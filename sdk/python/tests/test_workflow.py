"""The workflow with the fake model: a whole run followed by Workflow.wait, and a stop then a resume."""

from __future__ import annotations

import time
import uuid

import pytest
from conftest import REQUIREMENTS, FakeModel

from coderev import BadRequestError, Client, ConflictError, WorkflowEvent


def test_a_run_completes_and_wait_reports_its_progress(client: Client, fake_model: FakeModel) -> None:
    config = client.llm_configs.create(name=f"sdk-run-{uuid.uuid4().hex[:8]}", provider=fake_model.provider, api_key="sk-python-sdk-0123456789", api_base=fake_model.api_base)
    project = client.projects.create(name=f"sdk-run-{uuid.uuid4().hex[:8]}", requirements=REQUIREMENTS, llm_config_id=config.id)
    progress: list[WorkflowEvent] = []

    started = client.workflow.execute(project.id)
    with pytest.raises(BadRequestError) as running:
        client.workflow.execute(project.id)
    outcome = client.workflow.wait(project.id, on_progress=progress.append, timeout=45, poll_interval=0.2)

    assert (started.project_id, started.status) == (project.id, "running")
    assert running.value.error_code == "PROJ_002"
    assert outcome.status == "completed" and outcome.succeeded, outcome.project.last_run
    assert outcome.project.progress == 100 and outcome.project.deliverables
    assert outcome.project.last_run is not None and outcome.project.last_run.workflow_id == started.workflow_id
    assert progress == outcome.events
    names = [event.event for event in progress]
    assert names[0] == "workflow_started" and names[-1] == "workflow_completed"
    assert "stage_completed" in names
    seqs = [event.seq for event in progress]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert client.files.list(project.id).total > 0
    status = client.workflow.status(project.id)
    assert (status.project_id, status.status, status.progress) == (project.id, "completed", 100)
    assert status.last_run is not None and status.last_run.status == "completed" and status.last_run.ended_at is not None
    with pytest.raises(ConflictError) as settled:
        client.projects.update(project.id, name="too late")
    assert settled.value.status == 409
    # A wait after the end returns at once with only the events after its cursor.
    late: list[WorkflowEvent] = []
    again = client.workflow.wait(project.id, on_progress=late.append, timeout=5, poll_interval=0.2, since=seqs[-1])
    assert again.status == "completed" and late == [] and again.events == []


def test_a_stopped_run_ends_cancelled_and_resumes_from_its_checkpoint(client: Client, fake_model: FakeModel) -> None:
    config = client.llm_configs.create(name=f"sdk-stop-{uuid.uuid4().hex[:8]}", provider=fake_model.provider, api_key="sk-python-sdk-0123456789", api_base=fake_model.api_base)
    project = client.projects.create(f"sdk-stop-{uuid.uuid4().hex[:8]}", REQUIREMENTS, config={"enable_checkpoints": True}, llm_config_id=config.id)
    client.workflow.execute(project.id)
    deadline = time.monotonic() + 30
    while not any(event.event == "stage_completed" for event in client.workflow.events(project.id)):
        assert time.monotonic() < deadline, "no stage completed within 30 s"
        time.sleep(0.05)

    stopped = client.workflow.stop(project.id)
    cancelled = client.workflow.wait(project.id, timeout=10, poll_interval=0.2)
    after_stop = client.workflow.status(project.id)
    resumed = client.workflow.resume(project.id)
    completed = client.workflow.wait(project.id, timeout=45, poll_interval=0.2, since=cancelled.events[-1].seq)

    assert (stopped.project_id, stopped.status) == (project.id, "cancelled")
    assert cancelled.status == "cancelled" and not cancelled.succeeded
    assert after_stop.status == "cancelled" and after_stop.last_run is not None and after_stop.last_run.status == "cancelled"
    assert resumed.checkpoint_stage is not None and resumed.status == "running"
    assert completed.status == "completed"
    assert completed.project.last_run is not None and completed.project.last_run.mode == "resume"
    assert completed.events[-1].event == "workflow_completed"
    assert all(event.seq > cancelled.events[-1].seq for event in completed.events)
