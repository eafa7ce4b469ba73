/* Footnote popovers, entity cards and the highlighting toggle. Everything
   works without this script: markers link to the notes list, names to the
   registers. Content is moved with cloneNode/textContent, never innerHTML. */
(function () {
  "use strict";
  var popover = null, opener = null, pinned = false, returning = false;

  function close(returnFocus) {
    if (!popover) return;
    popover.remove();
    popover = null; pinned = false;
    // Focus goes back to the marker without reopening the note.
    if (returnFocus && opener) { returning = true; opener.focus(); returning = false; }
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

  function entryContent(ent) {
    var card = document.getElementById("card-" + ent.getAttribute("data-entry"));
    var div = document.createElement("div");
    if (card) div.appendChild(card.cloneNode(true)).removeAttribute("id");
    return div;
  }

  function dateContent(ent) {
    var p = document.createElement("p");
    p.textContent = ent.getAttribute("data-date");
    return p;
  }

  function show(target, pin) {
    if (target.matches(".note-ref a")) {
      open(target, noteContent(target), target.getAttribute("aria-label"), pin);
    } else if (target.matches("a.ent[data-entry]")) {
      open(target, entryContent(target), target.textContent, pin);
    } else if (target.matches("a.ent[data-date]")) {
      open(target, dateContent(target), target.textContent, pin);
    }
  }

  document.addEventListener("click", function (e) {
    var ref = e.target.closest(".note-ref a");
    if (ref) { e.preventDefault(); show(ref, true); return; }
    if (popover && !popover.contains(e.target)) close(false);
  });
  document.addEventListener("focusin", function (e) {
    var t = e.target.closest(".note-ref a, a.ent");
    if (t) { if (!returning) show(t, false); return; }
    if (popover && !popover.contains(e.target) && !pinned) close(false);
  });
  document.addEventListener("mouseover", function (e) {
    var t = e.target.closest("a.ent");
    if (t && !pinned) show(t, false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && popover) { e.preventDefault(); close(true); }
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
    var url = document.querySelector(".cite-url");
    if (url && !/^https?:/.test(url.textContent) && /^https?:/.test(location.protocol)) {
      url.textContent = new URL(url.getAttribute("data-page"), location.href).href;
    }
  });
}());
