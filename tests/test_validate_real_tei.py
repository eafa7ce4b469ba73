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


def jing_invalid(paths: list[Path]) -> set[Path]:
    run = subprocess.run([JING, str(TEI_ALL_RNG), *map(str, paths)], capture_output=True, text=True, timeout=3600)
    names = {str(p): p for p in paths}
    return {names[line.split(":", 1)[0]] for line in run.stdout.splitlines() if line.split(":", 1)[0] in names}


def test_verdicts_agree_with_jing_on_99_percent(tmp_path):
    paths = sorted(CORPUS.rglob("*.xml"))
    assert len(paths) >= 100
    invalid_for_jing = jing_invalid(paths)
    options = v.ValidateOptions(cache_dir=tmp_path)
    disagreements = []
    for path in paths:
        issues = v.validate_paths([path], options)
        ours = any(i.rule in v.SCHEMA_LEVEL_RULES or i.rule.startswith("xml-") for i in issues)
        if ours != (path in invalid_for_jing):
            disagreements.append(f"{path.relative_to(CORPUS)}: edition {'invalid' if ours else 'valid'}")
    assert len(disagreements) <= len(paths) // 100, disagreements
