/* Full-text search over window.EDITION_SEARCH_INDEX (search-index.js).
   Turkish-aware: query and text are lower-cased with Turkish rules
   (I → ı, İ → i) and then folded (ç→c, ğ→g, ı→i, ö→o, ş→s, ü→u, â→a …), so
   "samahi", "ŞAMAHI" and "Şamahı" all find Şamahı. Results are built with
   textContent only. */
(function () {
  "use strict";
  var index = window.EDITION_SEARCH_INDEX || { texts: {}, records: [] };
  var FOLD = { "ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u" };

  function fold(s) {
    return s.replace(/İ/g, "i").replace(/I/g, "ı").toLocaleLowerCase("tr")
      .replace(/[çğıöşüâîû]/g, function (c) { return FOLD[c]; })
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  // fold() keeps one character per character (the combining dot of a
  // lower-cased İ is dropped before it can appear), so offsets in the folded
  // text are offsets in the original.
  var folded = index.records.map(function (r) { return fold(r.x); });

  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var english = document.documentElement.lang === "en";

  function snippet(text, at, length) {
    var start = Math.max(0, at - 60), end = Math.min(text.length, at + length + 100);
    var p = document.createElement("p");
    p.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + length);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(at + length, end) + (end < text.length ? "…" : "")));
    return p;
  }

  function run(query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return; }
    var hits = 0;
    index.records.forEach(function (r, i) {
      var f = folded[i];
      if (!terms.every(function (t) { return f.indexOf(t) >= 0; })) return;
      hits += 1;
      if (hits > 200) return;
      var text = index.texts[r.d] || { title: r.d, url: r.d + ".html" };
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = text.url + "#" + r.a;
      a.textContent = text.title + (r.p ? " · s. " + r.p : "") + (r.n ? (english ? " · note " : " · not ") + r.n : "");
      li.appendChild(a);
      li.appendChild(snippet(r.x, f.indexOf(terms[0]), terms[0].length));
      list.appendChild(li);
    });
    status.textContent = english ? hits + " results" : hits + " sonuç";
  }

  var params = new URLSearchParams(location.search);
  if (params.get("q")) { input.value = params.get("q"); run(input.value); }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run(input.value);
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
  });
}());
