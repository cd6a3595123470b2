// linkvet's small amount of JavaScript: keyboard triage, copy buttons and
// a few conveniences. Every page works without it.
(function () {
  "use strict";

  var rows = Array.prototype.slice.call(document.querySelectorAll("#inbox > .row"));
  var storeKey = "linkvet-row:" + location.pathname + location.search.replace(/[?&]done=[^&]*/, "");
  var current = -1;
  // WCAG 2.1.4: single-letter shortcuts can be turned off (in the help).
  var keysOff = false;
  try { keysOff = localStorage.getItem("linkvet-keys-off") === "1"; } catch (e) { keysOff = false; }

  function select(i, focus) {
    if (!rows.length) return;
    i = Math.max(0, Math.min(rows.length - 1, i));
    if (current >= 0 && rows[current]) {
      rows[current].classList.remove("current");
      rows[current].removeAttribute("aria-current");
    }
    current = i;
    var row = rows[i];
    row.classList.add("current");
    row.setAttribute("aria-current", "true");
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
    // After a decision the row that took the decided one's place gets
    // the focus, so that triage goes on from the keyboard.
    var after = /[?&]done=/.test(location.search);
    select(saved, after);
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
  var keysBox = document.getElementById("keys-off");
  if (keysBox) {
    keysBox.checked = keysOff;
    keysBox.addEventListener("change", function () {
      keysOff = keysBox.checked;
      try { localStorage.setItem("linkvet-keys-off", keysOff ? "1" : "0"); } catch (e) { /* storage may be off */ }
    });
  }
  var showHelp = document.getElementById("show-help");
  if (showHelp && help && help.showModal) showHelp.addEventListener("click", function () { help.showModal(); });

  // A form is sent once: a second press while the page loads records
  // nothing more.
  var sent = false;
  function press(btn) {
    if (!btn || sent) return;
    sent = true;
    btn.click();
  }
  document.querySelectorAll("form.decide").forEach(function (f) {
    f.addEventListener("submit", function () { sent = true; });
  });

  // The review page: the recommendation is preselected.
  var review = document.getElementById("review-form");
  if (review) {
    var rec = review.querySelector("button[data-rec]");
    if (rec) rec.focus();
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    if (help && help.open) return;
    // A held key repeats keydown: one decision per press, never more.
    if (ev.repeat) { if (ev.key.length === 1 || ev.key === "Enter") ev.preventDefault(); return; }
    var key = ev.key;
    if (key === "?") {
      if (help && help.showModal) { help.showModal(); ev.preventDefault(); }
      return;
    }
    if (key === "Enter") {
      // Enter on a row (its summary) records linkvet's recommendation;
      // on a button or link it does what it always does.
      var t = ev.target;
      var row = t && t.closest ? t.closest("#inbox > .row, .review") : null;
      if (row && (t.tagName === "SUMMARY" || t === row)) {
        var b = row.querySelector("button[data-rec]");
        if (b) { ev.preventDefault(); press(b); }
      }
      return;
    }
    if (keysOff || key.length !== 1) return;
    if (key === "u") {
      var undo = document.getElementById("undo") || document.getElementById("undo-batch");
      if (undo) { ev.preventDefault(); press(undo); }
      return;
    }
    var scope = review || (rows.length ? rows[current] : null);
    if (!scope) return;
    if (rows.length && key === "j") { select(current + 1); ev.preventDefault(); return; }
    if (rows.length && key === "k") { select(current - 1); ev.preventDefault(); return; }
    if (rows.length && key === "o") {
      var d = rows[current].querySelector("details");
      if (d) d.open = !d.open;
      ev.preventDefault();
      return;
    }
    if ("asidb".indexOf(key) >= 0) {
      var btn = scope.querySelector('button[data-key="' + key + '"]');
      if (btn) { ev.preventDefault(); press(btn); }
    }
  });

  // The login address's one-time code is sent at once, by POST.
  var login = document.getElementById("login-code");
  if (login) {
    if (history.replaceState) history.replaceState(null, "", "/login");
    login.submit();
  }

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

// Profile drop zones: the form works as a plain file upload; with
// JavaScript, a file dragged onto it is put in its input and sent.
(function () {
  "use strict";
  document.querySelectorAll("form.profile-drop").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    if (!input) return;
    form.classList.add("js-drop");
    var send = function () {
      var b = form.querySelector("button[type=submit]");
      if (b) { b.disabled = true; b.textContent = "Adding…"; }
      form.submit();
    };
    ["dragenter", "dragover"].forEach(function (ev) {
      form.addEventListener(ev, function (e) {
        e.preventDefault();
        form.classList.add("dragover");
      });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      form.addEventListener(ev, function () { form.classList.remove("dragover"); });
    });
    form.addEventListener("drop", function (e) {
      e.preventDefault();
      if (!e.dataTransfer || !e.dataTransfer.files || e.dataTransfer.files.length === 0) return;
      input.files = e.dataTransfer.files;
      send();
    });
  });
})();
