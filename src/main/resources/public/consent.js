// The signature at the tablet, drawn with the signature_pad library (served from the jar, not hand-written).
(function () {
  "use strict";
  var canvas = document.getElementById("signature-pad");
  var field = document.getElementById("signature");
  var form = document.getElementById("consent-form");
  var clear = document.getElementById("signature-clear");
  var end = document.getElementById("consent-end");
  var sign = document.getElementById("sign");
  if (!canvas || !field || !form || !window.SignaturePad) { return; }
  // A sharp line on high-density screens: the canvas has as many pixels as the screen shows.
  var ratio = Math.max(window.devicePixelRatio || 1, 1);
  canvas.width = canvas.offsetWidth * ratio;
  canvas.height = canvas.offsetHeight * ratio;
  canvas.getContext("2d").scale(ratio, ratio);
  var pad = new window.SignaturePad(canvas, { penColor: "rgb(0, 0, 0)", minWidth: 1.2, maxWidth: 3 });
  clear.addEventListener("click", function () { pad.clear(); field.value = ""; });
  form.addEventListener("submit", function () { field.value = pad.isEmpty() ? "" : pad.toDataURL("image/png"); });
  // Signing waits until the end of the text has been on the screen.
  if (end && sign && window.IntersectionObserver) {
    sign.disabled = true;
    new window.IntersectionObserver(function (entries, observer) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { sign.disabled = false; observer.disconnect(); }
      });
    }).observe(end);
  }
})();
