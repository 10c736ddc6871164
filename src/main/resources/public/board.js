// The live desk board: the columns follow every queue change; an escalated flag chimes where sound is on.
(function () {
  "use strict";
  var body = document.body;
  var columns = document.getElementById("board-columns");
  var status = document.getElementById("live-status");
  if (!columns || !status || !window.EventSource || !window.KioskLive) { return; }
  var chime = window.KioskLive.sound(document.getElementById("sound-toggle"), [[660, 0], [660, 0.35]]);
  window.KioskLive.start(body.getAttribute("data-events-url"), body.getAttribute("data-columns-url"), columns, status,
    function (target) { if (target.querySelector(".has-escalated")) { chime(); } });
})();
