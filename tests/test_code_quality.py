"""The code checks of issue #11, run as part of the test suite.

mypy (strict on ``src/``, as pyproject.toml configures it), ruff on ``src/``
and radon (no function above complexity grade D) are in the ``test`` extra,
so wherever the tests run, so do these: no skip. Each runs the tool from the
interpreter's own ``bin/`` folder (the venv that runs pytest), from the
repository root, so it reads the project's config; a failure shows the tool's
whole output.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
BIN = Path(sys.executable).parent


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    tool = BIN / name
    assert tool.is_file(), f"{tool} is missing: install the test extra (pip install -e '.[test]')"
    return subprocess.run([str(tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_mypy_strict_on_src():
    # No paths: pyproject's [tool.mypy] names src/ and makes it strict.
    result = run_tool("mypy")
    assert result.returncode == 0, f"mypy found type errors:\n{result.stdout}{result.stderr}"


def test_ruff_on_src():
    result = run_tool("ruff", "check", "src")
    assert result.returncode == 0, f"ruff found problems:\n{result.stdout}{result.stderr}"


def test_no_function_above_grade_d():
    result = run_tool("radon", "cc", "-n", "E", "-s", "src")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", (
        "functions above radon grade D (split them into small named steps):\n" + result.stdout
    )


# `# type: ignore[code]  # why`: the code says what is silenced, the comment why
# no better type (a dataclass, a TypedDict, a Protocol) removes the need.
TYPE_IGNORE = re.compile(r"#\s*type:\s*ignore(?P<code>\[[^\]]*\])?(?P<rest>.*)$")


def unexplained_type_ignores(text: str) -> list[tuple[int, str]]:
    """(line number, line) of each ``type: ignore`` without an error code or without a reason."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = TYPE_IGNORE.search(line)
        if match and (not match["code"] or not re.match(r"\s*#\s*\S", match["rest"])):
            found.append((number, line.strip()))
    return found


def test_unexplained_type_ignores_are_found():
    assert unexplained_type_ignores("x = f()  # type: ignore\n") == [(1, "x = f()  # type: ignore")]
    assert unexplained_type_ignores("x = f()  # type: ignore[arg-type]\n") != []
    assert unexplained_type_ignores("class R(etree.Resolver):  # type: ignore[misc]\n") != []
    assert unexplained_type_ignores("class R(etree.Resolver):  # type: ignore[misc]  # lxml is untyped\n") == []
    assert unexplained_type_ignores("y = 1  # the types are ignored here\n") == []


def test_every_type_ignore_names_its_code_and_reason():
    found = [f"{path.relative_to(ROOT)}:{number}: {line}"
             for path in sorted(SRC.rglob("*.py"))
             for number, line in unexplained_type_ignores(path.read_text(encoding="utf-8"))]
    assert not found, ("`# type: ignore` without `[code]  # reason` (or find the type that makes it "
                       "unnecessary):\n" + "\n".join(found))
