"""Fixtures of a suite run against a real server: packages/cli/test/python-sdk.test.ts starts one and sets the environment."""

from __future__ import annotations

import json
import os
import urllib.request
import uuid
from dataclasses import dataclass

import pytest

from coderev import Client

WEAK_HASH = 'import hashlib\n\n\ndef digest(data):\n    """Digest of data."""\n    return hashlib.md5(data).hexdigest()\n'
REQUIREMENTS = "Build a small calculation library with one module per computation, each tested."


@dataclass(frozen=True)
class FakeModel:
    """The fake LLM provider the test run serves, as an LLM config names it."""

    provider: str
    api_base: str


def _environment(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: these tests run against a server that packages/cli/test/python-sdk.test.ts starts", pytrace=False)
    return value


@pytest.fixture(scope="session")
def base_url() -> str:
    return _environment("CODEREV_BASE_URL")


@pytest.fixture(scope="session")
def api_key() -> str:
    return _environment("CODEREV_API_KEY")


@pytest.fixture(scope="session")
def account() -> tuple[str, str]:
    """Email and password of the user who owns the API key."""
    return _environment("CODEREV_TEST_EMAIL"), _environment("CODEREV_TEST_PASSWORD")


@pytest.fixture(scope="session")
def fake_model() -> FakeModel:
    return FakeModel(provider=_environment("CODEREV_TEST_LLM_PROVIDER"), api_base=_environment("CODEREV_TEST_LLM_API_BASE"))


@pytest.fixture(scope="session")
def client(base_url: str, api_key: str) -> Client:
    return Client(api_key=api_key, base_url=base_url)


def register_user(base_url: str) -> tuple[str, str]:
    """Email and password of a new user, registered without the SDK (which does not register users)."""
    name = f"user_{uuid.uuid4().hex[:12]}"
    email, password = f"{name}@example.com", "SecurePass123!"
    body = json.dumps({"username": name, "email": email, "password": password}).encode()
    request = urllib.request.Request(f"{base_url}/api/auth/register", data=body, headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.status == 201
    return email, password


@pytest.fixture()
def stranger(base_url: str) -> tuple[str, str]:
    """Email and password of a new user who is not an administrator."""
    return register_user(base_url)
