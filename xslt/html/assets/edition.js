/* Footnote popovers, entity cards and the highlighting toggle. Everything
   works without this script: markers link to the notes list, names to the
   registers. Content is moved with cloneNode/textContent, never innerHTML.
   A note or a name card opens on activation (click, Enter), never on focus,
   so that tabbing through a text opens nothing; a card shown by hovering
   closes when the pointer leaves. Keyboard focus never falls to <body>:
   Esc and × return it to the marker, and tabbing out of a popover closes it
   and goes on from the marker. */
(function () {
  "use strict";
  var popover = null, opener = null, pinned = false;
  var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])";

  function close(returnFocus) {
    if (!popover) return;
    var had = popover.contains(document.activeElement);
    popover.remove();
    popover = null; pinned = false;
    if ((returnFocus || had) && opener) opener.focus();
  }

  function open(trigger, content, label, pin) {
    if (popover && opener === trigger) { if (pin) pinPopover(); return; }
    close(false);
    opener = trigger;
    popover = document.createElement("div");
    popover.className = "note-popover";
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", label);
    popover.tabIndex = -1;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "popover-close";
    button.setAttribute("aria-label", document.body.getAttribute("data-close-label") || "×");
    button.textContent = "×";
    button.addEventListener("click", function () { close(true); });
    popover.appendChild(button);
    popover.appendChild(content);
    popover.addEventListener("mouseleave", function (e) {
      if (!pinned && !(opener && opener.contains(e.relatedTarget))) close(false);
    });
    document.body.appendChild(popover);
    var r = trigger.getBoundingClientRect();
    var left = Math.max(8, Math.min(window.scrollX + r.left - 20, window.scrollX + document.documentElement.clientWidth - popover.offsetWidth - 8));
    popover.style.left = left + "px";
    popover.style.top = (window.scrollY + r.bottom + 6) + "px";
    if (pin) pinPopover();
  }

  function pinPopover() { pinned = true; popover.focus(); }

  function noteContent(ref) {
    var note = document.getElementById(ref.getAttribute("data-note"));
    var body = note && note.querySelector(".note-body");
    var div = document.createElement("div");
    if (body) Array.prototype.forEach.call(body.childNodes, function (n) { div.appendChild(n.cloneNode(true)); });
    // Ids must stay unique: the clone's ids belong to the notes list.
    Array.prototype.forEach.call(div.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
    return div;
  }

  // The card of a name or date, and the link the name itself is (to the
  // register entry or the chronology), which the click no longer follows.
  function entryContent(ent) {
    var div = document.createElement("div");
    if (ent.hasAttribute("data-entry")) {
      var card = document.getElementById("card-" + ent.getAttribute("data-entry"));
      if (card) div.appendChild(card.cloneNode(true)).removeAttribute("id");
    } else {
      var p = document.createElement("p");
      p.textContent = ent.getAttribute("data-date");
      div.appendChild(p);
    }
    if (ent.classList.contains("ent-machine")) {
      var machine = document.createElement("p");
      machine.className = "card-machine";
      machine.textContent = document.body.getAttribute("data-machine-label") || "";
      div.appendChild(machine);
    }
    var more = document.createElement("p");
    var a = document.createElement("a");
    a.href = ent.getAttribute("href");
    a.className = "card-more";
    a.textContent = document.body.getAttribute(ent.hasAttribute("data-entry") ? "data-entry-label" : "data-date-label") || a.href;
    more.appendChild(a);
    div.appendChild(more);
    return div;
  }

  function show(target, pin) {
    if (target.matches(".note-ref a")) {
      open(target, noteContent(target), target.getAttribute("aria-label"), pin);
    } else if (target.matches("a.ent[data-entry], a.ent[data-date]")) {
      open(target, entryContent(target), target.textContent, pin);
    }
  }

  function focusables() {
    return Array.prototype.filter.call(document.querySelectorAll(FOCUSABLE), function (el) {
      return !(popover && popover.contains(el)) && el.getClientRects().length > 0;
    });
  }

  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    var t = e.target.closest(".note-ref a, a.ent[data-entry], a.ent[data-date]");
    if (t) { e.preventDefault(); show(t, true); return; }
    if (popover && !popover.contains(e.target)) close(popover.contains(document.activeElement));
  });
  document.addEventListener("focusin", function (e) {
    if (popover && !popover.contains(e.target) && e.target !== opener) close(false);
  });
  document.addEventListener("mouseover", function (e) {
    var t = e.target.closest("a.ent");
    if (t && !pinned) show(t, false);
  });
  document.addEventListener("mouseout", function (e) {
    var t = e.target.closest("a.ent");
    if (!t || t !== opener || pinned || !popover) return;
    if (!(e.relatedTarget && (t.contains(e.relatedTarget) || popover.contains(e.relatedTarget)))) close(false);
  });
  document.addEventListener("keydown", function (e) {
    if (!popover) return;
    if (e.key === "Escape") { e.preventDefault(); close(true); return; }
    if (e.key !== "Tab" || !popover.contains(document.activeElement)) return;
    var inside = popover.querySelectorAll(FOCUSABLE);
    var last = inside[inside.length - 1], first = inside[0];
    var active = document.activeElement;
    if (!e.shiftKey && active === last) {
      // Out of the popover: on from the marker, as if it had not opened.
      e.preventDefault();
      var all = focusables(), at = all.indexOf(opener);
      var next = all[at + 1] || opener;
      close(false);
      next.focus();
    } else if (e.shiftKey && (active === first || active === popover)) {
      e.preventDefault();
      close(true);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".toggle-entities");
    if (toggle) {
      toggle.parentNode.hidden = false;
      toggle.addEventListener("click", function () {
        var on = toggle.getAttribute("aria-pressed") !== "true";
        toggle.setAttribute("aria-pressed", on ? "true" : "false");
        document.body.classList.toggle("no-highlight", !on);
      });
    }
    // The address (when the build had no base URL) and the date accessed
    // (which a build cannot know) go into the citation and its formats.
    var url = document.querySelector(".cite-url");
    if (!url) return;
    var address = url.textContent;
    if (!/^https?:/.test(address) && /^https?:/.test(location.protocol)) {
      address = new URL(url.getAttribute("data-page"), location.href).href;
      url.textContent = address;
    }
    var today = new Date().toISOString().slice(0, 10);
    var accessed = document.querySelector(".cite-accessed");
    if (accessed) { accessed.textContent = " (" + accessed.getAttribute("data-label") + " " + today + ")"; accessed.hidden = false; }
    var bibtex = document.querySelector(".cite-bibtex");
    if (bibtex) {
      bibtex.textContent = bibtex.textContent.replace(/url = \{[^}]*\}\n\}$/, "url = {" + address + "},\n  urldate = {" + today + "}\n}");
    }
    var csl = document.querySelector(".cite-csl");
    if (csl) {
      try {
        var item = JSON.parse(csl.textContent);
        item.URL = address;
        item.accessed = { "date-parts": [today.split("-").map(Number)] };
        csl.textContent = JSON.stringify(item, null, 2);
      } catch (e) { /* left as built */ }
    }
  });
}());

