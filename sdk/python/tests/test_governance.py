"""Governance: three-version promotion by multi-signature approval, the audit chain, settings and user administration."""

from __future__ import annotations

import base64
import json
import sys
import time
import uuid
from dataclasses import dataclass

import pytest
from conftest import WEAK_HASH, register_user

# The admins' keys are made with the signing extra's library; without it there is nothing to sign with.
pytest.importorskip("cryptography", reason="the governance tests make signing keys with cryptography (pip install coderev[signing])")
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, ed25519  # noqa: E402

from coderev import (
    AdminUser,
    ApprovalRequest,
    Client,
    ConflictError,
    Experiment,
    PermissionDeniedError,
    ThreeVersionStatus,
    ValidationError,
)
from coderev.signing import payload_hash_of, public_key_pem, sign_payload_hash

SHADOW_RUNS = 10


@dataclass(frozen=True)
class Approver:
    """An administrator other than the API key's owner, with a registered signing key."""

    client: Client
    user_id: int
    private_key_pem: bytes


def _approver(client: Client, base_url: str, private_key: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey) -> Approver:
    email, password = register_user(base_url)
    approver = Client(email=email, password=password, base_url=base_url)
    user_id = approver.me().id
    client.users.set_role(user_id, "admin")
    pem = private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    public_pem, algorithm = public_key_pem(pem)
    registered = approver.multisig.register_key(public_pem, algorithm)
    assert (registered.user_id, registered.algorithm) == (user_id, algorithm)
    return Approver(client=approver, user_id=user_id, private_key_pem=pem)


@pytest.fixture(scope="module")
def approvers(client: Client, base_url: str) -> tuple[Approver, Approver]:
    """Two approvers: the default policies ask two signatures, and a requester may not sign their own request."""
    return _approver(client, base_url, ed25519.Ed25519PrivateKey.generate()), _approver(client, base_url, ec.generate_private_key(ec.SECP256R1()))


