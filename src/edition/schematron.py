"""Schematron, compiled to XSLT 3.0 and run by saxonche.

TEI's ``tei_all.rng`` embeds ISO Schematron (93 patterns: ``@from`` with
``@notBefore`` on one ``date``, a ``relatedItem`` with both ``@target`` and
content, ...). A project may also name its own ``.sch`` file. Either way the
Schematron is turned into one XSLT 3.0 stylesheet here, in Python, and that
stylesheet is compiled by Saxon once per process (keyed on the schema's
SHA-256). It is not kept on disk: generating it takes a few hundredths of a
second, while a stylesheet read from a cache folder would run as code, and a
repository could plant one there.

The compilation follows ISO Schematron (ISO/IEC 19757-3) for what TEI and
ordinary project schemas use:

- ``ns`` -> namespace declarations on the stylesheet;
- every ``pattern`` -> one XSLT mode walking the whole document (elements and
  attributes); each ``rule`` -> a template of that mode whose priority follows
  the rule order, so a node is handled by the *first* rule of a pattern whose
  ``@context`` matches it, as the standard says; the rule template then goes
  on to the children;
- ``let`` (schema, pattern, rule) -> ``xsl:variable``;
- ``assert`` (fails when the test is false) and ``report`` (fails when true)
  -> a ``failure`` record with the message, its role and ``path()`` of the
  node, which :func:`edition.validate` maps back to the parsed document for a
  line number (``saxon:line-number`` is not in Saxon HE);
- ``value-of``, ``name`` in messages; ``emph``/``dir``/``span`` keep their text;
- abstract rules (``rule/@abstract`` + ``extends``) and abstract patterns
  (``pattern/@abstract`` + ``@is-a`` with ``param``) are expanded first;
- each test runs inside ``xsl:try``: a test that raises a dynamic error (a cast
  of a malformed value) is reported as a failure of that test, not a crash.

``include`` is refused: the compiler never opens another file. A schema
is code (its XPath runs), so what it may do is fenced: the Saxon processor
that runs it may open no URI at all (``doc()``, ``unparsed-text()``,
``collection()`` fail with "Access ... has been prohibited", reported as a
failure of that test), and XSLT instructions inside a ``let`` (which could
write files with ``xsl:result-document``) are refused.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from .errors import InputError
from .paths import read_regular_file
from .tei import MAX_XML_BYTES, parse_bytes

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
SCH = f"{{{SCH_NS}}}"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
XSL = f"{{{XSL_NS}}}"
RESULT_NS = "urn:edition:schematron-result"
XQT_ERRORS_NS = "http://www.w3.org/2005/xqt-errors"

#: Saxon's setting for the URI schemes doc(), unparsed-text() and the like may open.
ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"

#: Roles that make a failure a warning; any other role (or none) is an error.
#: As oXygen and SchXslt read roles: TEI's role="nonfatal" (the att.datable
#: constraints) is an error, the document is not conformant.
WARNING_ROLES = frozenset({"warning", "warn", "info", "information"})


class SchematronError(InputError):
    """A Schematron schema that cannot be compiled."""


@dataclass(frozen=True)
class Failure:
    """One failed assert or successful report."""

    path: str  # XPath 3.0 path() of the node, e.g. /Q{ns}TEI[1]/Q{ns}text[1]
    message: str
    severity: str  # "error" | "warning"
    pattern: str


# ---------------------------------------------------------------- reading


def schematron_of(tree: etree._ElementTree) -> etree._Element:
    """The Schematron schema in ``tree``: the tree itself (a ``.sch`` file) or
    the patterns and namespaces embedded in a RELAX NG grammar, gathered into
    one ``sch:schema`` element."""
    root = tree.getroot()
    if root.tag == SCH + "schema":
        schema = root
    else:
        schema = etree.Element(SCH + "schema", nsmap={"sch": SCH_NS})
        for node in root.iter(SCH + "ns", SCH + "pattern", SCH + "let"):
            if node.tag == SCH + "let" and node.getparent().tag in (SCH + "rule", SCH + "pattern"):
                continue
            schema.append(_copy_with_namespaces(node))
    if any(True for _ in schema.iter(SCH + "include")):
        raise SchematronError("sch:include is not supported (the compiler never opens other files)",
                              hint="Inline the included patterns into the schema.")
    _expand_abstract_patterns(schema)
    _expand_abstract_rules(schema)
    return schema


def _copy_with_namespaces(node: etree._Element) -> etree._Element:
    """A copy that keeps the namespaces in scope where the node was (XPath in
    attributes may use any prefix declared on an ancestor): serialising the
    node declares them on it. Read back through the safe parser."""
    return parse_bytes(etree.tostring(node), "schematron").getroot()


def _expand_abstract_rules(schema: etree._Element) -> None:
    abstract = {r.get("id"): r for r in schema.iter(SCH + "rule") if r.get("abstract") == "true"}
    for rule in list(schema.iter(SCH + "rule")):
        for extends in list(rule.iter(SCH + "extends")):
            base = abstract.get(extends.get("rule"))
            if base is None:
                raise SchematronError(f"sch:extends names no abstract rule {extends.get('rule')!r}")
            index = rule.index(extends)
            rule.remove(extends)
            for offset, child in enumerate(c for c in base if isinstance(c.tag, str)):
                rule.insert(index + offset, _copy_with_namespaces(child))
    for rule in abstract.values():
        rule.getparent().remove(rule)


_ATTRIBUTES_WITH_XPATH = ("context", "test", "select", "value", "path")


def _expand_abstract_patterns(schema: etree._Element) -> None:
    abstract = {p.get("id"): p for p in schema.iter(SCH + "pattern") if p.get("abstract") == "true"}
    for pattern in list(schema.iter(SCH + "pattern")):
        base_id = pattern.get("is-a")
        if base_id is None:
            continue
        base = abstract.get(base_id)
        if base is None:
            raise SchematronError(f"sch:pattern is-a names no abstract pattern {base_id!r}")
        params = {p.get("name"): p.get("value") for p in pattern.iter(SCH + "param")}
        concrete = _copy_with_namespaces(base)
        for key in ("abstract",):
            concrete.attrib.pop(key, None)
        if pattern.get("id"):
            concrete.set("id", pattern.get("id"))
        # Longest names first, so $a does not replace the start of $ab.
        names = sorted(params, key=len, reverse=True)
        for node in concrete.iter():
            for attr in _ATTRIBUTES_WITH_XPATH:
                value = node.get(attr)
                if value is not None:
                    node.set(attr, _substitute(value, names, params))
        pattern.getparent().replace(pattern, concrete)
    for pattern in abstract.values():
        pattern.getparent().remove(pattern)


def _substitute(xpath: str, names: list[str], params: dict[str, str]) -> str:
    """``xpath`` with each ``$name`` of an abstract pattern's parameters
    replaced by its value (``names`` longest first)."""
    for name in names:
        # A function as replacement: the value is used as it is, never read
        # for backslash escapes.
        xpath = re.sub(r"\$" + re.escape(name) + r"(?![\w.-])", functools.partial(_value, params[name]), xpath)
    return xpath


def _value(value: str, _match: re.Match[str]) -> str:
    return value


# ---------------------------------------------------------------- compiling


def compile_to_xslt(schema: etree._Element) -> bytes:
    """The XSLT 3.0 stylesheet that runs ``schema`` (see the module docstring)."""
    namespaces = {"xsl": XSL_NS, "r": RESULT_NS, "xs": "http://www.w3.org/2001/XMLSchema"}
    for ns in schema.iter(SCH + "ns"):
        namespaces[ns.get("prefix")] = ns.get("uri")
    # Prefixes declared on the patterns themselves (TEI's embedded Schematron
    # uses rng: and sch: from the enclosing grammar).
    for node in schema.iter(SCH + "pattern", SCH + "rule", SCH + "assert", SCH + "report", SCH + "let"):
        for prefix, uri in node.nsmap.items():
            if prefix and prefix not in namespaces:
                namespaces[prefix] = uri
    sheet = etree.Element(XSL + "stylesheet", nsmap=namespaces, version="3.0")
    sheet.set("exclude-result-prefixes", "#all")
    etree.SubElement(sheet, XSL + "output", method="xml", indent="no", encoding="UTF-8")
    for let in schema.iterchildren(SCH + "let"):
        _variable(sheet, let, XSL + "variable")
    etree.SubElement(sheet, XSL + "mode", name="check", **{"on-no-match": "shallow-skip"})
    main = etree.SubElement(sheet, XSL + "template", match="/")
    results = etree.SubElement(main, f"{{{RESULT_NS}}}failures")
    etree.SubElement(results, XSL + "apply-templates", select=".", mode="check")
    # The walk: below every rule template, it goes on to attributes and children.
    walk = etree.SubElement(sheet, XSL + "template", match="*", mode="check", priority="-1")
    etree.SubElement(walk, XSL + "apply-templates", select="@*|node()", mode="check")
    patterns = [p for p in schema.iter(SCH + "pattern") if p.get("abstract") != "true"]
    rules = [(index, p, r) for index, p in enumerate(patterns)
             for r in p.iterchildren(SCH + "rule") if r.get("context")]
    for position, (index, pattern, rule) in enumerate(rules):
        _rule_template(sheet, pattern, rule, f"p{index}", priority=len(rules) - position)
    xslt: bytes = etree.tostring(sheet, encoding="UTF-8", xml_declaration=True)
    return xslt


def _variable(parent: etree._Element, let: etree._Element, tag: str) -> None:
    variable = etree.SubElement(parent, tag, name=let.get("name"))
    if let.get("value") is not None:
        variable.set("select", let.get("value"))
        return
    for child in let:
        if any(isinstance(node.tag, str) and node.tag.startswith(XSL) for node in child.iter()):
            raise SchematronError(f"sch:let {let.get('name')!r} holds XSLT instructions, which are refused "
                                  "(a schema may not write files)", line=child.sourceline,
                                  hint="Give the variable its value in @value.")
        variable.append(_copy_with_namespaces(child))


def _rule_template(sheet: etree._Element, pattern: etree._Element, rule: etree._Element, pattern_key: str,
                   priority: int) -> None:
    """One template per rule, all in one mode, so the document is walked once.

    Every rule template whose context matches a node runs, from the highest
    priority down, through ``xsl:next-match``; ``$done`` carries the patterns
    that already fired on this node, so only the first matching rule of each
    pattern counts (ISO Schematron 6.5)."""
    template = etree.SubElement(sheet, XSL + "template", match=rule.get("context"), mode="check",
                                priority=str(priority))
    etree.SubElement(template, XSL + "param", name="done", select="()", **{"as": "xs:string*"})
    choose = etree.SubElement(template, XSL + "choose")
    skip = etree.SubElement(choose, XSL + "when", test=f"'{pattern_key}' = $done")
    etree.SubElement(etree.SubElement(skip, XSL + "next-match"), XSL + "with-param", name="done", select="$done")
    run = etree.SubElement(choose, XSL + "otherwise")
    pattern_id = pattern.get("id") or pattern_key
    # The lets and tests in one xsl:try: a let that raises (a cast of a
    # malformed value) is a failure of this rule, and the walk goes on.
    body = etree.SubElement(run, XSL + "try")
    for let in pattern.iterchildren(SCH + "let"):
        _variable(body, let, XSL + "variable")
    for let in rule.iterchildren(SCH + "let"):
        _variable(body, let, XSL + "variable")
    for check in rule.iterchildren(SCH + "assert", SCH + "report"):
        test = check.get("test")
        condition = f"not({test})" if check.tag == SCH + "assert" else f"({test})"
        role = check.get("role") or rule.get("role") or ""
        attempt = etree.SubElement(body, XSL + "try")
        when = etree.SubElement(attempt, XSL + "if", test=condition)
        _failure(when, pattern_id, role, check)
        _caught(attempt, pattern_id, _string_literal(f"the test {test}"))
    _caught(body, pattern_id, _string_literal(f"the rule {rule.get('context')}"))
    etree.SubElement(etree.SubElement(run, XSL + "next-match"), XSL + "with-param", name="done",
                     select=f"($done, '{pattern_key}')")


def _caught(attempt: etree._Element, pattern_id: str, what: str) -> None:
    catch = etree.SubElement(attempt, XSL + "catch")
    failed = _failure_element(catch, pattern_id, "error")
    etree.SubElement(failed, XSL + "value-of",
                     select=f"{what} || ' cannot be evaluated here: ' || $Q{{{XQT_ERRORS_NS}}}description")


def _string_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _failure_element(parent: etree._Element, pattern_id: str, role: str) -> etree._Element:
    failure = etree.SubElement(parent, f"{{{RESULT_NS}}}failure", pattern=pattern_id, role=role)
    etree.SubElement(failure, XSL + "attribute", name="path", select="path(.)")
    return failure


def _failure(parent: etree._Element, pattern_id: str, role: str, check: etree._Element) -> None:
    failure = _failure_element(parent, pattern_id, role)
    if check.text:
        etree.SubElement(failure, XSL + "text").text = check.text
    for child in check:
        if child.tag == SCH + "value-of":
            etree.SubElement(failure, XSL + "value-of", select=child.get("select"))
        elif child.tag == SCH + "name":
            etree.SubElement(failure, XSL + "value-of", select=f"name({child.get('path') or '.'})")
        elif isinstance(child.tag, str):
            etree.SubElement(failure, XSL + "text").text = "".join(child.itertext())
        if child.tail:
            etree.SubElement(failure, XSL + "text").text = child.tail


# ---------------------------------------------------------------- running


class CompiledSchematron:
    """A Schematron schema compiled by Saxon; :meth:`failures` runs it on a document."""

    def __init__(self, xslt: bytes, origin: str) -> None:
        self.origin = origin
        self._lock = threading.Lock()
        processor = _processor()
        compiler = processor.new_xslt30_processor()
        try:
            self._executable = compiler.compile_stylesheet(stylesheet_text=xslt.decode("utf-8"))
        except Exception as exc:  # saxonche raises PySaxonApiError naming the bad XPath
            raise SchematronError(f"the Schematron does not compile: {exc}", path=origin) from None
        if self._executable is None:
            raise SchematronError(f"the Schematron does not compile: {compiler.error_message}", path=origin)

    def failures(self, root: etree._Element) -> list[Failure]:
        """Every failure of the document whose root element is ``root``.

        Saxon gets the root element re-serialised from the safe parse: no
        DOCTYPE, no entity, nothing for it to open."""
        data = etree.tostring(root, encoding="unicode")
        with self._lock:
            node = _processor().parse_xml(xml_text=data)
            output = self._executable.transform_to_string(xdm_node=node)
        if output is None:
            raise SchematronError(f"the Schematron failed to run: {self._executable.error_message}",
                                  path=self.origin)
        result = parse_bytes(output.encode("utf-8"), "schematron result")
        found = []
        for item in result.getroot():
            role = item.get("role", "")
            found.append(Failure(item.get("path"), " ".join("".join(item.itertext()).split()),
                                 "warning" if role.lower() in WARNING_ROLES else "error", item.get("pattern")))
        return found


@functools.lru_cache(maxsize=1)
def _processor() -> Any:
    """The process's one Saxon processor (saxonche has no types: Any)."""
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    # No URI scheme is allowed: a schema's XPath reads nothing but the document.
    processor.set_configuration_property(ALLOWED_PROTOCOLS, "")
    return processor


