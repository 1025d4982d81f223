"""The CodeRev governance resources a ``Client`` carries: review-profile versions, the audit chain, multi-signature
approvals, governance settings and user administration."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from urllib.parse import quote

from ._transport import Transport
from .models import (
    AdminUser,
    AdminUserPage,
    ApprovalPending,
    ApprovalRequest,
    AuditLogPage,
    AuditVerification,
    DemotionRequested,
    Experiment,
    GovernanceSetting,
    MultisigPolicy,
    OperationType,
    OrganizationAuditLog,
    PendingApproval,
    ProfileStage,
    PromotionRequested,
    SettingChangeRequested,
    SigningKey,
    TemporaryPassword,
    ThreeVersionStatus,
    UserDeletionRequested,
    decode,
)
from .resources import instant, present

ExportFormat = Literal["json", "csv"]


def _segment(value: str) -> str:
    return quote(value, safe="")


class ThreeVersion:
    """v1 experiments, the v2 production profile and v3 quarantine; changes need an administrator."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def status(self) -> ThreeVersionStatus:
        return decode(ThreeVersionStatus, self._transport.json("GET", "/api/three-version/status"))

    def experiments(self, *, status: ProfileStage | None = None) -> list[Experiment]:
        """Review profiles with their measured accuracy and shadow-run metrics."""
        reply = self._transport.json("GET", "/api/three-version/experiments", query={"status": status})
        return [decode(Experiment, item) for item in reply["experiments"]]

    def create_experiment(self, name: str, config: dict[str, Any]) -> Experiment:
        """A v1 experiment, measured on the labelled set at once; ``config`` holds ``rules``, ``ai_review``, ``temperature``, …"""
        return decode(Experiment, self._transport.json("POST", "/api/three-version/experiments", json_body={"name": name, "config": config}))

    def evaluate(self, experiment_id: str) -> Experiment:
        """Measures the experiment's accuracy (F1) on the labelled set again."""
        return decode(Experiment, self._transport.json("POST", f"/api/three-version/experiments/{_segment(experiment_id)}/evaluate"))

    def promote(self, experiment_id: str, reason: str, *, metrics: dict[str, Any] | None = None) -> PromotionRequested:
        """Opens the approval request that, once signed, makes the experiment production (``ValidationError`` naming each unmet criterion)."""
        body = {"experiment_id": experiment_id, "reason": reason, **present(metrics=metrics)}
        return decode(PromotionRequested, self._transport.json("POST", "/api/three-version/promote", json_body=body))

    def demote(self, version_id: str, reason: str, *, evidence: dict[str, Any] | None = None) -> DemotionRequested:
        """Opens the approval request that quarantines production and restores the last good profile."""
        body = {"version_id": version_id, "reason": reason, **present(evidence=evidence)}
        return decode(DemotionRequested, self._transport.json("POST", "/api/three-version/demote", json_body=body))

    def reevaluate(self, quarantine_id: str, new_config: dict[str, Any]) -> Experiment:
        """Brings a quarantined profile back as a v1 experiment with ``new_config``."""
        body = {"quarantine_id": quarantine_id, "new_config": new_config}
        return decode(Experiment, self._transport.json("POST", "/api/three-version/reevaluate", json_body=body))