def _signature_by_hand(approver: Approver, payload_hash: str) -> str:
    """A caller-made signature, as a signer without the signing extra would produce it with their own tools."""
    key = serialization.load_pem_private_key(approver.private_key_pem, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return base64.b64encode(key.sign(payload_hash.encode("ascii"), ec.ECDSA(hashes.SHA256()))).decode()


def _shadowed(client: Client, experiment_id: str) -> Experiment:
    """The experiment once its shadow runs (made in the server's background) are all recorded."""
    deadline = time.monotonic() + 30
    while True:
        [experiment] = [item for item in client.three_version.experiments(status="experimenting") if item.experiment_id == experiment_id]
        if experiment.shadow_24h.requests >= SHADOW_RUNS or time.monotonic() > deadline:
            return experiment
        time.sleep(0.2)


def test_an_experiment_is_promoted_by_two_signatures_then_demoted_and_reevaluated(client: Client, approvers: tuple[Approver, Approver]) -> None:
    first, second = approvers
    created = client.three_version.create_experiment(f"sdk-{uuid.uuid4().hex[:8]}", {"rules": {"severity_overrides": {"S006": "high"}}})
    assert created.status == "experimenting" and created.evaluation is not None
    assert created.evaluation.samples >= 50 and created.evaluation.accuracy >= 0.85
    evaluated = client.three_version.evaluate(created.experiment_id)
    assert evaluated.evaluation is not None and evaluated.evaluation.accuracy == created.evaluation.accuracy
    for _ in range(SHADOW_RUNS):
        client.analyze(code=WEAK_HASH, language="python", rules=["security"])
    assert _shadowed(client, created.experiment_id).shadow_24h.requests >= SHADOW_RUNS

    promotion = client.three_version.promote(created.experiment_id, "measured on the labelled set and in shadow")
    assert (promotion.status, promotion.new_version) == ("pending_approval", created.experiment_id)
    assert promotion.measured["shadow_requests"] >= SHADOW_RUNS
    assert isinstance(client.three_version.status(), ThreeVersionStatus)
    assert client.three_version.status().v1.pending_promotion >= 1
    [pending] = [item for item in client.multisig.pending() if item.request_id == promotion.request_id]
    assert (pending.operation_type, pending.signatures, pending.required_signatures) == ("version_promotion", 0, 2)
    assert payload_hash_of(pending.payload) == pending.payload_hash

    half = first.client.multisig.sign_with_key(promotion.request_id, first.private_key_pem, comment="checked the measurements")
    assert isinstance(half, ApprovalRequest)
    assert (half.status, len(half.signatures), half.signatures[0].comment) == ("pending", 1, "checked the measurements")
    assert client.three_version.status().v2.version_id != created.experiment_id
    executed = second.client.multisig.sign(promotion.request_id, _signature_by_hand(second, half.payload_hash))
    assert executed.status == "executed" and executed.result is not None
    live = client.three_version.status()
    assert (live.v2.status, live.v2.version_id) == ("production", created.experiment_id)
    assert client.audit.verify().valid

    demotion = client.three_version.demote(created.experiment_id, "back to the analyzer's defaults", evidence={"by": "python-sdk test"})
    assert demotion.version_id == created.experiment_id
    assert first.client.multisig.request(demotion.request_id).required_signatures == 1
    assert first.client.multisig.sign_with_key(demotion.request_id, first.private_key_pem).status == "executed"
    [quarantined] = [item for item in client.three_version.experiments(status="quarantined") if item.experiment_id == created.experiment_id]
    assert quarantined.quarantine_id is not None
    assert client.three_version.status().v2.version_id != created.experiment_id

    reborn = client.three_version.reevaluate(quarantined.quarantine_id, {"temperature": 0.1})
    assert (reborn.status, reborn.reevaluated_from) == ("experimenting", created.experiment_id)


def test_the_audit_chain_is_listed_verified_and_exported(client: Client, approvers: tuple[Approver, Approver]) -> None:
    page = client.audit.logs(limit=5)
    assert len(page.logs) == 5 and page.total >= 5 and page.has_more
    newest = page.logs[0]
    assert newest.hash and newest.prev_hash and newest.timestamp.tzinfo is not None
    assert all(log.entity == "user" for log in client.audit.logs(entity="user", limit=3).logs)
    verification = client.audit.verify(from_ts=page.logs[-1].timestamp)
    assert verification.valid and verification.tampered_logs == [] and verification.broken_chains == []

    exported = json.loads(client.audit.export(format="json"))
    assert exported and {"id", "hash", "prev_hash"} <= set(exported[0])
    assert client.audit.export(format="csv").splitlines()[0].startswith("id,")

    requested = client.audit.request_export("a copy for the auditors", format="csv")
    with pytest.raises(ConflictError):
        client.audit.export_request(requested.request_id)
    first, second = approvers
    first.client.multisig.sign_with_key(requested.request_id, first.private_key_pem)
    second.client.multisig.sign(requested.request_id, _signature_by_hand(second, client.multisig.request(requested.request_id).payload_hash))
    assert client.audit.export_request(requested.request_id).splitlines()[0].startswith("id,")

    assert all(entry.timestamp.tzinfo is not None for entry in client.audit.organization_logs(days=1, limit=10))


def test_a_setting_change_is_requested_and_rejected(client: Client, approvers: tuple[Approver, Approver]) -> None:
    settings = {setting.name: setting for setting in client.settings.list()}
    current = settings["promotion.min_shadow_requests"]

    change = client.settings.request_change(current.name, current.value + 1, "more shadow runs before a promotion")

    assert (change.setting, change.from_, change.to) == (current.name, current.value, current.value + 1)
    rejected = approvers[0].client.multisig.reject(change.request_id, "ten are enough")
    assert (rejected.status, rejected.reason) == ("rejected", "ten are enough")
    assert {setting.name: setting.value for setting in client.settings.list()}[current.name] == current.value


def test_policies_and_keys_are_listed_set_and_revoked(client: Client, approvers: tuple[Approver, Approver]) -> None:
    policies = {policy.operation_type: policy for policy in client.multisig.policies()}
    demotion = policies["version_demotion"]

    updated = client.multisig.set_policy("version_demotion", required_signatures=demotion.required_signatures, expiry_hours=demotion.expiry_hours + 1)

    assert (updated.required_signatures, updated.expiry_hours, updated.requester_may_sign) == (demotion.required_signatures, demotion.expiry_hours + 1, False)
    spare_pem, algorithm = public_key_pem(ed25519.Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    spare = approvers[0].client.multisig.register_key(spare_pem, algorithm)
    assert spare.key_id in [key.key_id for key in client.multisig.keys()]
    approvers[0].client.multisig.revoke_key(spare.key_id)
    assert spare.key_id not in [key.key_id for key in client.multisig.keys()]


def test_users_are_listed_suspended_reactivated_reset_and_deleted_by_request(client: Client, base_url: str, approvers: tuple[Approver, Approver]) -> None:
    email, password = register_user(base_url)
    user_id = Client(email=email, password=password, base_url=base_url).me().id

    [listed] = client.users.list(search=email).users
    assert isinstance(listed, AdminUser) and (listed.id, listed.status, listed.must_change_password) == (user_id, "active", False)
    assert client.users.suspend(user_id, "unusual activity").status == "suspended"
    assert user_id in [user.id for user in client.users.list(status="suspended", limit=100)]
    assert client.users.reactivate(user_id).status == "active"
    temporary = client.users.reset_password(user_id)
    assert temporary.temporary_password and temporary.expires_at.tzinfo is not None
    assert client.users.list(search=email).users[0].must_change_password
    assert client.users.set_role(user_id, "admin").role == "admin"
    assert client.users.set_role(user_id, "user").role == "user"

    deletion = client.users.delete(user_id, "asked to leave")
    assert (deletion.status, deletion.user_id) == ("pending_approval", user_id)
    assert approvers[1].client.multisig.reject(deletion.request_id, "keep the account").status == "rejected"


def test_administration_is_refused_to_other_users(base_url: str, stranger: tuple[str, str]) -> None:
    user = Client(email=stranger[0], password=stranger[1], base_url=base_url)

    assert user.three_version.status().v1.status == "experimenting"
    for call in (user.audit.logs, user.audit.verify, user.multisig.pending, user.settings.list, user.users.list):
        with pytest.raises(PermissionDeniedError) as refused:
            call()
        assert refused.value.status == 403
    with pytest.raises(PermissionDeniedError):
        user.three_version.create_experiment("not mine to make", {})


def test_bad_governance_input_is_a_validation_error_naming_the_fields(client: Client) -> None:
    with pytest.raises(ValidationError) as refused:
        client.three_version.create_experiment("", {"temperature": 5})
    assert {tuple(field.loc) for field in refused.value.fields} >= {("body", "name"), ("body", "config", "temperature")}

    requested = client.audit.request_export("checking validation")
    with pytest.raises(ValidationError) as unsigned:
        client.multisig.sign(requested.request_id, "not base64!")
    assert [field.loc for field in unsigned.value.fields] == [["body", "signature"]]


def test_signing_from_a_key_names_the_extra_when_cryptography_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes the import fail as if the package were not installed.
    monkeypatch.setitem(sys.modules, "cryptography.hazmat.primitives", None)

    with pytest.raises(ImportError, match=r"coderev\[signing\]"):
        sign_payload_hash(b"-----BEGIN PRIVATE KEY-----", "0" * 64)
