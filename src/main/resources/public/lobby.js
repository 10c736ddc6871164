// The waiting-room TV: Server-Sent Events say when the queue changed; the calls are fetched again, and a new call
// chimes where someone switched the chime on (browsers allow sound only after a tap on the screen).
(function () {
  "use strict";
  var body = document.body;
  var calls = document.getElementById("lobby-calls");
  var status = document.getElementById("live-status");
  var callsUrl = body.getAttribute("data-calls-url");
  var eventsUrl = body.getAttribute("data-events-url");
  if (!calls || !status || !callsUrl || !eventsUrl || !window.EventSource) { return; }
  var pending = null;
  var newest = latest();

  function latest() {
    var list = calls.querySelector("[data-newest]");
    return list ? list.getAttribute("data-newest") : null;
  }
  function show(live) {
    status.textContent = status.getAttribute(live ? "data-live" : "data-offline");
    status.className = live ? "live on" : "live off";
  }
  function refresh() {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      window.fetch(callsUrl, { cache: "no-store", credentials: "same-origin", redirect: "manual",
                               headers: { "X-Background": "1" } })
        .then(function (r) {
          if (r.type === "opaqueredirect" || r.status === 401) { window.location.reload(); return null; }
          return r.ok ? r.text() : null;
        })
        .then(function (html) {
          if (html === null || html === undefined) { return; }
          calls.innerHTML = html;
          var now = latest();
          if (now !== null && now !== newest) { chime(); }
          newest = now;
        })
        .catch(function () { show(false); });
    }, 100);
  }
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
  // A gentle two-note chime, not an alarm.
  function chime() {
    if (!soundOn() || !audio) { return; }
    [[523, 0], [659, 0.3]].forEach(function (note) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = note[0];
      gain.gain.setValueAtTime(0.15, audio.currentTime + note[1]);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + note[1] + 0.6);
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(audio.currentTime + note[1]);
      osc.stop(audio.currentTime + note[1] + 0.6);
    });
  }
  // Calls fall off the screen after 15 minutes by the clock: look again every 30 seconds as well.
  window.setInterval(refresh, 30000);
  var source = new window.EventSource(eventsUrl);
  source.addEventListener("hello", function () { show(true); refresh(); });
  source.addEventListener("change", refresh);
  source.onopen = function () { show(true); };
  source.onerror = function () { show(false); };
})();
