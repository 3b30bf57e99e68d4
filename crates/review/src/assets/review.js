(function () {
  "use strict";
  var errs = document.getElementById("review-errors");
  function report(msg) {
    errs.hidden = false;
    errs.textContent += msg + "\n";
  }
  window.addEventListener("error", function (e) { report("error: " + e.message); });
  var consoleError = console.error;
  console.error = function () {
    report(Array.prototype.join.call(arguments, " "));
    consoleError.apply(console, arguments);
  };
  try {
    var D = JSON.parse(document.getElementById("review-data").textContent || "{}");
    var T = D.tables || [], F = D.facts || [], U = D.unplaced || [], C = D.checks || {};
    var tip = document.getElementById("tip");
    var pinned = null;

    function row(table, k, v) {
      if (v === undefined || v === null || v === "") return;
      var tr = table.insertRow(), a = tr.insertCell(), b = tr.insertCell();
      a.textContent = k;
      b.textContent = v;
    }
    function fill(el) {
      var tb = document.createElement("table");
      var i;
      if (el.hasAttribute("data-i")) {
        var f = F[+el.getAttribute("data-i")], t = T[f[0]];
        row(tb, "fact id", el.getAttribute("data-fact-id"));
        row(tb, "table", t[1] + " " + t[0] + " " + t[2]);
        row(tb, "row", f[1] + " " + f[2]);
        row(tb, "code", f[3] + (f[4] ? " (" + f[4] + ")" : ""));
        row(tb, "column", f[5]);
        row(tb, "measure", f[6]);
        row(tb, "amount", f[7] + " " + t[3]);
        row(tb, "project", f[8]);
        row(tb, "page", f[9]);
        var cs = (el.getAttribute("data-checks") || "").split(" ").filter(Boolean);
        for (i = 0; i < cs.length; i++) {
          var c = C[cs[i]];
          if (c) row(tb, "failed check", c[0] + ": " + c[1] + " (expected " + c[2] + ", printed " + c[3] + ")");
        }
      } else if (el.hasAttribute("data-u")) {
        var u = U[+el.getAttribute("data-u")], tu = T[u[0]];
        row(tb, "unplaced", u[3]);
        row(tb, "reason", u[4]);
        row(tb, "table", tu[1] + " " + tu[0] + " " + tu[2]);
        row(tb, "row", u[1]);
        row(tb, "column", u[2]);
      } else if (el.hasAttribute("data-o")) {
        var li = document.querySelector('li[data-goto="o' + el.getAttribute("data-o") + '"]');
        row(tb, "other number", li ? li.textContent : "");
      }
      tip.textContent = "";
      tip.appendChild(tb);
    }
    function place(ev) {
      var x = ev.clientX + 14, y = ev.clientY + 14;
      tip.hidden = false;
      if (x + tip.offsetWidth > window.innerWidth) x = Math.max(0, ev.clientX - tip.offsetWidth - 8);
      if (y + tip.offsetHeight > window.innerHeight) y = Math.max(0, ev.clientY - tip.offsetHeight - 8);
      tip.style.left = x + "px";
      tip.style.top = y + "px";
    }
    function markOf(t) {
      return t && t.closest ? t.closest("[data-i],[data-u],[data-o]") : null;
    }
    document.addEventListener("mouseover", function (ev) {
      if (pinned) return;
      var el = markOf(ev.target);
      if (!el) { tip.hidden = true; return; }
      fill(el);
      place(ev);
    });
    function clearHl() {
      var on = document.querySelectorAll(".hl,.on,.pin");
      for (var i = 0; i < on.length; i++) on[i].classList.remove("hl", "on", "pin");
    }
    function show(els, scroll) {
      for (var i = 0; i < els.length; i++) els[i].classList.add("hl");
      if (els.length && scroll) els[0].scrollIntoView({ block: "center" });
    }
    function select(li, scroll) {
      clearHl();
      li.classList.add("on");
      if (li.hasAttribute("data-check")) {
        var id = li.getAttribute("data-check");
        show(document.querySelectorAll('svg [data-checks~="' + id + '"]'), scroll);
        var quoted = (li.getAttribute("data-sentences") || "").split(" ").filter(Boolean);
        for (var q = 0; q < quoted.length; q++) {
          var n = document.getElementById(quoted[q]);
          if (n) { n.classList.add("on"); if (q === 0 && scroll) n.scrollIntoView({ block: "nearest" }); }
        }
      } else {
        var g = li.getAttribute("data-goto");
        show(document.querySelectorAll('svg [data-' + g[0] + '="' + g.slice(1) + '"]'), scroll);
      }
    }
    document.addEventListener("click", function (ev) {
      var el = markOf(ev.target);
      if (el && el.closest("svg")) {
        clearHl();
        if (pinned === el) { pinned = null; tip.hidden = true; return; }
        pinned = el;
        el.classList.add("pin");
        fill(el);
        place(ev);
        return;
      }
      pinned = null;
      tip.hidden = true;
      var li = ev.target.closest ? ev.target.closest("li[data-check],li[data-goto]") : null;
      if (!li || ev.target.closest("a")) return;
      select(li, true);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && ev.target.matches && ev.target.matches("li[data-check]")) ev.target.click();
    });
    // `#page=N` shows page N alone (a link to one page; a screenshot without scrolling);
    // `#check=cK` (also `#page=N&check=cK`) lights up a failed check's cells; `#fact=ID` shows
    // that fact's card (a link to one number).
    function fromHash() {
      var h = {};
      location.hash.slice(1).split("&").forEach(function (kv) {
        var p = kv.split("=");
        if (p.length === 2) h[p[0]] = p[1];
      });
      var pages = document.querySelectorAll("section.page");
      for (var i = 0; i < pages.length; i++) {
        pages[i].hidden = !!h.page && pages[i].getAttribute("data-page") !== h.page;
      }
      var li = h.check && document.querySelector('li[data-check="' + h.check + '"]');
      if (li) select(li, !h.page);
      var f = h.fact && document.querySelector('svg [data-fact-id="' + decodeURIComponent(h.fact).replace(/["\\]/g, "") + '"]');
      if (f) {
        if (!h.page) f.scrollIntoView({ block: "center" });
        pinned = f;
        f.classList.add("pin");
        fill(f);
        var r = f.getBoundingClientRect();
        place({ clientX: r.right, clientY: r.bottom });
      }
    }
    window.addEventListener("hashchange", fromHash);
    fromHash();
    document.body.setAttribute("data-marked-facts", String(document.querySelectorAll("[data-fact-id]").length));
    document.body.setAttribute("data-ready", "1");
  } catch (e) {
    report("error: " + (e && e.stack ? e.stack : e));
  }
})();
