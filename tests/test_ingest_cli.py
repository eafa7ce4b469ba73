"""`edition ingest` through Click's CliRunner: outputs, refusals, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from edition.cli import main
from edition.tei import TEI

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def runner():
    return CliRunner()


def run(runner, args, cwd):
    with runner.isolated_filesystem(temp_dir=cwd):
        pass
    return runner.invoke(main, args, catch_exceptions=False)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_ingest_writes_tei_and_refuses_overwrite(runner, tmp_path):
    raw = write(tmp_path / "raw" / "baku.txt", (ROOT / "raw" / "baku-katliami-1918.txt").read_bytes())
    out = tmp_path / "tei"
    result = runner.invoke(main, ["ingest", str(raw), "--output-dir", str(out)])
    assert result.exit_code == 0, result.output
    doc = etree.parse(str(out / "baku.xml"))
    assert doc.getroot().tag == TEI + "TEI"
    before = (out / "baku.xml").read_bytes()
    (out / "baku.xml").write_bytes(before + b"<!-- editor -->")
    result = runner.invoke(main, ["ingest", str(raw), "--output-dir", str(out)])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {out / 'baku.xml'}: was changed by an editor (or not written by this build); "
                                     "not overwritten, nothing was written. Pass --force to replace it (a backup is kept "
                                     "in .edition-cache/backup/).")
    assert (out / "baku.xml").read_bytes().endswith(b"<!-- editor -->")
    result = runner.invoke(main, ["ingest", str(raw), "--output-dir", str(out), "--force"])
    assert result.exit_code == 0
    assert (out / "baku.xml").read_bytes() == before
    # --force replaces the editor's file, never loses it: one backup, with the edit
    backups = list((tmp_path / ".edition-cache" / "backup").glob("baku.*.xml"))
    assert [b.read_bytes() for b in backups] == [before + b"<!-- editor -->"]
    assert "[editor-work-backup]" in result.output


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"ok line\n\x00\x01\x02binary", "line 2: binary data (NUL byte at offset 8)"),
        ("Başlık\nikinci satır\n".encode("cp1254"), "line 1, column 3: not UTF-8 (byte 0xfe at offset 2)"),
    ],
    ids=["empty", "blank", "binary", "cp1254"],
)
def test_bad_input_is_refused_and_nothing_written(runner, tmp_path, data, message):
    raw = write(tmp_path / "raw" / "bad.txt", data)
    out = tmp_path / "tei"
    result = runner.invoke(main, ["ingest", str(raw), "--output-dir", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {raw}: ")
    assert message in result.output
    assert not (out / "bad.xml").exists()
    assert not out.exists() or not any(out.iterdir())


def test_unsafe_id_refused(runner, tmp_path):
    raw = write(tmp_path / "Bad Name!.txt", b"Bir paragraf.\n")
    result = runner.invoke(main, ["ingest", str(raw), "--output-dir", str(tmp_path / "tei")])
    assert result.exit_code == 1
    assert "is not a usable document id" in result.output


def test_usage_error_exit_2(runner):
    result = runner.invoke(main, ["ingest"])
    assert result.exit_code == 2


def test_help_has_example(runner):
    result = runner.invoke(main, ["ingest", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
