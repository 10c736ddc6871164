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
        .then(function (html) { if (html !== null && html !== undefined) { columns.innerHTML = html; alarm(); } })
        .catch(function () { show(false); });
    }, 100);
  }
  // Sound for escalated flags, only where someone switched it on (browsers allow sound after a tap).
  var toggle = document.getElementById("sound-toggle");
  var audio = null;
  function soundOn() { return toggle && toggle.getAttribute("aria-pressed") === "true"; }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var on = !soundOn();
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = toggle.getAttribute(on ? "data-on" : "data-off");
      if (on && !audio && window.AudioContext) { audio = new window.AudioContext(); }
      if (on) { chime(); }
    });
  }
  function chime() {
    if (!audio) { return; }
    [0, 0.35].forEach(function (delay) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 660;
      gain.gain.setValueAtTime(0.2, audio.currentTime + delay);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + delay + 0.3);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(audio.currentTime + delay);
      osc.stop(audio.currentTime + delay + 0.3);
    });
  }
  function alarm() {
    if (soundOn() && columns.querySelector(".has-escalated")) { chime(); }
  }
  // A flag escalates by the clock, not by an event: look again every 30 seconds as well.
  window.setInterval(refresh, 30000);

  var source = new window.EventSource(eventsUrl);
  source.addEventListener("hello", function () { show(true); refresh(); });
  source.addEventListener("change", refresh);
  source.onopen = function () { show(true); };
  source.onerror = function () { show(false); };
})();
