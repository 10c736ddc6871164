// The live desk board: Server-Sent Events say when the queue changed; the columns are fetched again.
(function () {
  "use strict";
  var body = document.body;
  var columns = document.getElementById("board-columns");
  var status = document.getElementById("live-status");
  var columnsUrl = body.getAttribute("data-columns-url");
  var eventsUrl = body.getAttribute("data-events-url");
  if (!columns || !status || !columnsUrl || !eventsUrl || !window.EventSource) { return; }
  var pending = null;

  function show(live) {
    status.textContent = status.getAttribute(live ? "data-live" : "data-offline");
    status.className = live ? "live on" : "live off";
  }
  function refresh() {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      window.fetch(columnsUrl, { cache: "no-store", credentials: "same-origin", redirect: "manual",
                                 headers: { "X-Background": "1" } })
        .then(function (r) {
          if (r.type === "opaqueredirect" || r.status === 401 || r.status === 303) { window.location.reload(); return null; }
          return r.ok ? r.text() : null;
        })
        .then(function (html) { if (html !== null && html !== undefined) { columns.innerHTML = html; } })
        .catch(function () { show(false); });
    }, 100);
  }
  var source = new window.EventSource(eventsUrl);
  source.addEventListener("hello", function () { show(true); refresh(); });
  source.addEventListener("change", refresh);
  source.onopen = function () { show(true); };
  source.onerror = function () { show(false); };
})();
