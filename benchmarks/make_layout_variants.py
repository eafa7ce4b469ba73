"""Make raw texts in other journals' layouts from our clean raw texts.

Each variant transforms raw/<id>.txt the way another journal or extractor lays
out the same article (see issue 16): running heads with the journal's name,
volume ("Cilt"), issue ("Sayı") and year, or the author and a short title,
with the page number on its own line, at the top or the bottom of the page,
alternating; footnote markers as superscript digits or note labels as bare
digits; legacy Turkish font damage; soft hyphens at line ends; a download
site's banner lines before the title; words split inside a line.

The page starts come from ingest's own layout stage on the clean text. The
journal name, volume, issue, year and DOI written into the variants are
synthetic test values (the DOI uses Crossref's test prefix 10.5555), not facts
about the articles.

    python benchmarks/make_layout_variants.py --out output/layouts
    python benchmarks/make_layout_variants.py --fixtures tests/layout_variants

(benchmarks/layouts.py makes them in memory; the files are for reading them.)
``--fixtures`` writes the committed test fixtures: each variant of an excerpt
(the first pages, :data:`FIXTURE_PAGES`) of each text, the clean excerpt it
was made from, a metadata file beside each, and PROVENANCE.md naming the
sources, their sha256 and the commit the generator ran at.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import tomllib
from pathlib import Path

from edition.ingest.layout import NOTE_START, PageBreak, analyse
from edition.ingest.lines import decode_raw

ROOT = Path(__file__).resolve().parents[1]
JOURNAL = "Kafkas Tarihi Araştırmaları Dergisi (deneme)"
CILT, SAYI, YEAR, DOI = "12", "3", "2019", "10.5555/edition.layouts.{id}"
SHORT = {"baku-katliami-1918": ("Elçin Neciyev", "Bakü Katliamı Gerçeği"),
         "kafkasya-sovyetlestirilmesi": ("Anonim", "Kafkasya’nın Sovyetleştirilmesi")}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
DAMAGE = str.maketrans({"ı": "ý", "ş": "þ", "ğ": "ð", "İ": "Ý", "Ş": "Þ", "Ğ": "Ð"})
BANNER = ["Bu makale dergipark.org.tr adresinden {date} tarihinde indirilmiştir.", "",
          "Atıf için: {journal}, Cilt {cilt}, Sayı {sayi}, {year}, s. {first}-{last}.",
          "DOI: {doi}", "", "Powered by TCPDF (www.tcpdf.org)", ""]


def page_starts(lines: list[str], path: str) -> list[int]:
    """0-based indexes of the lines that start pages 2.. in the clean text."""
    layout = analyse(decode_raw("\n".join(lines).encode(), path))
    starts = [u.line_no - 1 for u in layout.units if isinstance(u, PageBreak)]
    return [s for s in starts if s > 0]


def with_heads(lines: list[str], doc: str, at: str) -> list[str]:
    starts = set(page_starts(lines, doc))
    author, short = SHORT[doc]
    out: list[str] = []
    page = 101
    for i, line in enumerate(lines):
        if i in starts:
            page += 1
            head = (f"{JOURNAL}, Cilt {CILT}, Sayı {SAYI}, {YEAR}" if page % 2 else f"{author} / {short}")
            block = ["", head, "", str(page), ""] if at == "top" else ["", str(page - 1), "", head, ""]
            out.extend(block)
            line = line.lstrip()
        out.append(line)
    if at == "bottom":
        last_head = f"{JOURNAL}, Cilt {CILT}, Sayı {SAYI}, {YEAR}" if page % 2 else f"{author} / {short}"
        out.extend(["", str(page), "", last_head])
    return out


def superscript_markers(lines: list[str], bare_labels: bool) -> list[str]:
    out = []
    for line in lines:
        m = NOTE_START.match(line)
        if m and m.group(1).isdigit():
            label = m.group(1) if bare_labels else m.group(1).translate(SUPERSCRIPT)
            out.append(line[: m.start(1) - 1] + label + " " + m.group(2))
            continue
        if not bare_labels:
            line = re.sub(r"(?<=[^\W\d_]|[.,;:”’)])(\d{1,2})(?=\s|$)",
                          lambda k: k.group(1).translate(SUPERSCRIPT), line)
        out.append(line)
    return out


def soft_hyphens(lines: list[str]) -> list[str]:
    out = []
    for k, line in enumerate(lines):
        nxt = lines[k + 1].lstrip() if k + 1 < len(lines) else ""
        body = line.rstrip()
        if re.search(r"[a-zçğıöşü]-$", body) and nxt[:1].islower():
            line = body[:-1] + "\u00ad"
        out.append(line)
    return out


def split_words(lines: list[str], every: int = 40) -> list[str]:
    text = "\n".join(lines)
    counts: dict[str, int] = {}
    for w in re.findall(r"[^\W\d_]{7,}", text):
        counts[w] = counts.get(w, 0) + 1
    out, seen = [], 0
    for line in lines:
        def cut(m: re.Match) -> str:
            nonlocal seen
            word = m.group()
            if counts.get(word, 0) < 2:
                return word
            seen += 1
            return word[:3] + " " + word[3:] if seen % every == 0 else word
        out.append(re.sub(r"(?<![^\s])[^\W\d_]{7,}(?=[\s.,;])", cut, line))
    return out


def banner(lines: list[str], doc: str) -> list[str]:
    fill = dict(date="03.12.2026", journal=JOURNAL, cilt=CILT, sayi=SAYI, year=YEAR, first="101",
                last=str(101 + len(page_starts(lines, doc))), doi=DOI.format(id=doc))
    return [b.format(**fill) for b in BANNER] + lines


# Fixtures: the first pages of each text (tests/layout_variants/, about
# 400 KB in all): the title block, the abstracts, the first notes and, in the
# first text, page 5 with the three words the extractor split. Seven pages:
# on six or fewer, running heads at the page foot are not all recognised
# (a limit of ingest's layout stage, reported in issue 16's notes).
FIXTURE_PAGES = {"baku-katliami-1918": 7, "kafkasya-sovyetlestirilmesi": 7}
FIXTURE_VARIANT_NOTES = {
    "heads-top": "running heads (journal with volume, issue and year; author and short title, alternating) "
                 "and the printed page number (from 101) on their own lines at the top of each page",
    "heads-bottom": "the same running heads and page numbers at the foot of each page",
    "superscript-markers": "note markers and note labels as superscript digits",
    "bare-labels": "note labels as bare digits at the line start",
    "font-damage": "legacy Turkish font damage (ı→ý, ş→þ, ğ→ð, İ→Ý, Ş→Þ, Ğ→Ð)",
    "soft-hyphens": "soft hyphens (U+00AD) for the line-end hyphens inside words",
    "banner": "a download site's banner lines (with a citation line and a DOI) before the title",
    "split-words": "every 40th word of seven letters or more (of those written twice) split after its third letter",
}


def excerpt(lines: list[str], doc: str, pages: int) -> list[str]:
    """The lines of the first ``pages`` pages (and a final empty line, so the
    text ends with a newline)."""
    starts = page_starts(lines, doc)
    return lines[: starts[pages - 1]] + [""] if len(starts) >= pages else lines


def fixture_metadata(doc: str, variant: str | None, lines: int, pages: int, raw_toml: Path) -> str:
    """The metadata file of a fixture: what it is, and the source's own
    licence statement (the excerpt is the source's text)."""
    edition = tomllib.loads(raw_toml.read_text(encoding="utf-8")).get("edition", {})
    what = (f"Test fixture: pages 1-{pages} (raw lines 1-{lines}) of raw/{doc}.txt")
    if variant is not None:
        what += (f", laid out by benchmarks/make_layout_variants.py as variant '{variant}': "
                 f"{FIXTURE_VARIANT_NOTES[variant]}. Journal name, volume, issue, year and DOI are synthetic "
                 "test values, not facts about the article")
    q = json.dumps  # a TOML basic string is a JSON string
    out = ["# A test fixture made by benchmarks/make_layout_variants.py --fixtures; see PROVENANCE.md.",
           "[source]", f"description = {q(what + '.', ensure_ascii=False)}", 'languages = ["tr"]',
           'page_numbers = "from-running-head"' if variant in ("heads-top", "heads-bottom") else
           'page_numbers = "counted"', "", "[edition]"]
    for key in ("licence", "licence_target", "publisher"):
        if key in edition:
            out.append(f"{key} = {q(edition[key], ensure_ascii=False)}")
    return "\n".join(out) + "\n"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_fixtures(out: Path, commit: str) -> list[Path]:
    """The committed fixtures (see the module docstring); returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    table = []
    for doc, pages in FIXTURE_PAGES.items():
        raw = ROOT / "raw" / f"{doc}.txt"
        lines = excerpt(raw.read_text(encoding="utf-8").split("\n"), doc, pages)
        files = {f"{doc}.txt": ("\n".join(lines), None)}
        variants = {f"{doc}--{name}.txt": ("\n".join(make(lines, doc)), name) for name, make in VARIANTS.items()}
        # A variant that changes nothing in this text (no notes to relabel,
        # no line-end hyphen to soften) is not written: it is the clean excerpt.
        files.update({k: v for k, v in variants.items() if v[0] != files[f"{doc}.txt"][0]})
        for name, (text, variant) in files.items():
            target = out / name
            target.write_text(text, encoding="utf-8")
            target.with_suffix(".toml").write_text(
                fixture_metadata(doc, variant, len(lines) - 1, pages, raw.with_suffix(".toml")), encoding="utf-8")
            written += [target, target.with_suffix(".toml")]
            table.append(f"| `{name}` | {variant or 'clean excerpt'} | {len(text.encode())} | "
                         f"`{_sha256(text.encode())[:16]}` |")
        table.insert(len(table) - len(files),
                     f"\n**{doc}**: raw/{doc}.txt (sha256 `{_sha256(raw.read_bytes())}`), pages 1-{pages}, "
                     f"raw lines 1-{len(lines) - 1}.\n\n| file | variant | bytes | sha256 (16) |\n|---|---|---|---|")
    (out / "PROVENANCE.md").write_text(PROVENANCE.format(commit=commit, tables="\n".join(table)), encoding="utf-8")
    return written + [out / "PROVENANCE.md"]


PROVENANCE = """# Layout variants: test fixtures and their provenance

Raw texts laid out as other Turkish journals and extractors lay out the same
article (issue 16), read by `tests/test_ingest_layouts.py` and by
`benchmarks/layouts.py --data tests/layout_variants`. Each `<id>--<variant>.txt`
has its metadata in `<id>--<variant>.toml`, as `raw/<id>.txt` has; `<id>.txt`
is the clean excerpt every variant of it was made from.

Made by

    python benchmarks/make_layout_variants.py --fixtures tests/layout_variants

at commit `{commit}` of this repository, from our own texts: `raw/<id>.txt`,
byte for byte the seeds of the corpus (`../shared/seeds/000_8f8d694e24b87850.txt`
is `raw/baku-katliami-1918.txt`, `../shared/seeds/002_2ab4d34692172c0e.txt` is
`raw/kafkasya-sovyetlestirilmesi.txt`; sha256 below). Each fixture is an excerpt
(its first pages, where page starts are those ingest's layout stage finds in the
clean text) transformed by one function of `benchmarks/make_layout_variants.py`
(`VARIANTS`); nothing else was edited by hand. A variant that would change
nothing in a text (the second text has no notes to relabel and no line-end
hyphen to soften) is left out. The test
`test_fixtures_are_what_the_generator_makes` regenerates them and compares.

The journal name ("Kafkas Tarihi Araştırmaları Dergisi (deneme)"), volume,
issue, year and DOI (Crossref's test prefix 10.5555) written into the variants
are synthetic test values, not facts about the articles. The texts' rights are
as stated for `raw/<id>.txt` (each `.toml` repeats the statement): the
excerpts are shipped as test data in the same way as the raw texts.
{tables}
"""


VARIANTS = {
    "heads-top": lambda ls, d: with_heads(ls, d, "top"),
    "heads-bottom": lambda ls, d: with_heads(ls, d, "bottom"),
    "superscript-markers": lambda ls, d: superscript_markers(ls, bare_labels=False),
    "bare-labels": lambda ls, d: superscript_markers(ls, bare_labels=True),
    "font-damage": lambda ls, d: [line.translate(DAMAGE) for line in ls],
    "soft-hyphens": lambda ls, d: soft_hyphens(ls),
    "banner": banner,
    "split-words": lambda ls, d: split_words(ls),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "layouts")
    parser.add_argument("--fixtures", type=Path, help="write the committed test fixtures here")
    args = parser.parse_args()
    if args.fixtures:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
        for path in write_fixtures(args.fixtures, commit):
            print(path)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    for raw in sorted((ROOT / "raw").glob("*.txt")):
        lines = raw.read_text(encoding="utf-8").split("\n")
        for name, make in VARIANTS.items():
            target = args.out / f"{raw.stem}--{name}.txt"
            target.write_text("\n".join(make(lines, raw.stem)), encoding="utf-8")
            print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
