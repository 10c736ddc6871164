// What the live screens share (the desk board and the lobby TV): a Server-Sent Events stream that says when the
// queue changed, a fragment fetched again after each change and every 30 seconds (timers move by the clock), a
// Live / Reconnecting indicator, and a sound switch (browsers allow sound only after a tap).
(function () {
  "use strict";
  window.KioskLive = {
    // Keeps `target` up to date from `fragmentUrl`; `updated(target)` runs after each fetch.
    start: function (eventsUrl, fragmentUrl, target, status, updated) {
      var pending = null;
      function show(live) {
        status.textContent = status.getAttribute(live ? "data-live" : "data-offline");
        status.className = live ? "live on" : "live off";
      }
      function refresh() {
        window.clearTimeout(pending);
        pending = window.setTimeout(function () {
          window.fetch(fragmentUrl, { cache: "no-store", credentials: "same-origin", redirect: "manual",
                                      headers: { "X-Background": "1" } })
            .then(function (r) {
              if (r.type === "opaqueredirect" || r.status === 401 || r.status === 303) { window.location.reload(); return null; }
              return r.ok ? r.text() : null;
            })
            .then(function (html) {
              if (html !== null && html !== undefined) { target.innerHTML = html; updated(target); }
            })
            .catch(function () { show(false); });
        }, 100);
      }
      window.setInterval(refresh, 30000);
      var source = new window.EventSource(eventsUrl);
      source.addEventListener("hello", function () { show(true); refresh(); });
      source.addEventListener("change", refresh);
      source.onopen = function () { show(true); };
      source.onerror = function () { show(false); };
    },
    // A toggle button with aria-pressed; returns a function that plays `notes` ([[hertz, delay]]) when it is on.
    sound: function (toggle, notes) {
      var audio = null;
      function on() { return toggle && toggle.getAttribute("aria-pressed") === "true"; }
      function play() {
        if (!on() || !audio) { return; }
        notes.forEach(function (note) {
          var osc = audio.createOscillator();
          var gain = audio.createGain();
          osc.frequency.value = note[0];
          gain.gain.setValueAtTime(0.15, audio.currentTime + note[1]);
          gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + note[1] + 0.5);
          osc.connect(gain);
          gain.connect(audio.destination);
          osc.start(audio.currentTime + note[1]);
          osc.stop(audio.currentTime + note[1] + 0.5);
        });
      }
      if (toggle) {
        toggle.addEventListener("click", function () {
          var now = !on();
          toggle.setAttribute("aria-pressed", now ? "true" : "false");
          toggle.textContent = toggle.getAttribute(now ? "data-on" : "data-off");
          if (now && !audio && window.AudioContext) { audio = new window.AudioContext(); }
          play();
        });
      }
      return play;
    }
  };
})();
