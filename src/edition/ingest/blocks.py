"""Block stage: layout units to the TEI skeleton (front, body, back).

Blocks are runs of lines between blank lines. Each is classified as a known
heading (Özet, ABSTRACT, Giriş, Sonuç, Kaynakça …), a keyword line, a
numbered heading (only if its number continues the section numbering: "6.1."
after "6."), a numbered list item (any other "1. …"), an unnumbered heading
(a short title-case line on its own), or a paragraph. A paragraph that was
cut by a blank line (a column break) in the middle of a sentence is joined
again. The front matter (title, authors, abstracts, keywords), the body
sections and the back matter (extended abstract, bibliography) are then built
with every text block kept as a :class:`~edition.ingest.flow.Flow`, filled in
later by the inline stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..tei import TEI, XML_LANG, el, sub
from ..turkish import ascii_letters, ends_sentence
from ..turkish import lower as turkish_lower
from .flow import OBJECT_CHARS, Fill, Flow, Objects
from .hyphenation import Lexicon
from .layout import BlankUnit, NoteBlock, PageBreak, TextUnit, Unit
from .lines import Line

KNOWN_HEADS: dict[str, tuple[str, str | None]] = {
    # normalised heading -> (role, language)
    "özet": ("abstract", "tr"),
    "öz": ("abstract", "tr"),
    "abstract": ("abstract", "en"),
    "summary": ("abstract", "en"),
    "résumé": ("abstract", "fr"),
    "extended abstract": ("extended", "en"),
    # Russian, the third language of trilingual abstracts in Turkish journals.
    "аннотация": ("abstract", "ru"),
    "резюме": ("abstract", "ru"),
    "реферат": ("abstract", "ru"),
    "введение": ("body", "ru"),
    "заключение": ("body", "ru"),
    "литература": ("bibliography", "ru"),
    "список литературы": ("bibliography", "ru"),
    "genişletilmiş özet": ("extended", "tr"),
    "giriş": ("body", None),
    "sonuç": ("body", None),
    "sonuçlar": ("body", None),
    "sonuç ve değerlendirme": ("body", None),
    "değerlendirme ve sonuç": ("body", None),
    "genel değerlendirme": ("body", None),
    "sonuç yerine": ("body", None),
    "introduction": ("body", "en"),
    "conclusion": ("body", "en"),
    "conclusions": ("body", "en"),
    "kaynakça": ("bibliography", None),
    "kaynaklar": ("bibliography", None),
    "references": ("bibliography", "en"),
    "bibliography": ("bibliography", "en"),
    "ekler": ("appendix", None),
    "teşekkür": ("acknowledgement", None),
    "acknowledgements": ("acknowledgement", "en"),
}
KEYWORDS = re.compile(
    r"^(?P<label>(?:Anahtar\s+(?:Kelime(?:ler)?|Sözcük(?:ler)?)|Key\s*-?\s*words?|Keywords|Ключевые\s+слова))\s*[:：]\s*",
    re.IGNORECASE,
)
NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?P<rest>\S.*)$")
ITEM = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?P<rest>\S.*)$")
FUNCTION_WORDS = {
    "ve", "ile", "ya", "da", "de", "veya", "için", "bir", "of", "the", "and", "in", "on", "a",
    "an", "to", "for", "ı", "i", "ii", "iii", "bağlamında", "üzerine", "hakkında", "göre",
}
ENGLISH = {"the", "and", "of", "to", "in", "is", "was", "that", "with", "by", "for", "as", "its", "were", "this"}
TURKISH = {"ve", "bir", "bu", "ile", "için", "da", "de", "olarak", "olan", "daha", "gibi", "çok", "ise", "ki"}


def norm_head(text: str) -> str:
    t = turkish_lower(" ".join(text.split()).strip(" :."))
    return t


def known_head(text: str) -> tuple[str, str | None] | None:
    return KNOWN_HEADS.get(norm_head(text))


def terminal(text: str) -> bool:
    """Does this text (page-break characters aside) end a sentence?"""
    return ends_sentence(OBJECT_CHARS.sub("", text))


def language_of(text: str) -> str | None:
    """'ru' by its Cyrillic letters, 'en' or 'tr' by function words, None when
    too short to tell."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 8:
        return None
    letters = "".join(words)
    if sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff") > 0.8 * len(letters):
        return "ru"
    en = sum(w in ENGLISH for w in words)
    tr = sum(w in TURKISH for w in words)
    if en > 2 * tr and en >= 3:
        return "en"
    if tr > 2 * en and tr >= 3:
        return "tr"
    return None


