"""Facts from the page: a download site's banner, and the article's bibliographic facts.

Articles downloaded from a journal platform start with the site's lines before
the title ("Bu makale dergipark.org.tr adresinden … indirilmiştir", a citation
line, "DOI: …", "Powered by …"). :func:`split_banner` takes them off the text
(the header keeps them verbatim, so nothing is lost). :func:`page_facts` reads
the journal, volume ("Cilt"), issue ("Sayı"), year, page range and DOI that
the banner, the running heads or the first lines of the article print; only
what is printed is taken, each fact with the line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line

# A line of a download site or platform, never of an article's title block.
BANNER_LINE = re.compile(
    r"indiril(?:miş|mis)tir|indirildi|dergipark|powered by|^\s*doi\s*:|doi\.org/|https?://|www\.|"
    r"atıf için|to cite this article|^\s*citation\s*:|\be-?issn\b|\bissn\b",
    re.IGNORECASE,
)
# The banner is looked for among the first lines only: further down the same
# words are the article's own (a URL in a note).
BANNER_WINDOW = 12
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
VOLUME = re.compile(r"\b(?:Cilt|Vol\.?|Volume)\s*:?\s*(\d{1,4})\b")
ISSUE = re.compile(r"\b(?:Sayı|Issue|No\.?)\s*:?\s*(\d{1,4})\b")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
PAGES = re.compile(r"\b(?:ss?\.|pp?\.)\s*(\d{1,5})\s*[-–]\s*(\d{1,5})\b")
CITATION_LABEL = re.compile(r"^\s*(?:atıf için|to cite this article|citation)\s*:\s*", re.IGNORECASE)
# How many lines of the article's start may print its facts (title block).
FIRST_PAGE_WINDOW = 15


def split_banner(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(banner lines, the rest): the banner is the run of download-site lines
    (blank lines between them allowed) that opens the text."""
    banner: list[Line] = []
    seen = 0
    for k, line in enumerate(lines):
        if line.blank:
            continue
        seen += 1
        if seen > BANNER_WINDOW or not BANNER_LINE.search(line.text):
            return banner, lines[k:]
        banner.append(line)
    return banner, []


@dataclass
class PageFacts:
    """Bibliographic facts printed in the text, each with its source line."""

    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    year: str | None = None
    first_page: str | None = None
    last_page: str | None = None
    doi: str | None = None
    sources: dict[str, str] = field(default_factory=dict)  # fact -> where it was read

    @property
    def found(self) -> bool:
        return any((self.journal, self.volume, self.issue, self.doi))

    def take(self, found: dict[str, str], where: str) -> None:
        """Facts read at ``where``, each kept unless an earlier source gave it."""
        for name, value in found.items():
            if value and getattr(self, name) is None:
                setattr(self, name, value)
                self.sources[name] = where


def _journal_before(text: str, match: re.Match[str]) -> str | None:
    """The journal's name: the last comma-separated part before "Cilt"/"Vol"."""
    before = CITATION_LABEL.sub("", text[: match.start()]).strip(" ,;:-–|/")
    name = before.rsplit(",", 1)[-1].strip(" ,;:-–|/")
    return name if len(name) >= 4 and any(ch.isalpha() for ch in name) else None


def doi_fact(text: str) -> dict[str, str]:
    """The DOI printed in a line, without the punctuation after it."""
    doi = DOI.search(text)
    return {"doi": doi.group(1).rstrip(".,;)")} if doi else {}


def citation_facts(text: str) -> dict[str, str]:
    """Volume, issue, and with them the year and the journal's name, from a
    line that prints a volume ("Cilt", "Vol.") or an issue ("Sayı", "No.")."""
    volume, issue = VOLUME.search(text), ISSUE.search(text)
    marker = volume or issue
    if marker is None:
        return {}
    year = YEAR.search(text)
    found = {"volume": volume.group(1) if volume else None, "issue": issue.group(1) if issue else None,
             "year": year.group(1) if year else None, "journal": _journal_before(text, marker)}
    return {name: value for name, value in found.items() if value}


def page_range_fact(text: str) -> dict[str, str]:
    """First and last page of an "s. 12-34" / "pp. 12–34" range (in order)."""
    pages = PAGES.search(text)
    if pages is None or int(pages.group(1)) > int(pages.group(2)):
        return {}
    return {"first_page": pages.group(1), "last_page": pages.group(2)}


def line_facts(text: str, page_range: bool) -> dict[str, str]:
    """The facts one line prints. A page range counts only where ``page_range``
    allows it (a banner line), or beside a volume or issue: elsewhere "s. 5-9"
    is a reference's page range, not the article's."""
    found = {**doi_fact(text), **citation_facts(text)}
    if page_range or "volume" in found or "issue" in found:
        found.update(page_range_fact(text))
    return found


def page_facts(banner: list[Line], running_heads: list[str], first_lines: list[Line]) -> PageFacts:
    """Facts from the banner, then the running heads, then the article's first
    lines (a fact from an earlier source wins). A running head's page range is
    not read: its numbers are the page's own."""
    facts = PageFacts()
    for line in banner:
        facts.take(line_facts(line.text, page_range=True), f"line {line.no}")
    for head in running_heads:
        facts.take({**doi_fact(head), **citation_facts(head)}, "running head")
    for line in first_lines[:FIRST_PAGE_WINDOW]:
        facts.take(line_facts(line.text, page_range=False), f"line {line.no}")
    return facts