/* Words as the search finds them, shared by assets/search.js and the
   highlighting of a search hit on a text's page. The folding is the one of
   edition.search_index.fold (Python) character for character: Turkish
   lower-casing (I → ı, İ → i), then ç→c, ğ→g, ı→i, ö→o, ş→s, ü→u, â→a, î→i,
   û→u and other accents dropped. A word is a run of letters and digits, so
   any apostrophe (' ’ ʼ) or hyphen separates words. */
window.EditionText = (function () {
  "use strict";
  // A modifier-letter apostrophe (ʼ) is a letter to Unicode; here it is an apostrophe.
  var FOLD = { "ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u", "\u02bc": "'" };
  var WORD = /[\p{L}\p{N}]+/gu;

  function fold(s) {
    return s.replace(/İ/g, "i").replace(/I/g, "ı").toLowerCase()
      .replace(/[çğıöşüâîû\u02bc]/g, function (c) { return FOLD[c]; })
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function words(s) { return fold(s).match(WORD) || []; }

  // The words of a text with their place in it: [{w, start, end}], start
  // and end being offsets in the original (unfolded) text.
  function tokens(text) {
    var whole = fold(text);
    // Most texts fold one character to one: offsets are the same.
    if (whole.length === text.length) {
      var out1 = [], m1;
      WORD.lastIndex = 0;
      while ((m1 = WORD.exec(whole)) !== null) out1.push({ w: m1[0], start: m1.index, end: m1.index + m1[0].length });
      return out1;
    }
    var folded = "", origin = [], i = 0;
    Array.from(text).forEach(function (c) {
      var f = fold(c);
      for (var k = 0; k < f.length; k++) origin.push(i);
      folded += f;
      i += c.length;
    });
    origin.push(i);
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(folded)) !== null) {
      var last = origin[m.index + m[0].length - 1];
      out.push({ w: m[0], start: origin[m.index], end: last + (text.codePointAt(last) > 0xffff ? 2 : 1) });
    }
    return out;
  }

  // Where a term ({words: [...], prefix: bool}, the last word a prefix if
  // prefix) stands in a list of tokens: [[start, end], ...].
  function find(toks, term) {
    var n = term.words.length, hits = [];
    if (!n) return hits;
    for (var i = 0; i + n <= toks.length; i++) {
      var ok = true;
      for (var j = 0; j < n && ok; j++) {
        var w = toks[i + j].w, q = term.words[j];
        ok = (term.prefix && j === n - 1) ? w.indexOf(q) === 0 : w === q;
      }
      if (ok) hits.push([toks[i].start, toks[i + n - 1].end]);
    }
    return hits;
  }

  // Terms as carried in a link (?h=): "w1 w2|w3*" (alternatives by "|").
  function encode(terms) {
    return terms.map(function (t) { return t.words.join(" ") + (t.prefix ? "*" : ""); }).join("|");
  }
  function decode(s) {
    return s.split("|").map(function (t) {
      var prefix = /\*$/.test(t);
      return { words: words(t), prefix: prefix };
    }).filter(function (t) { return t.words.length; });
  }

  return { fold: fold, words: words, tokens: tokens, find: find, encode: encode, decode: decode };
}());