# Languages a section is tagged with when its words say so (the main language
# is the document's; other languages of abstracts come from their headings).
GUESSED_SECTION_LANGUAGES = ("en", "ru")


def tag_section_languages(text: etree._Element, main_lang: str) -> set[str]:
    """Tag each untagged div written in English or Russian with its language;
    return the languages of all divs."""
    languages: set[str] = set()
    for div in text.iter(TEI + "div"):
        lang = div.get(XML_LANG)
        if lang is None:
            guess = language_of("".join(div.itertext()))
            if guess and guess != main_lang and guess in GUESSED_SECTION_LANGUAGES:
                div.set(XML_LANG, guess)
                lang = guess
        if lang:
            languages.add(lang)
    return languages


@dataclass(frozen=True)
class BlockItem:
    """One layout unit of a block (a text line, a page break, a note block)
    and its index among the layout's units (a flow's ``origins``)."""

    unit: TextUnit | PageBreak | NoteBlock
    index: int


@dataclass
class RawBlock:
    items: list[BlockItem] = field(default_factory=list)
    kind: str = "para"
    role: str | None = None
    lang: str | None = None
    number: str | None = None
    blank_before: bool = True

    @property
    def lines(self) -> list[Line]:
        return [item.unit.line for item in self.items if isinstance(item.unit, TextUnit)]

    # split_blocks asks these once per raw line: each stops at the first line
    # it finds instead of listing them all (which made ingest quadratic).
    def has_lines(self) -> bool:
        return any(isinstance(item.unit, TextUnit) for item in self.items)

    def first_line(self) -> Line | None:
        return next((item.unit.line for item in self.items if isinstance(item.unit, TextUnit)), None)

    def last_line(self) -> Line | None:
        return next((item.unit.line for item in reversed(self.items) if isinstance(item.unit, TextUnit)), None)

    @property
    def text(self) -> str:
        return " ".join(line.stripped for line in self.lines)

    @property
    def first(self) -> str:
        lines = self.lines
        return lines[0].stripped if lines else ""


def split_blocks(units: list[Unit]) -> list[RawBlock]:
    """Cut the layout units into blocks: runs of text lines between blank
    lines, with the page breaks and note blocks printed among them."""
    return BlockSplitter().split(units)


