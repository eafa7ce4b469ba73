/* The map page: zoom and pan without a tile server (the SVG's viewBox
   changes), and place labels that never overlap. Labels are placed for the
   most-mentioned places first (data-rank, from the stylesheet): each tries
   eight positions around its dot and takes the first that overlaps no label
   placed before, no dot and stays inside the view; a label with no free
   position is left out (its dot keeps its name as link text and tooltip).
   Labels and dots keep their size on the screen at every zoom, so a phone
   shows them as large as a desktop does, and zooming in makes room for
   more names. Without this script the map is the static SVG, whose labels
   the stylesheet placed the same way (xslt/html/map.xsl, ed:place-labels). */
(function () {
  "use strict";
  var figure = document.querySelector("figure.map");
  if (!figure) return;
  var svg = figure.querySelector("svg");
  var full = svg.viewBox.baseVal;
  var W = full.width, H = full.height;
  var view = { x: 0, y: 0, w: W, h: H };
  var KM_PER_UNIT = parseFloat(figure.getAttribute("data-km-per-unit")) || 3.09;
  var FONT = 12, PAD = 2, MAX_ZOOM = 16;

  var places = Array.prototype.map.call(svg.querySelectorAll(".places a"), function (a) {
    var circle = a.querySelector("circle"), text = a.querySelector("text");
    return {
      a: a, circle: circle, text: text, rank: +a.getAttribute("data-rank"),
      x: +circle.getAttribute("cx"), y: +circle.getAttribute("cy"), r: Math.max(3.5, +circle.getAttribute("r"))
    };
  }).sort(function (p, q) { return p.rank - q.rank; });
  places.forEach(function (p) {
    var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = p.a.getAttribute("aria-label");
    p.a.insertBefore(title, p.a.firstChild);
  });
  var scaleBar = svg.querySelector(".scale-bar");
  var scaleLine = scaleBar && scaleBar.querySelector("line");
  var scaleText = scaleBar && scaleBar.querySelector("text");
  var legendScale = document.querySelector(".map-legend .scale-text");

  // Screen pixels per map unit.
  function pixels() { return svg.getBoundingClientRect().width / view.w; }

  function overlaps(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  function layout() {
    var k = pixels();
    if (!k || !isFinite(k)) return;
    var font = FONT / k, pad = PAD / k;
    var inView = function (box) {
      return box[0] >= view.x && box[1] >= view.y && box[2] <= view.x + view.w && box[3] <= view.y + view.h;
    };
    // Dots first: their size on screen, and obstacles for every label.
    var dots = places.map(function (p) {
      var r = p.r / k;
      p.circle.setAttribute("r", r);
      return [p.x - r - pad, p.y - r - pad, p.x + r + pad, p.y + r + pad];
    });
    var placed = [];
    places.forEach(function (p, i) {
      var t = p.text;
      t.style.fontSize = font + "px";
      t.style.strokeWidth = (3 / k) + "px";
      t.removeAttribute("dx"); t.removeAttribute("dy");
      t.classList.remove("unplaced");  // the stylesheet's static placement had no room for it
      t.style.display = "";
      var w = t.getComputedTextLength();
      var up = 0.8 * font, down = 0.25 * font, gap = (p.r + 3) / k;
      var candidates = [
        [p.x + gap, p.y + 0.35 * font],                 // right
        [p.x - gap - w, p.y + 0.35 * font],             // left
        [p.x - w / 2, p.y - gap - down],                // above
        [p.x - w / 2, p.y + gap + up],                  // below
        [p.x + gap * 0.7, p.y - gap * 0.7 - down],      // upper right
        [p.x + gap * 0.7, p.y + gap * 0.7 + up],        // lower right
        [p.x - gap * 0.7 - w, p.y - gap * 0.7 - down],  // upper left
        [p.x - gap * 0.7 - w, p.y + gap * 0.7 + up]     // lower left
      ];
      var chosen = null;
      for (var c = 0; c < candidates.length && !chosen; c++) {
        var x = candidates[c][0], y = candidates[c][1];
        var box = [x - pad, y - up - pad, x + w + pad, y + down + pad];
        if (!inView(box)) continue;
        if (placed.some(function (b) { return overlaps(b, box); })) continue;
        if (dots.some(function (d, j) { return j !== i && overlaps(d, box); })) continue;
        chosen = [x, y, box];
      }
      if (chosen) {
        t.setAttribute("x", chosen[0]);
        t.setAttribute("y", chosen[1]);
        t.setAttribute("text-anchor", "start");
        placed.push(chosen[2]);
      } else {
        t.style.display = "none";
      }
    });
    drawScale(k);
  }

  // A scale bar of a round length, at most about 120 px on screen, at the
  // bottom left of the view.
  function drawScale(k) {
    if (!scaleLine) return;
    var km = [2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1].filter(function (d) { return d / KM_PER_UNIT * k <= 120; })[0] || 1;
    var x = view.x + 10 / k, y = view.y + view.h - 12 / k, len = km / KM_PER_UNIT;
    scaleLine.setAttribute("x1", x); scaleLine.setAttribute("x2", x + len);
    scaleLine.setAttribute("y1", y); scaleLine.setAttribute("y2", y);
    scaleText.setAttribute("x", x); scaleText.setAttribute("y", y - 5 / k);
    scaleText.style.fontSize = (11 / k) + "px";
    scaleText.style.strokeWidth = (3 / k) + "px";
    scaleText.textContent = km + " km";
    if (legendScale) legendScale.textContent = km + " km";
  }

  function clamp() {
    view.w = Math.min(W, Math.max(W / MAX_ZOOM, view.w));
    view.h = view.w * H / W;
    view.x = Math.min(W - view.w, Math.max(0, view.x));
    view.y = Math.min(H - view.h, Math.max(0, view.y));
  }

  function apply() {
    clamp();
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].join(" "));
    layout();
  }

  // Zoom by factor, keeping the map point (px, py) where it is.
  function zoom(factor, px, py) {
    if (px === undefined) { px = view.x + view.w / 2; py = view.y + view.h / 2; }
    var w = Math.min(W, Math.max(W / MAX_ZOOM, view.w / factor));
    var f = w / view.w;
    view.x = px - (px - view.x) * f;
    view.y = py - (py - view.y) * f;
    view.w = w;
    apply();
  }

  function pan(dx, dy) { view.x += dx; view.y += dy; apply(); }

  function mapPoint(e) {
    var r = svg.getBoundingClientRect();
    return [view.x + (e.clientX - r.left) / r.width * view.w, view.y + (e.clientY - r.top) / r.height * view.h];
  }

  var controls = figure.querySelector(".map-controls");
  controls.hidden = false;
  document.querySelector(".map-legend .map-help").hidden = false;
  controls.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-zoom]");
    if (!b) return;
    var z = b.getAttribute("data-zoom");
    if (z === "in") zoom(2);
    else if (z === "out") zoom(0.5);
    else { view = { x: 0, y: 0, w: W, h: H }; apply(); }
  });
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var p = mapPoint(e);
    zoom(e.deltaY < 0 ? 1.25 : 0.8, p[0], p[1]);
  }, { passive: false });

  var drag = null, moved = false;
  svg.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY }; moved = false;
  });
  window.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var k = pixels(), dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    moved = true;
    drag = { x: e.clientX, y: e.clientY };
    pan(-dx / k, -dy / k);
  });
  window.addEventListener("pointerup", function () { drag = null; });
  // A drag that ends on a place is not a click on it.
  svg.addEventListener("click", function (e) { if (moved) { e.preventDefault(); moved = false; } }, true);

  figure.addEventListener("keydown", function (e) {
    var step = view.w / 8;
    var keys = { "+": function () { zoom(2); }, "=": function () { zoom(2); }, "-": function () { zoom(0.5); },
      "ArrowLeft": function () { pan(-step, 0); }, "ArrowRight": function () { pan(step, 0); },
      "ArrowUp": function () { pan(0, -step); }, "ArrowDown": function () { pan(0, step); } };
    if (keys[e.key] && !e.altKey && !e.ctrlKey && !e.metaKey) { e.preventDefault(); keys[e.key](); }
  });

  window.addEventListener("resize", layout);
  window.editionMap = { zoom: zoom, pan: pan, view: function () { return view; } };
  apply();
}());