/* A search result's link carries its terms (?h=…): the hit is marked in the
   block the link leads to. */
(function () {
  "use strict";
  function markHits() {
    var h = new URLSearchParams(location.search).get("h");
    var id = decodeURIComponent(location.hash.slice(1));
    var target = h && id && document.getElementById(id);
    if (!target) return;
    var terms = window.EditionText.decode(h);
    // The block's text as the index has it: without note markers.
    var nodes = [], text = "";
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentNode.closest(".note-ref") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    for (var n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push({ node: n, at: text.length }); text += n.data; }
    var toks = window.EditionText.tokens(text), ranges = [];
    terms.forEach(function (t) { ranges = ranges.concat(window.EditionText.find(toks, t)); });
    ranges.sort(function (a, b) { return b[0] - a[0]; });
    // Back to front, so that splitting a text node keeps earlier offsets.
    ranges.forEach(function (r) {
      for (var k = nodes.length - 1; k >= 0; k--) {
        var item = nodes[k], s = Math.max(r[0], item.at), e = Math.min(r[1], item.at + item.node.data.length);
        if (s >= e) continue;
        var node = item.node;
        if (e - item.at < node.data.length) node.splitText(e - item.at);
        if (s > item.at) node = node.splitText(s - item.at);
        var mark = document.createElement("mark");
        mark.className = "search-hit";
        node.parentNode.insertBefore(mark, node);
        mark.appendChild(node);
      }
    });
    target.classList.add("search-target");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markHits);
  else markHits();
}());