class BlockSplitter:
    """Reads the units one at a time into the block being built
    (:attr:`current`); a blank line, a known heading, a keyword line or the
    next list item closes it."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.current = RawBlock()
        self.saw_blank = True

    def split(self, units: list[Unit]) -> list[RawBlock]:
        for index, unit in enumerate(units):
            if isinstance(unit, BlankUnit):
                self.close()
                self.saw_blank = True
            elif isinstance(unit, TextUnit):
                self.text_line(unit, index)
            else:
                self.current.items.append(BlockItem(unit, index))
        self.close()
        self.attach_trailing_units()
        return self.blocks

    def close(self) -> None:
        if self.current.has_lines():
            self.blocks.append(self.current)
            self.current = RawBlock(items=[], blank_before=False)
        # A block with only page breaks or notes so far stays open.

    def text_line(self, unit: TextUnit, index: int) -> None:
        text = unit.line.stripped
        if self.current.has_lines() and self.starts_new_block(text):
            # Page breaks/notes right before the new block move with it.
            carry: list[BlockItem] = []
            while self.current.items and not isinstance(self.current.items[-1].unit, TextUnit):
                carry.insert(0, self.current.items.pop())
            self.close()
            self.current.items.extend(carry)
        if not self.current.has_lines():
            self.current.blank_before = self.saw_blank
        self.current.items.append(BlockItem(unit, index))
        self.saw_blank = False
        if known_head(text):
            self.close()

    def starts_new_block(self, text: str) -> bool:
        """Does this line (after a line of the current block) start a new block?"""
        if known_head(text) or KEYWORDS.match(text):
            return True
        first, last = self.current.first_line(), self.current.last_line()
        current_item = ITEM.match(first.stripped) if first is not None else None
        if current_item is None:
            return False
        item = ITEM.match(text)
        if item and int(item.group("num")) == int(current_item.group("num")) + 1:
            return True
        after_pb = bool(self.current.items) and isinstance(self.current.items[-1].unit, PageBreak)
        # A list item does not run over a page into a capitalised paragraph.
        return after_pb and text[:1].isupper() and last is not None and not last.stripped.endswith("-")

    def attach_trailing_units(self) -> None:
        if self.current.items and not self.current.has_lines():
            # A trailing note block (or page break) belongs to the last block.
            if self.blocks:
                self.blocks[-1].items.extend(self.current.items)
            else:
                self.blocks.append(self.current)


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\s]+", OBJECT_CHARS.sub("", text))]
    content = [w for w in words if w.strip("()-–:,.").lower() not in FUNCTION_WORDS and re.search(r"[^\W\d_]", w)]
    if not content:
        return False
    caps = sum(1 for w in content if w.strip("(“\"'-–")[:1].isupper() or w[:1].isdigit())
    return caps / len(content) >= 0.75


class SectionNumbers:
    """Accepts a heading number only if it continues the numbering so far."""

    def __init__(self) -> None:
        self.current: list[int] = []

    def fits(self, number: str) -> bool:
        parts = [int(p) for p in number.split(".")]
        if not self.current:
            return parts in ([1], [0]) or (len(parts) == 1 and parts[0] <= 2)
        # Next sibling at some level, or first child of the current section.
        if parts == self.current + [1]:
            return True
        for depth in range(len(self.current), 0, -1):
            if parts == self.current[: depth - 1] + [self.current[depth - 1] + 1]:
                return True
        return False

    def take(self, number: str) -> None:
        self.current = [int(p) for p in number.split(".")]


def classify(blocks: list[RawBlock]) -> None:
    """Set each block's kind (head, keywords, item, para), role, language and number."""
    classifier = BlockClassifier()
    for i, block in enumerate(blocks):
        classifier.classify(block, blocks[i - 1] if i > 0 else None, blocks[i + 1] if i + 1 < len(blocks) else None)


