// linkvet's small amount of JavaScript: keyboard triage, copy buttons and
// a few conveniences. Every page works without it.
(function () {
  "use strict";

  var rows = Array.prototype.slice.call(document.querySelectorAll("#inbox > .row"));
  var storeKey = "linkvet-row:" + location.pathname + location.search.replace(/[?&]done=[^&]*/, "");
  var current = -1;

  function select(i, focus) {
    if (!rows.length) return;
    i = Math.max(0, Math.min(rows.length - 1, i));
    if (current >= 0 && rows[current]) rows[current].classList.remove("current");
    current = i;
    var row = rows[i];
    row.classList.add("current");
    if (focus !== false) {
      var s = row.querySelector("summary");
      if (s) s.focus();
      row.scrollIntoView({ block: "nearest" });
    }
    try { sessionStorage.setItem(storeKey, String(i)); } catch (e) { /* storage may be off */ }
  }

  if (rows.length) {
    var saved = 0;
    try { saved = parseInt(sessionStorage.getItem(storeKey) || "0", 10) || 0; } catch (e) { saved = 0; }
    select(saved, false);
    rows.forEach(function (row, i) {
      row.addEventListener("focusin", function () { if (current !== i) select(i, false); });
    });
  }

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  var help = document.getElementById("help");

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    if (help && help.open) return;
    var key = ev.key;
    if (key === "?") {
      if (help && help.showModal) { help.showModal(); ev.preventDefault(); }
      return;
    }
    if (key === "u") {
      var undo = document.getElementById("undo");
      if (undo) { undo.click(); ev.preventDefault(); }
      return;
    }
    if (!rows.length) return;
    if (key === "j") { select(current + 1); ev.preventDefault(); return; }
    if (key === "k") { select(current - 1); ev.preventDefault(); return; }
    if (key === "o") {
      var d = rows[current].querySelector("details");
      if (d) d.open = !d.open;
      ev.preventDefault();
      return;
    }
    if ("asidb".indexOf(key) >= 0 && key.length === 1) {
      var btn = rows[current].querySelector('button[data-key="' + key + '"]');
      if (btn) { ev.preventDefault(); btn.click(); }
    }
  });

  // Copy buttons: the text of the element named by data-copy.
  document.querySelectorAll("button.copy").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var el = document.getElementById(btn.getAttribute("data-copy"));
      var status = document.getElementById("copy-status");
      if (!el || !navigator.clipboard) {
        if (status) status.textContent = "Copying is not available here: select the text instead.";
        return;
      }
      navigator.clipboard.writeText(el.textContent).then(function () {
        if (status) status.textContent = "Copied to the clipboard.";
      }, function () {
        if (status) status.textContent = "The browser refused to copy: select the text instead.";
      });
    });
  });

  // The note checker counts characters as they are typed.
  var note = document.querySelector("textarea[data-limit]");
  var counter = document.getElementById("note-count");
  if (note && counter) {
    var update = function () {
      var n = Array.from(note.value.normalize("NFC")).length;
      var limit = parseInt(note.getAttribute("data-limit"), 10);
      counter.textContent = n + " of " + limit + " characters" + (n > limit ? ": too long" : "");
    };
    note.addEventListener("input", update);
    update();
  }

  // Policy errors name a line: a click puts the cursor there.
  document.querySelectorAll("button.goto-line").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var ta = document.getElementById("yaml");
      var line = parseInt(btn.getAttribute("data-line"), 10);
      if (!ta || !line) return;
      var lines = ta.value.split("\n");
      var start = 0;
      for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
      var end = start + (lines[line - 1] || "").length;
      ta.focus();
      ta.setSelectionRange(start, end);
      var lh = parseFloat(getComputedStyle(ta).lineHeight) || 18;
      ta.scrollTop = Math.max(0, (line - 3) * lh);
    });
  });

  // An import can take a while: say so, and prevent a second upload.
  var form = document.getElementById("import-form");
  if (form) {
    form.addEventListener("submit", function () {
      var st = document.getElementById("import-status");
      if (st) st.textContent = "Uploading and importing… large exports take a minute.";
      var b = form.querySelector("button[type=submit]");
      if (b) b.disabled = true;
    });
  }
})();