class Audit:
    """The hash-chained audit log (administrators), and the organisation view of it."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def logs(
        self,
        *,
        entity: str | None = None,
        action: str | None = None,
        actor_id: int | None = None,
        from_ts: datetime | str | None = None,
        to_ts: datetime | str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> AuditLogPage:
        """Entries of the chain, newest first."""
        query = {"entity": entity, "action": action, "actor_id": actor_id, "from_ts": instant(from_ts), "to_ts": instant(to_ts), "limit": limit, "offset": offset}
        return decode(AuditLogPage, self._transport.json("GET", "/api/admin/audit/logs", query=query))

    def verify(self, *, from_ts: datetime | str | None = None, to_ts: datetime | str | None = None, entity: str | None = None) -> AuditVerification:
        """Recomputes the whole chain: ``valid``, with the tampered entries and broken links in the range when it is not."""
        body = present(from_ts=instant(from_ts), to_ts=instant(to_ts), entity=entity)
        return decode(AuditVerification, self._transport.json("POST", "/api/admin/audit/verify", json_body=body))

    def export(self, *, format: ExportFormat = "json", from_ts: datetime | str | None = None, to_ts: datetime | str | None = None) -> str:
        """The chain with its hashes as JSON or CSV text, where the governance settings allow a direct export."""
        query = {"format": format, "from_ts": instant(from_ts), "to_ts": instant(to_ts)}
        return self._transport.request("GET", "/api/admin/audit/export", query=query).body.decode("utf-8")

    def request_export(self, reason: str, *, format: ExportFormat = "json", from_ts: datetime | str | None = None, to_ts: datetime | str | None = None) -> ApprovalPending:
        """Opens the ``data_export`` approval request; once signed, its requester downloads it with ``export_request``."""
        body = {"format": format, "reason": reason, **present(from_ts=instant(from_ts), to_ts=instant(to_ts))}
        return decode(ApprovalPending, self._transport.json("POST", "/api/admin/audit/exports", json_body=body))

    def export_request(self, request_id: str) -> str:
        """The approved export as JSON or CSV text, up to the chain head pinned at approval (``ConflictError`` until approved)."""
        return self._transport.request("GET", f"/api/admin/audit/exports/{_segment(request_id)}").body.decode("utf-8")

    def organization_logs(
        self,
        *,
        organization_id: int | None = None,
        action: Literal["CREATE", "READ", "UPDATE", "DELETE", "LOGIN", "LOGOUT"] | None = None,
        resource_type: str | None = None,
        user_id: int | None = None,
        days: int | None = None,
        skip: int = 0,
        limit: int = 100,
    ) -> list[OrganizationAuditLog]:
        """The ResoftAI-format log: all of it for administrators, their own entries for other users."""
        query = {"organization_id": organization_id, "action": action, "resource_type": resource_type, "user_id": user_id, "days": days, "skip": skip, "limit": limit}
        return [decode(OrganizationAuditLog, item) for item in self._transport.json("GET", "/api/audit-logs", query=query)]


class Multisig:
    """Multi-signature approvals (administrators): signing keys, policies, and the requests to sign or reject."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def keys(self) -> list[SigningKey]:
        """Administrators' active signing keys."""
        return [decode(SigningKey, item) for item in self._transport.json("GET", "/api/admin/multisig/keys")["keys"]]

    def register_key(self, public_key: str, algorithm: Literal["ed25519", "ecdsa-p256"]) -> SigningKey:
        """Registers a PEM public key of the caller (a private key is refused: keep it local)."""
        body = {"public_key": public_key, "algorithm": algorithm}
        return decode(SigningKey, self._transport.json("POST", "/api/admin/multisig/keys", json_body=body))

    def revoke_key(self, key_id: str) -> None:
        """Revokes one of the caller's signing keys."""
        self._transport.request("DELETE", f"/api/admin/multisig/keys/{_segment(key_id)}")

    def policies(self) -> list[MultisigPolicy]:
        """The approval policy of every operation type."""
        return [decode(MultisigPolicy, item) for item in self._transport.json("GET", "/api/admin/multisig/policies")["policies"]]

    def set_policy(self, operation_type: OperationType, *, required_signatures: int, expiry_hours: int) -> MultisigPolicy:
        """Sets the signatures required and the expiry of an operation type; applies to new requests."""
        body = {"required_signatures": required_signatures, "expiry_hours": expiry_hours}
        return decode(MultisigPolicy, self._transport.json("PUT", f"/api/admin/multisig/policies/{_segment(operation_type)}", json_body=body))

    def pending(self) -> list[PendingApproval]:
        """Requests waiting for signatures."""
        return [decode(PendingApproval, item) for item in self._transport.json("GET", "/api/admin/multisig/pending")["requests"]]

    def request(self, request_id: str) -> ApprovalRequest:
        """One request with its signatures and outcome."""
        return decode(ApprovalRequest, self._transport.json("GET", f"/api/admin/multisig/requests/{_segment(request_id)}"))

    def sign(self, request_id: str, signature: str, *, comment: str | None = None) -> ApprovalRequest:
        """Submits a base64 signature over the ASCII bytes of the request's ``payload_hash`` (Ed25519, or ECDSA P-256 with SHA-256 in DER).

        The server checks it against each of the caller's registered keys; the request is executed with the last signature it needs.
        """
        body = {"signature": signature, **present(comment=comment)}
        return decode(ApprovalRequest, self._transport.json("POST", f"/api/admin/multisig/sign/{_segment(request_id)}", json_body=body))

    def sign_with_key(self, request_id: str, private_key_pem: str | bytes, *, comment: str | None = None, password: bytes | None = None) -> ApprovalRequest:
        """Checks that the request's payload hashes to its ``payload_hash``, signs the hash with the PEM private key and submits it.

        Needs the signing extra: ``pip install 'coderev[signing]'``.
        """
        from .signing import payload_hash_of, sign_payload_hash

        pending = self.request(request_id)
        # Sign only what the payload really hashes to, not whatever hash the server states.
        if payload_hash_of(pending.payload) != pending.payload_hash:
            raise ValueError(f"the payload_hash of {request_id} does not match its payload; refusing to sign")
        return self.sign(request_id, sign_payload_hash(private_key_pem, pending.payload_hash, password), comment=comment)

    def reject(self, request_id: str, reason: str) -> ApprovalRequest:
        return decode(ApprovalRequest, self._transport.json("POST", f"/api/admin/multisig/reject/{_segment(request_id)}", json_body={"reason": reason}))