class BlockClassifier:
    """The rules that class a block, tried in order; the first that fits
    decides, and a block no rule fits is a paragraph."""

    def __init__(self) -> None:
        self.numbers = SectionNumbers()
        self.seen_head = False
        self.rules = (self.known_heading, self.keyword_line, self.numbered_heading, self.list_item,
                      self.unnumbered_heading)

    def classify(self, block: RawBlock, prev: RawBlock | None, nxt: RawBlock | None) -> None:
        if not any(rule(block, prev, nxt) for rule in self.rules):
            block.kind = "para"

    def known_heading(self, block: RawBlock, prev: RawBlock | None, nxt: RawBlock | None) -> bool:
        """Özet, Abstract, Giriş, Kaynakça … alone on a line (KNOWN_HEADS)."""
        known = known_head(block.first)
        if not known or len(block.lines) != 1:
            return False
        block.kind, (block.role, block.lang) = "head", known
        self.seen_head = True
        return True

    def keyword_line(self, block: RawBlock, prev: RawBlock | None, nxt: RawBlock | None) -> bool:
        if not KEYWORDS.match(block.first):
            return False
        block.kind = "keywords"
        return True

    def numbered_heading(self, block: RawBlock, prev: RawBlock | None, nxt: RawBlock | None) -> bool:
        """A short "6.1. Title" whose number continues the section numbering."""
        numbered = NUMBERED.match(block.first)
        text = block.text
        short = len(block.lines) <= 4 and len(text) <= 200
        if not (numbered and short and not terminal(text.rstrip(" ,")) and not text.rstrip().endswith(",")
                and self.numbers.fits(numbered.group("num"))):
            return False
        rest = numbered.group("rest")
        if not (rest[:1].isupper() or rest[:1].isdigit()) or " 2. " in text:
            return False
        block.kind, block.role, block.number = "head", "body", numbered.group("num")
        self.numbers.take(numbered.group("num"))
        self.seen_head = True
        return True

    def list_item(self, block: RawBlock, prev: RawBlock | None, nxt: RawBlock | None) -> bool:
        item = ITEM.match(block.first)
        if not item:
            return False
        block.kind, block.number = "item", item.group("num")
        return True

    def unnumbered_heading(self, block: RawBlock, prev: RawBlock | None, nxt: RawBlock | None) -> bool:
        """Short, title case, alone, after a finished paragraph and followed by text."""
        text = block.text
        fits = (
            self.seen_head
            and len(block.lines) <= 2
            and len(text.split()) <= 14
            and not terminal(text)
            and text[:1].isupper()
            and _title_case(text)
            and nxt is not None
            and not known_head(nxt.first)
            and not KEYWORDS.match(nxt.first)
            and (prev is None or prev.kind != "para" or terminal(prev.text))
        )
        if fits:
            block.kind, block.role = "head", "body"
        return bool(fits)


def merge_broken_paragraphs(blocks: list[RawBlock]) -> list[RawBlock]:
    """Join a paragraph cut by a column break (blank line) mid-sentence."""
    out: list[RawBlock] = []
    seen_head = False
    for block in blocks:
        seen_head = seen_head or block.kind == "head"
        if seen_head and out and block.kind == "para" and out[-1].kind in ("para", "item"):
            prev = out[-1]
            last = prev.lines[-1].stripped if prev.lines else ""
            first = block.first
            hyphen = bool(re.search(r"[^\W_]-$", last))
            if prev.kind == "item":
                # A list item only continues into a lower-case line or a split word.
                joins = hyphen or (first[:1].islower() and not terminal(last))
            else:
                joins = hyphen or (not terminal(last) and not last.endswith(",")) or (
                    first[:1].islower() and not terminal(last)
                )
            if last and first and joins:
                prev.items.extend(block.items)
                continue
        out.append(block)
    return out


# Back-matter heading roles (KNOWN_HEADS) -> the div's @type.
BACK_SECTION_TYPES = {"extended": "abstract", "bibliography": "bibliography", "appendix": "appendix",
                      "acknowledgement": "acknowledgment"}


