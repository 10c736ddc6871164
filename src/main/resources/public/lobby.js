// The waiting-room TV: the calls follow every queue change; a new call plays a gentle chime where it is on.
(function () {
  "use strict";
  var body = document.body;
  var calls = document.getElementById("lobby-calls");
  var status = document.getElementById("live-status");
  if (!calls || !status || !window.EventSource || !window.KioskLive) { return; }
  function newest() {
    var list = calls.querySelector("[data-newest]");
    return list ? list.getAttribute("data-newest") : null;
  }
  var seen = newest();
  var chime = window.KioskLive.sound(document.getElementById("sound-toggle"), [[523, 0], [659, 0.3]]);
  window.KioskLive.start(body.getAttribute("data-events-url"), body.getAttribute("data-calls-url"), calls, status,
    function () {
      var now = newest();
      if (now !== null && now !== seen) { chime(); }
      seen = now;
    });
})();
