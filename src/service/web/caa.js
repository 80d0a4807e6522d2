/* caa serve: small enhancements only; every page works without this file.
   - a Copy button beside each fix record (the record stays selectable without it)
   - a busy state on forms, so a slow DNS check does not invite a second click */
(function () {
  "use strict";

  function copyText(text, button) {
    var done = function () {
      var old = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = old; }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { selectOnly(button); });
    } else {
      selectOnly(button);
    }
  }

  /* Without clipboard access, select the text so Ctrl+C / long-press copies it. */
  function selectOnly(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) { return; }
    var range = document.createRange();
    range.selectNodeContents(target);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function addCopyButtons() {
    var targets = document.querySelectorAll("[data-copyable]");
    for (var i = 0; i < targets.length; i++) {
      var target = targets[i];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy secondary";
      button.textContent = "Copy";
      button.setAttribute("data-copy", target.id);
      button.setAttribute("aria-label", "Copy " + (target.getAttribute("data-copyable") || "text"));
      button.addEventListener("click", function (ev) {
        var b = ev.currentTarget;
        var t = document.getElementById(b.getAttribute("data-copy"));
        /* a link copies as the absolute URL it points to, so it can be pasted anywhere */
        if (t) { copyText(t.href || t.textContent, b); }
      });
      var holder = target.closest("pre") ? target.closest("pre").parentNode : target.parentNode;
      holder.appendChild(button);
    }
  }

  function busyForms() {
    var forms = document.querySelectorAll("form");
    for (var i = 0; i < forms.length; i++) {
      forms[i].addEventListener("submit", function (ev) {
        var b = ev.currentTarget.querySelector("button[type=submit]");
        if (b) {
          b.setAttribute("aria-busy", "true");
          b.textContent = "Working…";
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    addCopyButtons();
    busyForms();
  });
})();
