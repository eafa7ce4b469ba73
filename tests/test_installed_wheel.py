"""The tool as a user gets it: a wheel in a fresh venv, outside this checkout.

An editable install reads the stylesheets and schemas where they stand in
the checkout, so it hides a wheel that lacks them; only an installed wheel,
run in a folder that knows nothing of this repository, proves that every
command finds its resources. The same goes for the published pre-commit hook:
pre-commit installs hook repositories with a plain ``pip install .``.

Slow (a few minutes: the wheel's dependencies are installed twice, once for
the venv and once by pre-commit), so it runs in CI, not in the inner loop.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main

ROOT = Path(__file__).resolve().parents[1]
TEXT = "baku-katliami-1918"

pytestmark = pytest.mark.slow


def run(args: list[str | Path], cwd: Path, env: dict[str, str], expect: int = 0) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
                            check=False)
    assert result.returncode == expect, (
        f"{' '.join(map(str, args))} in {cwd}: exit {result.returncode}\n"
        f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A venv outside the checkout with the wheel built from it installed."""
    base = tmp_path_factory.mktemp("installed")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    wheels = base / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, ROOT], base, env)
    (wheel,) = wheels.glob("edition-*.whl")
    venv.create(base / "venv", with_pip=True)
    bin_dir = base / "venv" / "bin"
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    run([bin_dir / "pip", "install", "-q", wheel], base, env)
    return bin_dir, env


def test_the_wheel_holds_its_resources(installed, tmp_path):
    bin_dir, env = installed
    script = ("import edition, edition.resources as r; print(edition.__file__); "
              "print(*(r.shipped(f) for f in r.SHIPPED), sep='\\n')")
    found = run([bin_dir / "python", "-c", script], tmp_path, env).stdout.split()
    assert all(str(bin_dir.parent) in path for path in found), found  # not the checkout's copies
    assert all(str(ROOT) not in path for path in found), found


def test_a_new_project_builds_validates_and_renders_from_its_subfolders(installed, tmp_path):
    bin_dir, env = installed
    edition = bin_dir / "edition"
    project = tmp_path / "my-edition"
    run([edition, "init", project], tmp_path, env)
    for suffix in (".txt", ".toml"):
        shutil.copy(ROOT / "raw" / f"{TEXT}{suffix}", project / "raw")

    build = run([edition, "build"], project / "raw", env)  # from a subfolder
    assert "1 built, 0 skipped, 0 failed" in build.stderr
    assert (project / "tei" / f"{TEXT}.xml").is_file()
    assert (project / "output" / "html" / f"{TEXT}.html").is_file()
    assert (project / "output" / "text" / f"{TEXT}.txt").is_file()
    assert not (project / "raw" / "tei").exists() and not (project / "raw" / "output").exists()

    run([edition, "build", "--check"], project / "tei", env)
    validate = run([edition, "validate"], project / "tei", env)
    assert validate.stderr.strip().endswith("2 files valid")
    shutil.rmtree(project / "output")
    run([edition, "render", f"{TEXT}.xml", "--format", "text"], project / "tei", env)
    assert (project / "output" / "text" / f"{TEXT}.txt").is_file()
    run([edition, "render", f"{TEXT}.xml"], project / "tei", env)
    assert (project / "output" / "html" / "index.html").is_file()

    # A broken TEI file fails validation the same way from anywhere in the project.
    (project / "tei" / "broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><oops/></TEI>")
    broken = run([edition, "validate"], project / "raw", env, expect=1)
    assert "broken.xml" in broken.stderr


def test_the_pdf_route_runs_from_the_wheel(installed, tmp_path):
    """`edition ingest x.pdf` and `edition build` with a PDF in raw/, from the
    wheel: pdfminer.six comes with it, and the wheel reads the PDF (typeset
    here with reportlab, two pages, running head, two columns, footnotes)
    to the very TEI the checkout makes of it."""
    from test_ingest_pdf import NOTE1, make_article

    bin_dir, env = installed
    edition = bin_dir / "edition"
    project = tmp_path / "my-edition"
    run([edition, "init", project], tmp_path, env)
    pdf = project / "raw" / "deneme-makale.pdf"
    make_article(pdf)

    wheel_out, checkout_out = tmp_path / "wheel", tmp_path / "checkout"
    ingest = run([edition, "ingest", "raw/deneme-makale.pdf", "-o", wheel_out], project, env)
    assert ingest.stdout.strip().endswith("deneme-makale.xml")
    result = CliRunner().invoke(main, ["ingest", str(pdf), "-o", str(checkout_out)])
    assert result.exit_code == 0, result.output
    made = (wheel_out / "deneme-makale.xml").read_bytes()
    assert made == (checkout_out / "deneme-makale.xml").read_bytes()
    root = etree.fromstring(made)
    tei = "{http://www.tei-c.org/ns/1.0}"
    assert [pb.get("n") for pb in root.iter(tei + "pb")] == ["233", "234"]
    assert [n.get("n") for n in root.iter(tei + "note") if n.get("place") == "foot"] == ["1", "2"]
    assert "pdfminer.six" in "".join(root.find(f".//{tei}editorialDecl").itertext())

    # Beside a text, as in an editor's project (and so that the registers are
    # not empty: an empty listOrg is invalid, reported in issue 16's notes).
    for suffix in (".txt", ".toml"):
        shutil.copy(ROOT / "raw" / f"{TEXT}{suffix}", project / "raw")
    build = run([edition, "build"], project / "raw", env)
    assert "2 built, 0 skipped, 0 failed" in build.stderr
    assert (project / "tei" / "deneme-makale.xml").is_file()
    text = (project / "output" / "text" / "deneme-makale.txt").read_text(encoding="utf-8")
    assert " ".join(NOTE1.split()[:3]) in " ".join(text.split())
    assert (project / "output" / "html" / "deneme-makale.html").is_file()
    run([edition, "validate"], project / "tei", env)


def test_the_pre_commit_hooks_run_from_the_installed_tool(installed, tmp_path):
    bin_dir, env = installed
    env = {**env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "test",
           "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "test",
           "GIT_COMMITTER_EMAIL": "test@example.org"}
    run([bin_dir / "pip", "install", "-q", "pre-commit"], tmp_path, env)
    project = tmp_path / "my-edition"
    run([bin_dir / "edition", "init", project], tmp_path, env)
    shutil.copy(ROOT / "tei" / f"{TEXT}.xml", project / "tei")
    shutil.copy(ROOT / "tei" / "registers.xml", project / "tei")
    run(["git", "init", "-q"], project, env)
    run(["git", "add", "-A"], project, env)

    # The project's own config (written by `edition init`): the installed edition.
    run([bin_dir / "pre-commit", "run", "--all-files"], project, env)
    # The published hook of this repository, installed by pre-commit with a plain `pip install .`.
    hook = run([bin_dir / "pre-commit", "try-repo", ROOT, "edition-validate", "--all-files"], project, env)
    assert "edition validate" in hook.stdout and "Passed" in hook.stdout

    # Both fail a commit of a broken TEI file.
    (project / "tei" / "broken.xml").write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><oops/></TEI>")
    run(["git", "add", "-A"], project, env)
    failed = run([bin_dir / "pre-commit", "run", "--all-files"], project, env, expect=1)
    assert "broken.xml" in failed.stdout
    failed = run([bin_dir / "pre-commit", "try-repo", ROOT, "edition-validate", "--all-files"], project, env, expect=1)
    assert "broken.xml" in failed.stdout
