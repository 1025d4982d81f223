"""Project download, file replacement and deletion, and LLM configs."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest
from conftest import REQUIREMENTS, FakeModel

from coderev import Client, LlmConfig, NotFoundError


def test_a_project_downloads_as_a_zip_of_its_files(client: Client) -> None:
    project = client.projects.create(f"sdk-zip-{uuid.uuid4().hex[:8]}", REQUIREMENTS)
    client.files.upload(project.id, "src/calc.py", "def add(a, b):\n    return a + b\n")

    archive = zipfile.ZipFile(io.BytesIO(client.projects.download(project.id)))

    assert archive.read("src/calc.py") == b"def add(a, b):\n    return a + b\n"


def test_a_file_is_replaced_as_a_new_version_and_deleted(client: Client) -> None:
    project = client.projects.create(f"sdk-files-{uuid.uuid4().hex[:8]}", REQUIREMENTS)
    uploaded = client.files.upload(project.id, "src/app/main.py", "print('one')\n")

    updated = client.files.update(uploaded.id, "print('two')\n")

    assert (updated.id, updated.filename, updated.version, updated.size) == (uploaded.id, "src/app/main.py", 2, len("print('two')\n"))
    assert client.files.get(uploaded.id).content == "print('two')\n"
    client.files.delete(uploaded.id)
    with pytest.raises(NotFoundError):
        client.files.get(uploaded.id)
    assert client.files.list(project.id).total == 0


def test_llm_configs_round_trip_and_test_against_the_fake_model(client: Client, fake_model: FakeModel) -> None:
    name = f"sdk-llm-{uuid.uuid4().hex[:8]}"

    created = client.llm_configs.create(name=name, provider=fake_model.provider, api_key="sk-python-sdk-0123456789", api_base=fake_model.api_base)

    assert isinstance(created, LlmConfig)
    assert (created.name, created.provider, created.api_base, created.is_active) == (name, fake_model.provider, fake_model.api_base, True)
    assert "0123456789" not in created.api_key_mask
    assert created.id in [config.id for config in client.llm_configs.list()]
    assert client.llm_configs.get(created.id) == created
    tested = client.llm_configs.test(created.id)
    assert tested.success, tested.error
    assert tested.error is None and tested.test_output == "OK"
    client.llm_configs.delete(created.id)
    with pytest.raises(NotFoundError):
        client.llm_configs.get(created.id)


def test_an_llm_config_is_updated_and_activated_as_the_default(client: Client, fake_model: FakeModel) -> None:
    dormant = client.llm_configs.create(
        name=f"sdk-dormant-{uuid.uuid4().hex[:8]}", provider=fake_model.provider, api_key="sk-python-sdk-0123456789",
        api_base=fake_model.api_base, is_default=False, is_active=False, config={"temperature": 0.5},
    )
    assert (dormant.is_default, dormant.is_active) == (False, False)

    updated = client.llm_configs.update(dormant.id, name=f"{dormant.name}-renamed", config={"max_tokens": 512})
    activated = client.llm_configs.activate(dormant.id)

    assert updated.name == f"{dormant.name}-renamed"
    assert updated.config == {"temperature": 0.5, "max_tokens": 512}
    assert (activated.is_default, activated.is_active) == (True, True)
    assert [config.id for config in client.llm_configs.list() if config.is_default] == [dormant.id]
    client.llm_configs.delete(dormant.id)
