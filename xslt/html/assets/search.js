/* Full-text search over the sharded index (search-index.js and search/*.js,
   written by edition.search_index). A query is words (whole words, found
   after Turkish folding, see EditionText in edition.js), "quoted phrases"
   and word beginnings (kafkas*); every one must occur in a block (a
   paragraph, heading, item or note). A word or phrase that is a name the
   registers know (preferred form or variant) also finds the entry's other
   names: "Yerevan" finds Erivan. Only the word shards of the query's words
   and the record shards (16 records each) of the candidates are loaded, all
   at once; while a query is typed, the word shards of its words are loaded
   ahead, so that pressing Enter finds them here. Filters: text, kind of
   name, year (the years a block's dates name). Results are built with
   textContent only. */
(function () {
  "use strict";
  var T = window.EditionText;
  var index = window.EDITION_SEARCH_INDEX || { texts: {}, entities: [], order: [], shards: [], base: 1000000, chunk: 16, years: [] };
  var LIMIT = 100;

  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var textFilter = document.getElementById("search-text");
  var kindFilter = document.getElementById("search-kind");
  var yearFrom = document.getElementById("search-year-from");
  var yearTo = document.getElementById("search-year-to");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var english = document.documentElement.lang === "en";

  // The register's names by their folded words.
  var names = {};
  index.entities.forEach(function (e, i) {
    e.n.forEach(function (n) {
      var key = T.words(n).join(" ");
      if (key) (names[key] = names[key] || []).push(i);
    });
  });

  index.order.forEach(function (id, i) {
    var option = document.createElement("option");
    option.value = String(i);
    option.textContent = (index.texts[id] || { title: id }).title;
    textFilter.appendChild(option);
  });

  // The years the texts are dated in bound the year filter.
  if (index.years && index.years.length === 2) {
    [yearFrom, yearTo].forEach(function (field) {
      field.min = index.years[0]; field.max = index.years[1];
    });
    yearFrom.placeholder = index.years[0]; yearTo.placeholder = index.years[1];
  }

  // Loading the shards: each is a script calling EDITION_SEARCH_PART.
  var parts = {}, loading = {};
  window.EDITION_SEARCH_PART = function (name, data) { parts[name] = data; };
  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = "search/" + name + ".js";
        script.onload = function () { resolve(parts[name] || null); };
        script.onerror = function () { resolve(null); };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  function shardKey(word) {
    return Array.from(word).slice(0, 2).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    }).join("");
  }
  // The shards that may hold a word (a prefix shorter than a key: every
  // shard it begins).
  function shardsOf(word, prefix) {
    var key = shardKey(word);
    return index.shards.filter(function (s) { return prefix && Array.from(word).length < 2 ? s.indexOf(key) === 0 : s === key; });
  }

  // Query → terms; a term is a list of alternatives {words, prefix, kind}.
  function parse(query) {
    var q = query.replace(/[“”„«»]/g, "\"");
    var raw = [], m, re = /"([^"]*)"?|(\S+)/g;
    while ((m = re.exec(q)) !== null) {
      var s = m[1] !== undefined ? m[1] : m[2];
      var prefix = m[1] === undefined && /\*$/.test(s);
      var words = T.words(s.replace(/\*+$/, ""));
      if (words.length) raw.push({ words: words, prefix: prefix, quoted: m[1] !== undefined });
    }
    // A query of several plain words that together are a register name is
    // that name ("Stepan Şaumyan"), not two words.
    if (raw.length > 1 && raw.every(function (t) { return !t.quoted && !t.prefix; })) {
      var all = raw.reduce(function (a, t) { return a.concat(t.words); }, []);
      if (names[all.join(" ")]) raw = [{ words: all, prefix: false }];
    }
    return raw.map(function (t) {
      var alternatives = [{ words: t.words, prefix: t.prefix, kind: null }];
      var seen = {}; seen[t.words.join(" ") + (t.prefix ? "*" : "")] = true;
      if (!t.prefix) {
        (names[t.words.join(" ")] || []).forEach(function (i) {
          var e = index.entities[i];
          e.n.forEach(function (n) {
            var words = T.words(n), key = words.join(" ");
            alternatives.forEach(function (a) { if (a.words.join(" ") === key) a.kind = a.kind || e.k; });
            if (seen[key]) return;
            seen[key] = true;
            alternatives.push({ words: words, prefix: false, kind: e.k });
          });
        });
      }
      return alternatives;
    });
  }

  // Records (as numbers) holding every word of an alternative.
  function candidates(alt) {
    return Promise.all(alt.words.map(function (w, j) {
      var prefix = alt.prefix && j === alt.words.length - 1;
      return Promise.all(shardsOf(w, prefix).map(function (s) { return load("w-" + s); })).then(function (shards) {
        var found = {};
        shards.forEach(function (shard) {
          if (!shard) return;
          if (!prefix) { (shard[w] || []).forEach(function (r) { found[r] = true; }); return; }
          Object.keys(shard).forEach(function (k) {
            if (k.indexOf(w) === 0) shard[k].forEach(function (r) { found[r] = true; });
          });
        });
        return found;
      });
    })).then(function (sets) {
      return Object.keys(sets[0]).filter(function (r) { return sets.every(function (s) { return s[r]; }); }).map(Number);
    });
  }

  // The record shard a record (number) is in.
  function recordShard(r) {
    return "t-" + Math.floor(r / index.base) + "-" + Math.floor((r % index.base) / index.chunk);
  }

  // While a query is typed: its words' shards at once, and when typing
  // pauses the record shards of its first candidates, so that Enter finds
  // what the results need already loaded.
  var pause = null;
  function preload(query) {
    var terms = parse(query);
    terms.forEach(function (alts) {
      alts.forEach(function (alt) {
        alt.words.forEach(function (w, j) {
          shardsOf(w, alt.prefix && j === alt.words.length - 1).forEach(function (s) { load("w-" + s); });
        });
      });
    });
    clearTimeout(pause);
    pause = setTimeout(function () {
      if (terms.length) candidatesOf(terms).then(function (ids) { ids.slice(0, LIMIT).forEach(function (r) { load(recordShard(r)); }); });
    }, 150);
  }

  function union(lists) {
    var all = {};
    lists.forEach(function (l) { l.forEach(function (r) { all[r] = true; }); });
    return all;
  }

  // Where the alternatives of the terms stand in a record, or null when a
  // term is missing (or, with a kind, is not in a name of that kind).
  // Does one of the record's dates fall in the years asked for?
  function inYears(record, years) {
    return !years || (record.y || []).some(function (span) { return span[0] <= years[1] && span[1] >= years[0]; });
  }

  function matches(record, terms, kind, years) {
    if (!inYears(record, years)) return null;
    // Tokens are kept on the record: the next query on it needs no folding.
    var toks = record.t || (record.t = T.tokens(record.x)), ranges = [];
    var kindNames = kind ? (record.m || []).filter(function (m) { return m[0] === kind; }).map(function (m) { return T.tokens(m[1]); }) : null;
    for (var i = 0; i < terms.length; i++) {
      var found = [];
      terms[i].forEach(function (alt, a) {
        if (kindNames && !kindNames.some(function (nt) { return T.find(nt, alt).length; })) return;
        // The words as typed (the first alternative) come first in the line.
        found = found.concat(T.find(toks, alt).map(function (r) { return [r[0], r[1], a === 0]; }));
      });
      if (!found.length) return null;
      ranges = ranges.concat(found);
    }
    return ranges.sort(function (a, b) { return a[0] - b[0]; });
  }

  // A keyword-in-context line: the first hit with some words either side,
  // every hit in it marked.
  function kwic(text, ranges) {
    var first = ranges.filter(function (r) { return r[2]; })[0] || ranges[0];
    var start = Math.max(0, first[0] - 70), end = Math.min(text.length, first[1] + 110);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    if (end < text.length) { var cut = text.lastIndexOf(" ", end); if (cut > first[1]) end = cut; }
    var p = document.createElement("p");
    p.className = "kwic";
    var at = start;
    p.appendChild(document.createTextNode(start > 0 ? "… " : ""));
    ranges.forEach(function (r) {
      if (r[0] < at || r[0] < start || r[1] > end) return;
      p.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      p.appendChild(mark);
      at = r[1];
    });
    p.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
    return p;
  }

  function result(record, textNumber, ranges, terms) {
    var id = index.order[textNumber];
    var text = index.texts[id] || { title: id, url: id + ".html" };
    var li = document.createElement("li");
    var a = document.createElement("a");
    var alternatives = terms.reduce(function (all, t) { return all.concat(t); }, []);
    a.href = text.url + "?h=" + encodeURIComponent(T.encode(alternatives)) + "#" + encodeURIComponent(record.a);
    a.textContent = text.title;
    li.appendChild(a);
    var where = document.createElement("span");
    where.className = "where";
    where.textContent = (record.p ? " · s. " + record.p : "") + (record.n ? (english ? " · note " : " · not ") + record.n : "");
    li.appendChild(where);
    li.appendChild(kwic(record.x, ranges));
    return li;
  }

  // The records (numbers, in order) that hold every term.
  function candidatesOf(terms) {
    return Promise.all(terms.map(function (alts) {
      return Promise.all(alts.map(candidates)).then(union);
    })).then(function (sets) {
      return Object.keys(sets[0]).map(Number).filter(function (r) {
        return sets.every(function (s) { return s[r]; });
      }).sort(function (x, y) { return x - y; });
    });
  }

  var current = 0;
  function run(query) {
    var run = ++current;
    var terms = parse(query);
    list.textContent = "";
    if (!terms.length) { status.textContent = ""; return Promise.resolve(); }
    var onlyText = textFilter.value === "" ? null : Number(textFilter.value);
    var kind = kindFilter.value || null;
    var years = yearFrom.value || yearTo.value ?
      [yearFrom.value ? Number(yearFrom.value) : -Infinity, yearTo.value ? Number(yearTo.value) : Infinity] : null;
    return candidatesOf(terms).then(function (all) {
      var ids = all.filter(function (r) { return onlyText === null || Math.floor(r / index.base) === onlyText; });
      // The record shards of the first candidates, fetched at once rather
      // than one after another.
      ids.slice(0, LIMIT).forEach(function (r) { load(recordShard(r)); });
      return verify(ids, terms, kind, years, run);
    });
  }

  // Candidates in order, text by text, until LIMIT results are shown.
  function verify(ids, terms, kind, years, run) {
    var shown = 0, i = 0;
    function next() {
      if (run !== current) return null;
      if (i >= ids.length || shown >= LIMIT) {
        var more = i < ids.length;
        status.textContent = shown + (more ? "+" : "") + (english ? (shown === 1 && !more ? " result" : " results") : " sonuç");
        status.setAttribute("data-done", "true");
        return null;
      }
      var shard = recordShard(ids[i]);
      // Candidates that turn out not to match (the words apart, not a
      // phrase) move the walk on: the shards ahead of it load meanwhile,
      // not one after another.
      ids.slice(i, i + 2 * LIMIT).forEach(function (r) { load(recordShard(r)); });
      return load(shard).then(function (records) {
        if (run !== current) return null;
        for (; i < ids.length && recordShard(ids[i]) === shard && shown < LIMIT; i++) {
          var record = records && records[(ids[i] % index.base) % index.chunk];
          var ranges = record && matches(record, terms, kind, years);
          if (!ranges) continue;
          list.appendChild(result(record, Math.floor(ids[i] / index.base), ranges, terms));
          shown += 1;
        }
        return next();
      });
    }
    status.removeAttribute("data-done");
    return next();
  }

  function search() {
    var params = new URLSearchParams();
    params.set("q", input.value);
    if (textFilter.value) params.set("t", textFilter.value);
    if (kindFilter.value) params.set("k", kindFilter.value);
    if (yearFrom.value) params.set("from", yearFrom.value);
    if (yearTo.value) params.set("to", yearTo.value);
    history.replaceState(null, "", "?" + params.toString());
    return run(input.value);
  }
  window.editionSearch = function (query) { input.value = query; return search(); };

  var params = new URLSearchParams(location.search);
  if (params.get("t")) textFilter.value = params.get("t");
  if (params.get("k")) kindFilter.value = params.get("k");
  if (params.get("from")) yearFrom.value = params.get("from");
  if (params.get("to")) yearTo.value = params.get("to");
  if (params.get("q")) { input.value = params.get("q"); run(input.value); }
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  input.addEventListener("input", function () { preload(input.value); });
  [textFilter, kindFilter, yearFrom, yearTo].forEach(function (f) { f.addEventListener("change", function () { if (input.value) search(); }); });
}());
