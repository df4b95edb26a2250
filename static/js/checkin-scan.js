// Camera scanning for the check-in page, where the browser can read QR codes itself (BarcodeDetector).
// Progressive enhancement: without it, or without a camera, the typed form is the whole page.
(function () {
  "use strict";

  function start() {
    var form = document.getElementById("check-in-form");
    var area = document.getElementById("scan-area");
    var input = document.getElementById("ticket-code");
    if (!form || !area || !input) return;
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;

    var button = document.createElement("button");
    button.type = "button";
    button.className = "scan-button";
    button.textContent = form.dataset.scanLabel;
    form.appendChild(button);

    var stream = null;
    var timer = null;
    var video = null;

    function stop() {
      if (timer) window.clearTimeout(timer);
      timer = null;
      if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
      area.hidden = true;
      area.textContent = "";
      button.textContent = form.dataset.scanLabel;
    }

    function fail() {
      stop();
      var message = document.createElement("p");
      message.className = "error";
      message.textContent = form.dataset.scanError;
      area.appendChild(message);
      area.hidden = false;
    }

    function scan(detector) {
      detector.detect(video).then(function (codes) {
        var found = codes.find(function (code) { return code.rawValue; });
        if (found) {
          input.value = found.rawValue.trim();
          stop();
          form.submit();
          return;
        }
        timer = window.setTimeout(function () { scan(detector); }, 250);
      }).catch(function () {
        timer = window.setTimeout(function () { scan(detector); }, 500);
      });
    }

    button.addEventListener("click", function () {
      if (stream) { stop(); input.focus(); return; }
      var detector;
      try {
        detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      } catch (error) {
        fail();
        return;
      }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (media) {
        stream = media;
        video = document.createElement("video");
        video.setAttribute("playsinline", "");
        video.muted = true;
        video.srcObject = media;
        area.textContent = "";
        area.appendChild(video);
        area.hidden = false;
        button.textContent = form.dataset.stopLabel;
        return video.play().then(function () { scan(detector); });
      }).catch(fail);
    });

    window.addEventListener("pagehide", stop);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
