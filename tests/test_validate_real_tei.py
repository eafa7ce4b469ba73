"""The real-TEI corpus (other projects' TEI), when present: edition agrees with jing.

The corpus is not part of the repository (workplace rule: fetched files are not
committed); CI or a developer puts it in ``../shared/real-tei/`` (the manifest is
``benchmarks/data/real-tei-MANIFEST.tsv``). ``benchmarks/real_tei.py`` prints the
same comparison with timings and every disagreement.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from edition import validate as v
from edition.schema_build import TEI_ALL_RNG

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "real-tei"
JING = shutil.which("jing")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no real-TEI corpus at {CORPUS}"),
    pytest.mark.skipif(JING is None, reason="jing is not installed (apt-get install jing)"),
]


def jing_invalid(paths: list[Path], unchecked: set[Path]) -> set[Path]:
    """The files jing rejects; jing stops at a fatal (not well-formed) file, so
    the run starts again after it. Files whose external DTD jing cannot find
    go to ``unchecked``."""
    names = {str(p): p for p in paths}
    invalid: set[Path] = set()
    todo = list(paths)
    while todo:
        run = subprocess.run([JING, str(TEI_ALL_RNG), *map(str, todo)], capture_output=True, text=True, timeout=3600)
        stopped = None
        for line in run.stdout.splitlines():
            path = names.get(line.split(":", 1)[0])
            if path is not None:
                invalid.add(path)
                if ": fatal:" in line:
                    stopped = path
        if stopped is None:
            stopped = _unnamed_fatal(run.stdout, todo, invalid)
            if stopped is None:
                break
            unchecked.add(stopped)
        todo = todo[todo.index(stopped) + 1:]
    return invalid


def _unnamed_fatal(output: str, todo: list[Path], invalid: set[Path]) -> Path | None:
    """The file behind a fatal error jing prints without a file name (an
    external DTD it cannot find): the first file after the last one jing
    named that mentions the missing file's name, else the next one."""
    fatal = next((line for line in output.splitlines() if line.startswith("fatal:")), None)
    if fatal is None:
        return None
    named = [p for p in todo if p in invalid]
    after = todo[todo.index(named[-1]) + 1:] if named else todo
    missing = Path(fatal.rsplit(" (", 1)[0].split()[-1]).name
    return next((p for p in after if missing.encode() in p.read_bytes()), after[0] if after else None)


def test_verdicts_agree_with_jing_on_99_percent(tmp_path):
    paths = sorted(CORPUS.rglob("*.xml"))
    assert len(paths) >= 100
    unchecked: set[Path] = set()
    invalid_for_jing = jing_invalid(paths, unchecked)
    paths = [p for p in paths if p not in unchecked]
    issues = v.validate_paths(paths, v.ValidateOptions(cache_dir=tmp_path))
    rejected = {i.path for i in issues if i.rule in v.SCHEMA_LEVEL_RULES or i.rule.startswith("xml-")}
    disagreements = []
    for path in paths:
        ours = str(path) in rejected
        if ours != (path in invalid_for_jing):
            disagreements.append(f"{path.relative_to(CORPUS)}: edition {'invalid' if ours else 'valid'}")
    assert len(disagreements) <= len(paths) // 100, disagreements