def xslt_for(source: bytes, origin: str) -> bytes:
    """The generated XSLT for the schema bytes ``source`` (a ``.sch`` or a
    RELAX NG grammar with embedded Schematron); a refusal names ``origin``."""
    try:
        return compile_to_xslt(schematron_of(parse_bytes(source, origin)))
    except SchematronError as exc:
        exc.path = exc.path or origin
        raise


_COMPILED: dict[str, CompiledSchematron] = {}
_COMPILED_LOCK = threading.Lock()


def load(path: Path) -> CompiledSchematron:
    """The compiled Schematron of ``path``, once per content per process."""
    source = read_regular_file(path, limit=MAX_XML_BYTES)
    digest = hashlib.sha256(source).hexdigest()
    with _COMPILED_LOCK:
        if digest not in _COMPILED:
            _COMPILED[digest] = CompiledSchematron(xslt_for(source, str(path)), str(path))
        return _COMPILED[digest]


_STEP = re.compile(r"/(?:Q\{([^}]*)\}([^\[/]+)\[(\d+)\])?")


def node_at_path(root: etree._Element, path: str) -> etree._Element:
    """The element ``path`` (from XPath's ``path()``) names, or the nearest
    element above it (for an attribute, text or comment node)."""
    steps = list(_STEP.finditer(path))
    node = root
    for step in steps[1:]:
        uri, name, position = step.groups()
        if name is None:
            break  # @attr, text()[n], comment()[n]: report the element
        tag = f"{{{uri}}}{name}" if uri else name
        children = [c for c in node if c.tag == tag]
        index = int(position) - 1
        if index >= len(children):
            break
        node = children[index]
    return node
