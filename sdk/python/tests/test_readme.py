"""The README's first example runs as written, given a real key and address."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_example_prints_the_issues_it_finds(base_url: str, api_key: str, capsys: pytest.CaptureFixture[str]) -> None:
    example = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert example is not None
    source = example.group(1)
    assert '"rsk_..."' in source and '"http://localhost:8000"' in source

    exec(compile(source.replace('"rsk_..."', repr(api_key)).replace('"http://localhost:8000"', repr(base_url)), str(README), "exec"), {})

    [line] = capsys.readouterr().out.splitlines()
    severity, _, rest = line.partition(" ")
    assert severity in {"critical", "high", "medium", "low"}
    assert "md5" in rest.lower() and rest.endswith(" 5")
