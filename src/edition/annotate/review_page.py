"""The review page: one static HTML file where an editor reviews the annotator's
uncertain decisions — every candidate register entry and every low-certainty
tag, each in context (document, page, keyword-in-context line) — and records
decisions, in bulk, for ``review/decisions.tsv``.

The page is written by Python (lxml's element tree, serialised as HTML), not by
XSLT: its facts — candidates, decisions, contexts, pages — come from several
files (the registers, the decisions file, every text) and are already computed
by :mod:`.review` for ``edition review``; a stylesheet would need a second
owner of the same decisions. Building elements (never pasting strings) escapes
all text by construction. The page works offline with no server: its choices
become a decisions file through a small script (and without one, the page says
how to write the file or use ``edition review --decide``). Its output is
deterministic: the same project gives the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

from lxml import etree

from ..paths import Project
from ..tei import write_atomic
from ..turkish import fold
from .registers import KINDS, Entry, Register
from .review import (
    ACTIONS,
    COLUMNS,
    DECISIONS_FILE,
    MAX_CONTEXTS,
    UNCERTAIN,
    Decision,
    Mention,
    load_decisions,
    mentions,
)

# mentions shown per candidate entry (the rest are counted)
MAX_SHOWN = 25
KIND_HEADINGS = {"person": "Persons", "place": "Places", "org": "Organisations"}
ACTION_LABELS = {
    "": "undecided",
    "accept": "accept: the entry is right",
    "reject": "reject: not a name, never tag it",
    "retype": "retype: another kind (value: person, place or org)",
    "merge": "merge: a spelling of another entry (value: that entry's id)",
    "link": "link: an authority id (value: the id, e.g. GeoNames)",
}
STYLE = """
body{font:1rem/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:0 1rem;color:#1a1a1a;background:#fff}
table{border-collapse:collapse;width:100%;margin:0 0 2rem}
th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
mark{background:#ffe58a;color:inherit}
.id,.where{font-family:ui-monospace,monospace;font-size:.9em;color:#444}
.kwic{margin:0;padding-left:1.2rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip:not(:focus){position:absolute;left:-999rem}
a:focus,button:focus,select:focus,input:focus,textarea:focus{outline:3px solid #1a56db;outline-offset:2px}
textarea{width:100%;min-height:12rem;font-family:ui-monospace,monospace}
"""
# Turns the choices on the page into the decisions file (no data is inlined:
# it reads the rows' data attributes, and writes plain text into a textarea).
SCRIPT = """
(function () {
  var button = document.getElementById("make-decisions");
  var out = document.getElementById("decisions-out");
  var link = document.getElementById("decisions-download");
  var status = document.getElementById("decisions-status");
  function clean(s) { return String(s || "").replace(/[\\t\\r\\n]+/g, " ").trim(); }
  button.addEventListener("click", function () {
    var lines = [button.getAttribute("data-columns")];
    var rows = document.querySelectorAll("tr[data-entry]");
    rows.forEach(function (row) {
      var select = row.querySelector("select"), input = row.querySelector("input");
      var action = select ? select.value : row.getAttribute("data-decision");
      var value = input ? input.value : row.getAttribute("data-value");
      lines.push([action, row.getAttribute("data-kind"), row.getAttribute("data-name"),
                  row.getAttribute("data-entry"), value, row.getAttribute("data-count"),
                  row.getAttribute("data-contexts")].map(clean).join("\\t"));
    });
    out.value = lines.join("\\n") + "\\n";
    link.href = "data:text/tab-separated-values;charset=utf-8," + encodeURIComponent(out.value);
    link.hidden = false;
    status.textContent = rows.length + " rows written below. " +
      "Save them as review/decisions.tsv, then run edition build.";
    out.focus();
  });
})();
"""

Child: TypeAlias = "etree._Element | str | None"


def h(tag: str, attrs: dict[str, str] | None = None, *children: Child) -> etree._Element:
    """An HTML element with attributes and children (text is escaped when the
    page is serialised)."""
    node = etree.Element(tag, {k: v for k, v in (attrs or {}).items()})
    for child in children:
        if child is None:
            continue
        if isinstance(child, str):
            last = node[-1] if len(node) else None
            if last is None:
                node.text = (node.text or "") + child
            else:
                last.tail = (last.tail or "") + child
        else:
            node.append(child)
    return node


@dataclass
class ReviewData:
    """What the page shows, gathered once."""

    register: Register
    decisions: list[Decision]
    uncertain: list[Mention] = field(default_factory=list)
    by_entry: dict[str, list[Mention]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def gather(cls, register: Register, decisions: list[Decision], texts: Iterable[Path]) -> ReviewData:
        data = cls(register, decisions)
        candidates = {eid for eid, e in register.entries.items() if e.candidate}
        for path in texts:
            for mention in mentions(path, candidates):
                if mention.entry in candidates:
                    data.by_entry[mention.entry].append(mention)
                if mention.cert in UNCERTAIN:
                    data.uncertain.append(mention)
        return data

    def candidates(self, kind: str) -> list[Entry]:
        found = (e for e in self.register.entries.values() if e.candidate and e.kind == kind)
        return sorted(found, key=lambda e: (-len(self.by_entry.get(e.id, [])), fold(e.preferred), e.id))

    def decision_for(self, entry: Entry) -> Decision | None:
        for d in self.decisions:
            if d.action and (d.entry == entry.id or (d.kind == entry.kind and fold(d.name) == fold(entry.preferred))):
                return d
        return None

    def applied(self) -> list[Decision]:
        """Decided rows whose entry is no longer a candidate (applied by a build)."""
        shown = {id(self.decision_for(e)) for e in self.register.entries.values() if e.candidate}
        return [d for d in self.decisions if d.action and id(d) not in shown]


# -- parts of the page -------------------------------------------------------

def _where(m: Mention) -> etree._Element:
    page = f", p. {m.page}" if m.page else ""
    line = f":{m.line}" if m.line else ""
    return h("span", {"class": "where"}, f"{m.document}{line}{page}")


def _kwic(m: Mention) -> list[Child]:
    return [_where(m), ": ", *_marked(m)]


def _marked(m: Mention) -> list[Child]:
    return [m.before, h("mark", None, m.text), m.after]


def _contexts(found: list[Mention]) -> etree._Element:
    if not found:
        return h("p", None, "Not met in the texts.")
    items = [h("li", None, *_kwic(m)) for m in found[:MAX_SHOWN]]
    if len(found) > MAX_SHOWN:
        items.append(h("li", None, f"and {len(found) - MAX_SHOWN} more."))
    return h("ul", {"class": "kwic"}, *items)


def _choice(entry: Entry, decided: Decision | None) -> list[Child]:
    select_id, value_id = f"decision-{entry.id}", f"value-{entry.id}"
    options = []
    for action in ("", *ACTIONS):
        option = h("option", {"value": action}, ACTION_LABELS[action])
        if decided is not None and decided.action == action:
            option.set("selected", "selected")
        options.append(option)
    value = {"id": value_id, "type": "text", "list": "entry-ids", "value": decided.value if decided else ""}
    return [h("label", {"for": select_id}, h("span", {"class": "visually-hidden"}, f"Decision for {entry.preferred}")),
            h("select", {"id": select_id}, *options), " ",
            h("label", {"for": value_id}, "Value", h("span", {"class": "visually-hidden"}, f" for {entry.preferred}")),
            " ", h("input", value)]


def _row_data(kind: str, name: str, entry_id: str, count: int | str, contexts: str) -> dict[str, str]:
    return {"data-kind": kind, "data-name": name, "data-entry": entry_id, "data-count": str(count),
            "data-contexts": contexts}


def _candidate_row(data: ReviewData, entry: Entry) -> etree._Element:
    found = data.by_entry.get(entry.id, [])
    contexts = " | ".join(list(dict.fromkeys(m.context() for m in found))[:MAX_CONTEXTS])
    variants = ", ".join(n for n, _ in entry.variants)
    head = h("th", {"scope": "row", "id": f"entry-{entry.id}"}, entry.preferred, h("br"),
             h("span", {"class": "id"}, entry.id),
             h("br") if variants else None, f"also: {variants}" if variants else None)
    return h("tr", _row_data(entry.kind, entry.preferred, entry.id, len(found), contexts),
             head, h("td", None, *_choice(entry, data.decision_for(entry))),
             h("td", None, str(len(found))), h("td", None, _contexts(found)))


def _candidates_section(data: ReviewData) -> etree._Element:
    parts: list[Child] = [h("h2", {"id": "candidates"}, "Candidate entries")]
    for kind in KINDS:
        entries = data.candidates(kind)
        parts.append(h("h3", {"id": f"candidates-{kind}"}, f"{KIND_HEADINGS[kind]} ({len(entries)})"))
        if not entries:
            parts.append(h("p", None, "No candidates."))
            continue
        header = h("tr", None, *(h("th", {"scope": "col"}, label) for label in ("Entry", "Decision", "Mentions",
                                                                               "Contexts (document:line, page)")))
        parts.append(h("table", None, h("caption", None, f"Candidate {KIND_HEADINGS[kind].lower()}"),
                       h("thead", None, header), h("tbody", None, *(_candidate_row(data, e) for e in entries))))
    return h("section", {"aria-labelledby": "candidates"}, *parts)


def _applied_section(data: ReviewData) -> etree._Element:
    rows = data.applied()
    parts: list[Child] = [h("h2", {"id": "applied"}, f"Decisions already recorded ({len(rows)})"),
                          h("p", None, "These rows stay in the decisions file: every build applies them again.")]
    if rows:
        header = h("tr", None, *(h("th", {"scope": "col"}, label) for label in ("Entry", "Kind", "Decision", "Value")))
        body = [h("tr", {**_row_data(d.kind, d.name, d.entry, d.count, d.contexts), "data-decision": d.action,
                         "data-value": d.value},
                  h("th", {"scope": "row"}, d.name, h("br"), h("span", {"class": "id"}, d.entry)),
                  h("td", None, d.kind), h("td", None, d.action), h("td", None, d.value)) for d in rows]
        parts.append(h("table", None, h("caption", None, "Recorded decisions"), h("thead", None, header),
                       h("tbody", None, *body)))
    return h("section", {"aria-labelledby": "applied"}, *parts)


def _uncertain_section(data: ReviewData) -> etree._Element:
    parts: list[Child] = [
        h("h2", {"id": "uncertain"}, f"Low-certainty tags ({len(data.uncertain)})"),
        h("p", None, "These tags carry cert=\"low\" or \"medium\" in the TEI files. Decide them in the file, at the "
          "line given: to accept a tag, delete its cert and resp attributes; to correct it, change its value and "
          "delete resp; to reject it, replace the tag by its text inside <seg type=\"not-entity\">. A tag without "
          "resp=\"#edition-annotate\" is the editor's: every later build and re-ingest keeps it.")]
    if data.uncertain:
        header = h("tr", None, *(h("th", {"scope": "col"}, label)
                                 for label in ("Where (document:line, page)", "Tag", "Certainty", "Value", "Context")))
        body = [h("tr", None, h("td", None, _where(m)), h("td", None, m.tag), h("td", None, m.cert or ""),
                  h("td", None, m.value), h("td", None, *_marked(m)))
                for m in data.uncertain]
        parts.append(h("table", None, h("caption", None, "Tags to check"), h("thead", None, header),
                       h("tbody", None, *body)))
    return h("section", {"aria-labelledby": "uncertain"}, *parts)


def _how_section() -> etree._Element:
    actions = [h("li", None, h("code", None, a or "(empty)"), " — ", ACTION_LABELS[a]) for a in ("", *ACTIONS)]
    return h("section", {"aria-labelledby": "how"},
             h("h2", {"id": "how"}, "How to record decisions"),
             h("p", None, "Decisions are rows of ", h("code", None, str(DECISIONS_FILE)),
               " in the project (tab-separated, one row per candidate entry). The next edition build applies them, "
               "and every later build, annotation and re-ingest keeps them."),
             h("ul", None, *actions),
             h("p", None, "In bulk, three ways:"),
             h("ol", None,
               h("li", None, "on this page: choose decisions in the tables, then press ",
                 h("em", None, "Make the decisions file"), " below and save the text as ",
                 h("code", None, str(DECISIONS_FILE)), ";"),
               h("li", None, "on the command line, one decision for many entries (wildcards allowed): ",
                 h("code", None, "edition review --decide accept --entry 'place-*'"), " or ",
                 h("code", None, "edition review --decide retype --value org --entry place-dizak --entry place-x"),
                 ";"),
               h("li", None, "in a spreadsheet: open the file, fill the decision column down, save it as "
                 "tab-separated text.")))


def _write_section() -> etree._Element:
    return h("section", {"aria-labelledby": "write"},
             h("h2", {"id": "write"}, "Make the decisions file"),
             h("p", None, h("button", {"type": "button", "id": "make-decisions",
                                       "data-columns": "\t".join(COLUMNS)}, "Make the decisions file"), " ",
               h("a", {"id": "decisions-download", "download": "decisions.tsv", "hidden": "hidden", "href": "#"},
                 "Download decisions.tsv")),
             h("p", {"id": "decisions-status", "role": "status"}),
             h("label", {"for": "decisions-out"}, "decisions.tsv"),
             h("textarea", {"id": "decisions-out", "readonly": "readonly", "spellcheck": "false"}),
             h("noscript", None, h("p", None, "Without scripts, write the decisions into the file by hand or with "
                                              "edition review --decide.")))


def review_page(data: ReviewData) -> bytes:
    """The page's bytes (UTF-8 HTML)."""
    open_count = sum(len(data.candidates(kind)) for kind in KINDS)
    ids = sorted(data.register.entries)
    html = h("html", {"lang": "en"},
             h("head", None, h("meta", {"charset": "utf-8"}),
               h("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
               h("title", None, "Review: candidate entries and low-certainty tags"), h("style", None, STYLE)),
             h("body", None,
               h("a", {"class": "skip", "href": "#main"}, "Skip to the lists"),
               h("header", None, h("h1", None, "Review"),
                 h("p", None, f"{open_count} candidate entries and {len(data.uncertain)} low-certainty tags "
                              "to check.")),
               h("nav", {"aria-label": "Contents"},
                 h("ul", None, *(h("li", None, h("a", {"href": f"#{target}"}, label)) for target, label in (
                     ("how", "How to record decisions"), ("candidates", "Candidate entries"),
                     ("uncertain", "Low-certainty tags"), ("applied", "Decisions already recorded"),
                     ("write", "Make the decisions file"))))),
               h("main", {"id": "main"}, _how_section(), _candidates_section(data), _uncertain_section(data),
                 _applied_section(data), _write_section(),
                 h("datalist", {"id": "entry-ids"}, *(h("option", {"value": i}) for i in ids))),
               h("script", None, SCRIPT)))
    text: str = etree.tostring(html, method="html", encoding="unicode", doctype="<!DOCTYPE html>")
    return (text + "\n").encode("utf-8")


def tei_texts(project: Project) -> list[Path]:
    """The project's TEI texts (every XML file of its TEI folder but the registers)."""
    registers = project.registers.resolve()
    return sorted(p for p in project.tei.glob("*.xml") if p.resolve() != registers)


def write_review_page(project: Project, out_dir: Path | None = None, *, registers: Path | None = None,
                      decisions: Path | None = None, texts: list[Path] | None = None) -> Path:
    """Write the review page of ``project`` to ``out_dir/index.html``
    (default: the output folder's ``review/``); return its path. The
    registers, decisions file and texts default to the project's."""
    data = ReviewData.gather(Register.load(registers or project.registers),
                             load_decisions(decisions or project.root / DECISIONS_FILE),
                             tei_texts(project) if texts is None else texts)
    target = (out_dir if out_dir is not None else project.output / "review") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, review_page(data))
    return target


__all__ = ["ReviewData", "review_page", "write_review_page", "tei_texts"]
