"""Is this TEI P5, and is its text Turkish? Annotate works on nothing else.

The annotator's rules (suffixes, honorifics, month names, the gazetteer's
Turkish exonyms) are for Turkish. On English or German text they tag the
pronoun "Ihren" as a town and every "Franklin" as a place, so a document or
passage in another language is left alone, with a warning, unless the editor
says otherwise (``--lang tr``).

The language of a document is, in this order: what it declares (``xml:lang``
on ``TEI`` or ``text``, else the main ``langUsage/language``), what the
project says its texts are in (``AnnotateOptions.default_language``, e.g.
from the config's ``languages``), else a cheap guess from the text: Turkish
function words and letters against English, German and French function
words. A passage (any element) with its own ``xml:lang`` in another language
is skipped whatever the document's language.

Documents that are not TEI P5 (no TEI namespace, TEI P4's ``TEI.2``, any
other XML) are refused with one line: annotating them would rewrite a file
the tool does not understand.
"""

from __future__ import annotations

import re

from lxml import etree

from ..errors import InputError
from ..tei import TEI

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TURKISH = "tr"
# a sample is enough to tell languages apart
SAMPLE_CHARS = 20_000
MIN_WORDS = 30

_TR_WORDS = set("""ve bir bu ile için olarak da de ki daha sonra olan olan ise gibi kadar ancak çok
arasında tarafından göre büyük olduğu oldu şu her yeni ilk ayrıca bunun onun şehir yılında""".split())
_OTHER_WORDS = set("""the and of to in is was that with for as by on which were from this his had
not are be at an der die und das ist nicht von mit den dem des sich auf für ein eine zu im
le la les et des est une dans du pour que qui sur pas il""".split())
_TR_LETTERS = re.compile(r"[çğışöüÇĞİŞÖÜ]")
_WORD = re.compile(r"[^\W\d_]+")


def check_tei(root: etree._Element, path: str | None) -> None:
    """Raise :class:`InputError` unless ``root`` is a TEI P5 ``TEI`` element."""
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag == TEI + "TEI":
        return
    local = etree.QName(tag).localname if tag else "?"
    if local in ("TEI", "TEI.2", "teiCorpus", "teiCorpus.2") and not tag.startswith(TEI):
        what = "TEI P4" if local.endswith(".2") else "TEI without the TEI namespace"
        raise InputError(f"{what} (root <{local}>), not TEI P5; not annotated and left unchanged.",
                         path=path, hint="Convert it to TEI P5 (namespace http://www.tei-c.org/ns/1.0) first.")
    raise InputError(f"not a TEI document (root <{local}>); not annotated and left unchanged.", path=path,
                     hint="Annotate works on TEI P5 files with a <TEI> root.")


def declared_language(root: etree._Element) -> str | None:
    """The language the document declares for its text, if any."""
    text = root.find(TEI + "text")
    for node in (text, root):
        declared: str | None = node.get(XML_LANG) if node is not None else None
        if declared:
            return declared
    usages = root.findall(f"{TEI}teiHeader/{TEI}profileDesc/{TEI}langUsage/{TEI}language")
    if usages:
        def usage(node: etree._Element) -> float:
            try:
                return float(node.get("usage") or 0)
            except ValueError:
                return 0.0
        best = max(usages, key=usage)
        return best.get("ident") or None
    return None


def guess_is_turkish(text: str) -> bool | None:
    """True/False from the words of ``text``; None when there are too few to tell."""
    sample = text[:SAMPLE_CHARS]
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    turkish = sum(w in _TR_WORDS for w in words) + len(_TR_LETTERS.findall(sample)) / 4
    other = sum(w in _OTHER_WORDS for w in words)
    return turkish >= other


def is_turkish(lang: str | None) -> bool:
    return lang is not None and lang.lower().split("-")[0] in ("tr", "tur", "ota")


def document_language_problem(root: etree._Element, assume: str | None, default: str | None) -> str | None:
    """Why the document is not annotated (a sentence), or None if it is Turkish."""
    if assume is not None:
        return None if is_turkish(assume) else f"--lang {assume} is not a language annotate knows (only tr)."
    lang = declared_language(root)
    if lang is not None:
        return None if is_turkish(lang) else f"the text is declared as '{lang}', not Turkish"
    if default is not None:
        return None if is_turkish(default) else f"the project's language is '{default}', not Turkish"
    text_el = root.find(TEI + "text")
    guess = guess_is_turkish(" ".join(text_el.itertext()) if text_el is not None else "")
    return "the text does not look Turkish" if guess is False else None


def other_language(node: etree._Element) -> bool:
    """Does ``node`` declare a language other than Turkish for its content?"""
    lang = node.get(XML_LANG)
    return lang is not None and not is_turkish(lang)


__all__ = ["check_tei", "declared_language", "guess_is_turkish", "document_language_problem", "other_language"]
