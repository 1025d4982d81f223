"""A project's workflow: start, stop, resume, and follow it to its end by polling its stored events."""

from __future__ import annotations

import time
from typing import Callable

from ._transport import Transport
from .models import ProjectDetail, WorkflowEvent, WorkflowOutcome, WorkflowResumed, WorkflowStarted, WorkflowStatus, WorkflowStopped, decode

# Statuses a project rests in once its run has ended (an interrupted run is resumed by the server).
SETTLED_STATUSES = frozenset({"completed", "failed", "cancelled"})
EVENTS_PAGE = 1000


def closes_run(event: WorkflowEvent) -> bool:
    """Whether the event is the last one a run emits: completed, failed, or (stopped) a cancelled update."""
    if event.event in ("workflow_completed", "workflow_failed"):
        return True
    return event.event == "project_update" and event.data.get("status") == "cancelled"


class Workflow:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def execute(self, project_id: int) -> WorkflowStarted:
        """Starts the workflow from the beginning (``BadRequestError`` PROJ_002 while it runs; ``ValidationError`` LLM_002 without a usable LLM config)."""
        return decode(WorkflowStarted, self._transport.json("POST", f"/api/projects/{project_id}/execute"))

    def stop(self, project_id: int) -> WorkflowStopped:
        """Stops the running workflow; in-flight model calls are aborted and the project ends cancelled."""
        return decode(WorkflowStopped, self._transport.json("POST", f"/api/projects/{project_id}/stop"))

    def resume(self, project_id: int) -> WorkflowResumed:
        """Continues the workflow after its last checkpoint (``BadRequestError`` WORKFLOW_001 when there is none)."""
        return decode(WorkflowResumed, self._transport.json("POST", f"/api/projects/{project_id}/resume"))

    def status(self, project_id: int) -> WorkflowStatus:
        project = self._project(project_id)
        return WorkflowStatus(project_id=project.id, status=project.status, progress=project.progress, current_stage=project.current_stage, last_run=project.last_run)

    def events(self, project_id: int, since: int = 0, limit: int = EVENTS_PAGE) -> list[WorkflowEvent]:
        """The project's stored events after ``since``, oldest first."""
        reply = self._transport.json("GET", f"/api/projects/{project_id}/events", query={"since": since, "limit": limit})
        return [decode(WorkflowEvent, item) for item in reply]

    def wait(
        self,
        project_id: int,
        on_progress: Callable[[WorkflowEvent], None] | None = None,
        *,
        timeout: float | None = 3600.0,
        poll_interval: float = 3.0,
        since: int = 0,
    ) -> WorkflowOutcome:
        """Follows the project's events until its run has ended, handing each to ``on_progress``.

        The stored history after ``since`` comes first (by default all of it). Returns how the run ended
        (completed, failed or cancelled); raises ``TimeoutError`` when it has not after ``timeout`` seconds.
        The default ``poll_interval`` keeps a wait well inside the server's default per-minute rate limit.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        seen: list[WorkflowEvent] = []
        cursor = since
        # A run that ended without a closing event (it failed before it started) is settled after two quiet looks.
        settled_at_last_look = False
        while True:
            fresh = self._events_after(project_id, cursor)
            for event in fresh:
                seen.append(event)
                cursor = event.seq
                if on_progress is not None:
                    on_progress(event)
            closed = bool(seen) and closes_run(seen[-1])
            if closed or not fresh:
                project = self._project(project_id)
                settled = project.status in SETTLED_STATUSES
                if settled and (closed or settled_at_last_look):
                    return WorkflowOutcome(status=project.status, project=project, events=seen)
                settled_at_last_look = settled
            else:
                settled_at_last_look = False
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError(f"the workflow of project {project_id} had not ended after {timeout} s")
            time.sleep(poll_interval if deadline is None else max(0.0, min(poll_interval, deadline - time.monotonic())))

    def _events_after(self, project_id: int, since: int) -> list[WorkflowEvent]:
        events: list[WorkflowEvent] = []
        while True:
            page = self.events(project_id, since=since, limit=EVENTS_PAGE)
            events.extend(page)
            if len(page) < EVENTS_PAGE:
                return events
            since = page[-1].seq

    def _project(self, project_id: int) -> ProjectDetail:
        return decode(ProjectDetail, self._transport.json("GET", f"/api/projects/{project_id}"))
