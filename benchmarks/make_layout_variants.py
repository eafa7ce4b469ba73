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

(benchmarks/layouts.py makes them in memory; the files are for reading them.)
"""

from __future__ import annotations

import argparse
import re
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
        out.extend(["", str(page), "", f"{JOURNAL}, Cilt {CILT}, Sayı {SAYI}, {YEAR}" if page % 2 else f"{author} / {short}"])
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
            line = re.sub(r"(?<=[^\W\d_]|[.,;:”’)])(\d{1,2})(?=\s|$)", lambda k: k.group(1).translate(SUPERSCRIPT), line)
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


VARIANTS = {
    "heads-top": lambda ls, d: with_heads(ls, d, "top"),
    "heads-bottom": lambda ls, d: with_heads(ls, d, "bottom"),
    "superscript-markers": lambda ls, d: superscript_markers(ls, bare_labels=False),
    "bare-labels": lambda ls, d: superscript_markers(ls, bare_labels=True),
    "font-damage": lambda ls, d: [l.translate(DAMAGE) for l in ls],
    "soft-hyphens": lambda ls, d: soft_hyphens(ls),
    "banner": banner,
    "split-words": lambda ls, d: split_words(ls),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "layouts")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for raw in sorted((ROOT / "raw").glob("*.txt")):
        lines = raw.read_text(encoding="utf-8").split("\n")
        for name, make in VARIANTS.items():
            target = args.out / f"{raw.stem}--{name}.txt"
            target.write_text("\n".join(make(lines, raw.stem)), encoding="utf-8")
            print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
