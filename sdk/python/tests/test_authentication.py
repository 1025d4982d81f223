"""Ways to authenticate, and how the server's refusals reach the caller."""

from __future__ import annotations

import json
import socket
import urllib.request

import pytest

from coderev import AuthenticationError, Client, CodeRevError, NetworkError, NotFoundError, ValidationError


def _tokens(base_url: str, email: str, password: str) -> dict[str, str]:
    body = json.dumps({"email": email, "password": password}).encode()
    request = urllib.request.Request(f"{base_url}/api/auth/login", data=body, headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def _log_out(base_url: str, access_token: str) -> None:
    request = urllib.request.Request(f"{base_url}/api/auth/logout", headers={"Authorization": f"Bearer {access_token}"}, method="POST")
    urllib.request.urlopen(request).close()


def test_an_api_key_authenticates_as_its_owner(client: Client, account: tuple[str, str]) -> None:
    assert client.me().email == account[0]


def test_the_key_and_address_come_from_the_environment_by_default(base_url: str, api_key: str, account: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODEREV_BASE_URL", base_url)
    monkeypatch.setenv("CODEREV_API_KEY", api_key)

    assert Client().me().email == account[0]


def test_a_bad_api_key_is_an_authentication_error_with_the_envelope(base_url: str) -> None:
    with pytest.raises(AuthenticationError) as refused:
        Client(api_key="rsk_not_a_key", base_url=base_url).projects.list()

    error = refused.value
    assert isinstance(error, CodeRevError)
    assert error.status == 401
    assert error.error_code == "AUTH_001"
    assert error.detail == "Invalid API key"
    assert error.request_id
    assert error.fields == []


def test_email_and_password_log_in_on_first_use_and_again_when_the_session_ends(base_url: str, stranger: tuple[str, str]) -> None:
    email, password = stranger
    by_password = Client(email=email, password=password, base_url=base_url)
    assert by_password.me().email == email

    # Logging out revokes the access and the refresh token: only a new login renews the session.
    first_token = by_password.access_token
    assert first_token is not None
    _log_out(base_url, first_token)
    assert by_password.me().email == email
    assert by_password.access_token != first_token


def test_a_refresh_token_renews_a_refused_access_token(base_url: str, stranger: tuple[str, str]) -> None:
    email, password = stranger
    tokens = _tokens(base_url, email, password)

    renewed = Client(token="not-a-valid-token", refresh_token=tokens["refresh_token"], base_url=base_url)

    assert renewed.me().email == email


def test_a_refused_token_without_a_way_to_renew_it_is_an_authentication_error(base_url: str) -> None:
    with pytest.raises(AuthenticationError):
        Client(token="not-a-valid-token", base_url=base_url).me()


def test_a_wrong_password_is_an_authentication_error(base_url: str, stranger: tuple[str, str]) -> None:
    with pytest.raises(AuthenticationError) as refused:
        Client(email=stranger[0], password="wrong-password", base_url=base_url).me()

    assert refused.value.detail == "Incorrect username or password"


def test_one_way_to_authenticate_is_asked_for() -> None:
    with pytest.raises(ValueError):
        Client(api_key="rsk_x", token="t")
    with pytest.raises(ValueError):
        Client(email="a@example.com")


def test_another_users_project_is_not_found(client: Client, base_url: str, stranger: tuple[str, str]) -> None:
    project = client.projects.create("private", "A private requirement that is long enough.")

    with pytest.raises(NotFoundError) as missing:
        Client(email=stranger[0], password=stranger[1], base_url=base_url).projects.get(project.id)

    assert missing.value.error_code == "PROJ_001"


def test_resoftai_validation_errors_are_422_with_each_refused_field(client: Client) -> None:
    with pytest.raises(ValidationError) as refused:
        client.projects.create(name="", requirements="short")

    error = refused.value
    assert error.status == 422
    assert error.error_code == "VALIDATION_ERROR"
    assert sorted(tuple(field.loc) for field in error.fields) == [("body", "name"), ("body", "requirements")]
    assert all(field.msg and field.type for field in error.fields)
    assert "body.name" in str(error)


def test_an_unreachable_server_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port once the probe is closed.
    with pytest.raises(NetworkError):
        Client(api_key="rsk_x", base_url=f"http://127.0.0.1:{port}").me()
