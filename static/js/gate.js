/* The gate page (templates/admin/guests/gate.html), over its plain forms:
 *
 * - a code typed or read by the camera is kept in a queue on the phone (localStorage)
 *   with the day and the time of the scan, then sent to the page's scan address; while
 *   the phone is offline the scans wait, counted on the page, and go when the connection
 *   returns (the "online" event, or every 15 seconds);
 * - the server resolves duplicates: a scan it already recorded is answered "already",
 *   and leaves the queue like any answer; only a failed connection (or a server that is
 *   down or busy) keeps a scan queued;
 * - the camera reads the QR code with the browser's BarcodeDetector, or with jsQR
 *   (static/vendor/jsqr, Apache-2.0) loaded only where it is missing.
 *
 * The phone holds no guest list: offline it says the scan is saved and will be checked
 * once online. Without JavaScript the forms post as they are.
 */
(function () {
  "use strict";

  var root = document.querySelector(".gate[data-scan-url]");
  if (!root || !window.fetch || !window.localStorage) return;

  var form = document.getElementById("gate-code-form");
  var codeInput = form.querySelector("[name=code]");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var answer = document.getElementById("gate-answer");
  var queueLine = document.getElementById("gate-queue");
  var key = "gate-queue:" + root.dataset.scanUrl;
  var sending = false;

  function queue() {
    try {
      return JSON.parse(localStorage.getItem(key)) || [];
    } catch (error) {
      return [];
    }
  }

  function keep(scans) {
    localStorage.setItem(key, JSON.stringify(scans));
    showQueue(scans.length);
  }

  function showQueue(count) {
    queueLine.hidden = count === 0;
    queueLine.textContent = root.dataset.queueLabel.replace("{count}", count);
  }

  function show(kind, message, guest) {
    answer.className = "gate-answer gate-answer-" + kind;
    answer.replaceChildren();
    function line(text, className) {
      var p = document.createElement("p");
      p.textContent = text;
      if (className) p.className = className;
      answer.appendChild(p);
    }
    line(message, "gate-answer-message");
    if (guest) {
      line(guest.name, "gate-guest-name");
      line((guest.position ? guest.position + " · " : "") + guest.institution);
      line(root.dataset.companionsLabel.replace("{companions}", guest.companions), "gate-companions");
    }
  }

  function add(code) {
    var scans = queue();
    scans.push({ code: code, day: root.dataset.day, scanned_at: new Date().toISOString() });
    keep(scans);
    if (!navigator.onLine) show("saved", root.dataset.savedLabel);
    send();
  }

  function send() {
    if (sending || !navigator.onLine) return;
    var scans = queue();
    if (!scans.length) return;
    sending = true;
    var scan = scans[0];
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf);
    body.append("code", scan.code);
    body.append("day", scan.day);
    body.append("scanned_at", scan.scanned_at);
    fetch(root.dataset.scanUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        if (response.status >= 500 || response.status === 429 || response.status === 403) {
          throw new Error("not now");
        }
        return response.json();
      })
      .then(function (reply) {
        // Answered: the scan leaves the queue, whatever the answer.
        keep(queue().filter(function (other) {
          return !(other.code === scan.code && other.scanned_at === scan.scanned_at);
        }));
        show(reply.status, reply.message, reply.guest);
        sending = false;
        send();
      })
      .catch(function () {
        sending = false;
        showQueue(queue().length);
      });
  }

  form.addEventListener("submit", function (event) {
    var code = codeInput.value.trim();
    if (!code) return; // the server says what is missing
    event.preventDefault();
    codeInput.value = "";
    add(code);
    codeInput.focus();
  });
  window.addEventListener("online", send);
  window.setInterval(send, 15000);
  showQueue(queue().length);
  send();

  // The camera.
  var camera = document.getElementById("gate-camera");
  var video = document.getElementById("gate-video");
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  camera.hidden = false;
  var lastCode = null;
  var lastAt = 0;

  function found(code) {
    var now = Date.now();
    // The same QR code held in front of the camera is read once, not every frame.
    if (code === lastCode && now - lastAt < 5000) return;
    lastCode = code;
    lastAt = now;
    add(code);
  }

  function detector() {
    if ("BarcodeDetector" in window) {
      var barcodes = new window.BarcodeDetector({ formats: ["qr_code"] });
      return Promise.resolve(function () {
        return barcodes.detect(video).then(function (codes) {
          return codes.length ? codes[0].rawValue : null;
        });
      });
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root.dataset.decoderUrl;
      script.onload = function () {
        var canvas = document.createElement("canvas");
        var context = canvas.getContext("2d", { willReadFrequently: true });
        resolve(function () {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          if (!canvas.width) return Promise.resolve(null);
          context.drawImage(video, 0, 0);
          var image = context.getImageData(0, 0, canvas.width, canvas.height);
          var code = window.jsQR(image.data, image.width, image.height);
          return Promise.resolve(code ? code.data : null);
        });
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  document.getElementById("gate-camera-start").addEventListener("click", function (event) {
    event.currentTarget.hidden = true;
    Promise.all([
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }),
      detector(),
    ])
      .then(function (results) {
        video.srcObject = results[0];
        video.hidden = false;
        return video.play().then(function () {
          var read = results[1];
          (function loop() {
            read()
              .then(function (code) {
                if (code) found(code);
              })
              .catch(function () {})
              .then(function () {
                window.setTimeout(loop, 250);
              });
          })();
        });
      })
      .catch(function () {
        show("refused", root.dataset.cameraLabel);
      });
  });
})();