class Builder:
    """Turns classified blocks into front/body/back with pending fills."""

    def __init__(self, doc_id: str, lexicon: Lexicon, main_lang: str) -> None:
        self.doc_id = doc_id
        self.lexicon = lexicon
        self.objects = Objects()
        self.main_lang = main_lang
        self.text = el("text")
        self.front = el("front")
        self.body = el("body")
        self.back = el("back")
        self.fills: list[Fill] = []
        self.zone = "title"
        self.container: etree._Element | None = None  # current div
        self.sections: list[tuple[int, etree._Element]] = []  # (depth, div)
        self.pending_en_title: list[RawBlock] = []
        self.titles: list[str] = []
        self.subtitle: str | None = None
        self.authors: list[str] = []
        self.keywords: dict[str, list[str]] = {}
        self.english_title: str | None = None
        self.languages: set[str] = {main_lang}
        self.section_ids: set[str] = set()
        self.title_index = 0  # 0: the title comes next, 1: the author line, 2: neither

    # -- flows -------------------------------------------------------------
    def flow_of(self, block: RawBlock, lines: list[Line] | None = None) -> Flow:
        flow = Flow(self.objects, self.lexicon)
        for item in block.items:
            unit = item.unit
            if isinstance(unit, TextUnit) and (lines is None or unit.line in lines):
                flow.add_line(unit.line, item.index)
            elif isinstance(unit, PageBreak):
                pb = el("pb", n=unit.n, xml_id=f"{self.doc_id}-p{unit.n}")
                flow.add_page_break(pb, item.index)
        rest = flow.flush_pending()
        if rest:
            flow.append_objects(rest, block.items[-1].index)
        return flow

    def leading_pbs(self, flow: Flow) -> tuple[list[etree._Element], Flow]:
        """Page breaks at the very start of a block go before its element."""
        pbs = []
        i = 0
        while i < len(flow.text) and OBJECT_CHARS.match(flow.text[i]):
            element = self.objects.get(flow.text[i])
            if isinstance(element, str) or etree.QName(element).localname != "pb" or element.get("break") == "no":
                break
            pbs.append(element)
            i += 1
        return pbs, (flow.slice(i) if i else flow)

    def add(self, parent: etree._Element, tag: str, flow: Flow, kind: str, **attrs: str) -> etree._Element:
        pbs, flow = self.leading_pbs(flow)
        for pb in pbs:
            parent.append(pb)
        element = sub(parent, tag, **attrs)
        self.fills.append(Fill(element, flow, kind))
        return element

    # -- zones ---------------------------------------------------------------
    def section_id(self, base: str) -> str:
        ident = f"{self.doc_id}-s{base}"
        k = 2
        while ident in self.section_ids:
            ident = f"{self.doc_id}-s{base}-{k}"
            k += 1
        self.section_ids.add(ident)
        return ident

    def open_section(self, block: RawBlock, depth: int, parent_root: etree._Element, **attrs: str) -> etree._Element:
        while self.sections and self.sections[-1][0] >= depth:
            self.sections.pop()
        parent = self.sections[-1][1] if self.sections else parent_root
        slug = block.number or re.sub(r"[^a-z0-9]+", "-", ascii_letters(norm_head(block.text)))[:30].strip("-") or "x"
        div = el("div", xml_id=self.section_id(slug), **attrs)
        flow = self.flow_of(block)
        pbs, flow = self.leading_pbs(flow)
        for pb in pbs:
            div.append(pb)
        parent.append(div)
        head = sub(div, "head")
        self.fills.append(Fill(head, flow, "head"))
        self.sections.append((depth, div))
        self.container = div
        return div

    def current(self) -> etree._Element:
        if self.container is None:
            if self.zone == "back":
                self.container = sub(self.back, "div", type="section")
            else:
                self.zone = "body"
                self.container = sub(self.body, "div", type="section", xml_id=self.section_id("0"))
                self.sections = [(1, self.container)]
        return self.container

    def paragraph(self, block: RawBlock) -> None:
        parent = self.current()
        if parent.get("type") == "bibliography":
            lst = parent.find("{*}listBibl")
            if lst is None:
                lst = sub(parent, "listBibl")
            self.add(lst, "bibl", self.flow_of(block), "bibl-entry")
            return
        self.add(parent, "p", self.flow_of(block), "p")

    def item(self, block: RawBlock) -> None:
        parent = self.current()
        flow = self.flow_of(block)
        pbs, flow = self.leading_pbs(flow)
        last = parent[-1] if len(parent) else None
        number = int(block.number or "1")
        if last is not None and etree.QName(last).localname == "list" and last.get("type") == "ordered" and not pbs:
            lst = last
        elif last is not None and etree.QName(last).localname == "list" and pbs and number > 1:
            lst = last
        else:
            for pb in pbs:
                parent.append(pb)
            pbs = []
            lst = sub(parent, "list", type="ordered")
        for pb in pbs:
            lst.append(pb)
        # "1. A, 2. B" in one block: split at the next numbers.
        pieces = []
        pos = 0
        expected = number + 1
        text = flow.text
        for m in re.finditer(r"(?<=\s)(\d{1,2})\.\s+(?=[^\W\d_])", text):
            if int(m.group(1)) == expected:
                pieces.append((pos, m.start()))
                pos = m.start()
                expected += 1
        pieces.append((pos, len(text)))
        for start, end in pieces:
            part = flow.slice(start, end).strip()
            label_match = re.match(r"(\d{1,2})[.)]", part.text)
            if label_match:
                label = sub(lst, "label")
                self.fills.append(Fill(label, part.slice(0, label_match.end()), "label"))
                part = part.slice(label_match.end()).strip()
            item = sub(lst, "item")
            self.fills.append(Fill(item, part, "item"))

    def keywords_block(self, block: RawBlock) -> None:
        flow = self.flow_of(block)
        m = KEYWORDS.match(OBJECT_CHARS.sub("", flow.text))
        label = m.group("label").lower() if m else ""
        lang = "en" if label.startswith("key") else "ru" if label.startswith("ключ") else "tr"
        parent = self.container if self.container is not None else self.current()
        pbs, flow = self.leading_pbs(flow)
        for pb in pbs:
            parent.append(pb)
        lst = sub(parent, "list", type="keywords")
        if parent.get(XML_LANG) != lang:
            lst.set(XML_LANG, lang)
        text = flow.text
        label_end = KEYWORDS.match(text)
        cut = label_end.end() if label_end else 0
        head = sub(lst, "head")
        self.fills.append(Fill(head, flow.slice(0, cut).strip(), "keyword-head"))
        words: list[str] = []
        body = text[cut:]
        parts = re.split(r"([,;])", body)
        offset = cut
        for piece in parts:
            if piece in (",", ";"):
                offset += len(piece)
                continue
            core = piece.strip().rstrip(".")
            if core:
                start = offset + piece.index(core[0]) if core else offset
                item = sub(lst, "item")
                part = flow.slice(start, start + len(core))
                self.fills.append(Fill(item, part, "keyword"))
                words.append(self.objects.plain(core))
            offset += len(piece)
        self.keywords.setdefault(lang, []).extend(words)

    def title_block(self, block: RawBlock, index: int) -> None:
        lines = block.lines
        if index == 0:
            main = [line for line in lines if not line.stripped.startswith("(")]
            subtitle = [line for line in lines if line.stripped.startswith("(")]
            doc_title = sub(self.front, "docTitle")
            flow = self.flow_of(block, main)
            pbs, flow = self.leading_pbs(flow)
            for pb in pbs:
                self.front.insert(0, pb)
            tp = sub(doc_title, "titlePart", type="main")
            self.fills.append(Fill(tp, flow, "title"))
            self.titles.append(self.objects.plain(flow.text).strip())
            if subtitle:
                sflow = Flow(self.objects, self.lexicon)
                for item in block.items:
                    if isinstance(item.unit, TextUnit) and item.unit.line in subtitle:
                        sflow.add_line(item.unit.line, item.index)
                st = sub(doc_title, "titlePart", type="sub")
                self.fills.append(Fill(st, sflow, "title"))
                self.subtitle = self.objects.plain(sflow.text).strip()
        else:
            flow = self.flow_of(block)
            pbs, flow = self.leading_pbs(flow)
            for pb in pbs:
                self.front.append(pb)
            author = sub(self.front, "docAuthor")
            self.fills.append(Fill(author, flow, "author"))
            names = re.split(r"\s*(?:,|;|&|\bve\b|\band\b)\s*", self.objects.plain(flow.text))
            self.authors.extend(n.strip(" *0123456789") for n in names if n.strip(" *0123456789"))

    # -- the build -------------------------------------------------------------
    def build(self, blocks: list[RawBlock]) -> None:
        """Place every block, in order, then put front, body and back together."""
        for i, block in enumerate(blocks):
            self.place(block, has_next=i + 1 < len(blocks))
        self.finish()

    def place(self, block: RawBlock, has_next: bool) -> None:
        """Put one block where its kind and the current zone say."""
        if block.kind == "head":
            if block.role == "abstract":
                self.abstract(block)
            elif block.role in BACK_SECTION_TYPES:
                self.back_section(block)
            else:
                self.section(block)
        elif block.kind == "keywords":
            self.keywords_block(block)
        elif self.zone == "title" and self.title_or_author(block, has_next):
            pass
        elif self.zone == "front" and block.kind == "para" and _all_caps(block.text):
            # An English title printed in capitals before the English abstract.
            self.pending_en_title.append(block)
        elif block.kind == "item":
            self.item(block)
        else:
            self.paragraph(block)

    def abstract(self, block: RawBlock) -> None:
        self.zone = "front"
        lang = block.lang or self.main_lang
        self.languages.add(lang)
        div = sub(self.front, "div", type="abstract")
        div.set(XML_LANG, lang)
        pbs, flow = self.leading_pbs(self.flow_of(block))
        for pb in pbs:
            div.append(pb)
        if lang != self.main_lang and self.pending_en_title:
            for tblock in self.pending_en_title:
                self.add(div, "head", self.flow_of(tblock), "head", type="title")
                self.english_title = " ".join(line.stripped for line in tblock.lines)
            self.pending_en_title = []
        self.fills.append(Fill(sub(div, "head"), flow, "head"))
        self.container = div

    def back_section(self, block: RawBlock) -> None:
        """Extended abstract, bibliography, appendix, acknowledgement: the back."""
        self.zone = "back"
        self.sections = []
        role = block.role or ""
        attrs = {"type": BACK_SECTION_TYPES[role]}
        if role == "extended":
            attrs["subtype"] = "extended"
        div = self.open_section(block, 1, self.back, **attrs)
        if block.lang:
            div.set(XML_LANG, block.lang)
            self.languages.add(block.lang)

    def section(self, block: RawBlock) -> None:
        """A heading of the body (or of the back, once there), nested by its number."""
        self.zone = "body" if self.zone != "back" else "back"
        depth = len(block.number.split(".")) if block.number else 1
        root = self.body if self.zone == "body" else self.back
        attrs = {"type": "section"}
        if block.number:
            attrs["n"] = block.number
        div = self.open_section(block, depth, root, **attrs)
        if block.lang and block.lang != self.main_lang:
            div.set(XML_LANG, block.lang)
            self.languages.add(block.lang)

    def title_or_author(self, block: RawBlock, has_next: bool) -> bool:
        """In the title zone: the title (first block), then the author line;
        any other block ends the zone (False: place it as text)."""
        looks_title = (len(block.lines) <= 3 and not terminal(block.lines[0].stripped)
                       and len(block.text) < 250)
        if looks_title and self.title_index < 2 and has_next:
            if self.title_index == 1 and not _looks_like_author(block.text):
                self.title_index = 2
            else:
                self.title_block(block, self.title_index)
                self.title_index += 1
                return True
        self.zone = "body"
        return False

    def finish(self) -> None:
        for tblock in self.pending_en_title:
            self.paragraph(tblock)
        for part in (self.front, self.body, self.back):
            if len(part):
                self.text.append(part)
        if not len(self.body):
            # TEI needs a body: a text that is all front matter still gets one.
            sub(self.body, "div", type="section")
            sub(self.body[0], "p")
            self.text.insert(1 if len(self.front) else 0, self.body)


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _looks_like_author(text: str) -> bool:
    plain = OBJECT_CHARS.sub("", text).strip()
    words = plain.replace("*", " ").split()
    if not 1 <= len(words) <= 12:
        return False
    return all(w[:1].isupper() or w in ("ve", "and", "&", ",") or w.strip(",;*0123456789") == "" for w in words)