class Settings:
    """Governance thresholds (promotion and the production monitor), changed only through approved requests."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(self) -> list[GovernanceSetting]:
        return [decode(GovernanceSetting, item) for item in self._transport.json("GET", "/api/admin/settings")["settings"]]

    def request_change(self, name: str, value: float, reason: str) -> SettingChangeRequested:
        """Opens the ``config_change`` approval request; the setting changes once it is signed."""
        body = {"name": name, "value": value, "reason": reason}
        return decode(SettingChangeRequested, self._transport.json("POST", "/api/admin/settings/changes", json_body=body))


class Users:
    """User administration (administrators)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(
        self,
        *,
        status: Literal["active", "suspended"] | None = None,
        role: Literal["admin", "user"] | None = None,
        search: str | None = None,
        page: int = 1,
        limit: int = 20,
    ) -> AdminUserPage:
        """Users, newest first; ``search`` matches usernames and emails."""
        query = {"status": status, "role": role, "search": search, "page": page, "limit": limit}
        return decode(AdminUserPage, self._transport.json("GET", "/api/admin/users", query=query))

    def suspend(self, user_id: int, reason: str) -> AdminUser:
        """Suspends the user: their sessions end and their API keys are deleted at once."""
        return decode(AdminUser, self._transport.json("POST", f"/api/admin/users/{user_id}/suspend", json_body={"reason": reason}))

    def reactivate(self, user_id: int) -> AdminUser:
        return decode(AdminUser, self._transport.json("POST", f"/api/admin/users/{user_id}/reactivate"))

    def reset_password(self, user_id: int) -> TemporaryPassword:
        """A temporary password (24 h) the user must change at the next login."""
        return decode(TemporaryPassword, self._transport.json("POST", f"/api/admin/users/{user_id}/reset-password"))

    def set_role(self, user_id: int, role: Literal["admin", "user"]) -> AdminUser:
        """Grants or removes the administrator role."""
        return decode(AdminUser, self._transport.json("PUT", f"/api/admin/users/{user_id}/role", json_body={"role": role}))

    def delete(self, user_id: int, reason: str) -> UserDeletionRequested:
        """Opens the ``user_deletion`` approval request; once signed, the account is anonymised."""
        return decode(UserDeletionRequested, self._transport.json("DELETE", f"/api/admin/users/{user_id}", json_body={"reason": reason}))
