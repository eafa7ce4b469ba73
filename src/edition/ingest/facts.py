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


def _journal_before(text: str, match: re.Match) -> str | None:
    """The journal's name: the last comma-separated part before "Cilt"/"Vol"."""
    before = CITATION_LABEL.sub("", text[: match.start()]).strip(" ,;:-–|/")
    name = before.rsplit(",", 1)[-1].strip(" ,;:-–|/")
    return name if len(name) >= 4 and any(ch.isalpha() for ch in name) else None


def page_facts(banner: list[Line], running_heads: list[str], first_lines: list[Line]) -> PageFacts:
    """Facts from the banner, then the running heads, then the article's first lines."""
    facts = PageFacts()
    sources = ([(l.text, f"line {l.no}") for l in banner] + [(h, "running head") for h in running_heads]
               + [(l.text, f"line {l.no}") for l in first_lines[:FIRST_PAGE_WINDOW]])
    for text, where in sources:
        def take(name: str, value: str | None) -> None:
            if value and getattr(facts, name) is None:
                setattr(facts, name, value)
                facts.sources[name] = where
        doi = DOI.search(text)
        take("doi", doi.group(1).rstrip(".,;)") if doi else None)
        volume = VOLUME.search(text)
        issue = ISSUE.search(text)
        if volume or issue:
            take("volume", volume.group(1) if volume else None)
            take("issue", issue.group(1) if issue else None)
            year = YEAR.search(text)
            take("year", year.group(1) if year else None)
            take("journal", _journal_before(text, volume or issue))  # type: ignore[arg-type]
        if where != "running head":
            pages = PAGES.search(text)
            if pages and int(pages.group(1)) <= int(pages.group(2)) and (volume or issue or where in banner_lines(banner)):
                take("first_page", pages.group(1))
                take("last_page", pages.group(2))
    return facts


def banner_lines(banner: list[Line]) -> set[str]:
    return {f"line {l.no}" for l in banner}
