// The tablet's idle reset and takeover check. Without JavaScript the server still ends an idle session.
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle-seconds"), 10);
  var prompt = parseInt(body.getAttribute("data-prompt-seconds"), 10);
  var dialog = document.getElementById("still-there");
  var yes = document.getElementById("still-here");
  var resetForm = document.getElementById("reset-form");
  if (!idle || !dialog || !yes || !resetForm) { return; }
  var idleTimer = null;
  var resetTimer = null;

  function reset() { resetForm.submit(); }
  function ask() {
    dialog.hidden = false;
    yes.focus();
    resetTimer = window.setTimeout(reset, prompt * 1000);
  }
  function arm() {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(ask, idle * 1000);
  }
  yes.addEventListener("click", function () {
    window.clearTimeout(resetTimer);
    dialog.hidden = true;
    var headers = { "X-CSRF-Token": body.getAttribute("data-csrf") };
    window.fetch("/kiosk/touch", { method: "POST", headers: headers, credentials: "same-origin" });
    arm();
  });
  ["pointerdown", "keydown", "input", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function () { if (dialog.hidden) { arm(); } }, true);
  });
  arm();

  // Another tablet took this patient's check-in over, or the session ended: back to the start.
  var statusUrl = body.getAttribute("data-status-url");
  if (statusUrl) {
    window.setInterval(function () {
      window.fetch(statusUrl, { cache: "no-store", credentials: "same-origin" }).then(function (r) {
        if (r.status === 410) { window.location.replace("/kiosk"); }
      }).catch(function () { /* offline: try again */ });
    }, 5000);
  }
  // Never show a page restored from the back-forward cache: ask the server again.
  window.addEventListener("pageshow", function (e) { if (e.persisted) { window.location.reload(); } });
})();
