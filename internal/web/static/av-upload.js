// The "Video và âm thanh" page's upload, resumable (the tus protocol at
// /toasoan/tai-len): the file goes in pieces of 8 MB with a progress
// bar; when the connection breaks the page asks the server where the
// upload stands (HEAD) and goes on from there, waiting longer after each
// failure; a page opened again resumes an unfinished upload of the same
// file (its address is kept in localStorage for a day). Without this
// script the form posts the whole file, as before.
(function () {
  "use strict";
  var form = document.querySelector("form.nr-upload[data-resumable]");
  if (!form || !window.XMLHttpRequest || !window.Blob || !Blob.prototype.slice) return;
  var PIECE = 8 << 20;
  var csrf = form.querySelector('input[name="csrf"]').value;
  var status = form.querySelector(".nr-upload-status");
  var bar = form.querySelector("progress");
  var button = form.querySelector('button[type="submit"]');

  function say(text, isError) {
    status.textContent = text;
    status.className = "nr-upload-status" + (isError ? " nr-error" : "");
  }
  function b64(s) {
    return btoa(unescape(encodeURIComponent(s)));
  }
  function keyOf(file) {
    return "toasoan-tai-len:" + [file.name, file.size, file.lastModified].join(":");
  }
  // send makes one request; done(status, xhr) is called on an answer,
  // done(0) when the connection failed.
  function send(method, url, headers, body, onProgress, done) {
    var x = new XMLHttpRequest();
    x.open(method, url);
    x.setRequestHeader("Tus-Resumable", "1.0.0");
    x.setRequestHeader("Accept", "application/json");
    if (method !== "HEAD") x.setRequestHeader("X-CSRF-Token", csrf);
    Object.keys(headers).forEach(function (k) { x.setRequestHeader(k, headers[k]); });
    if (onProgress && x.upload) x.upload.onprogress = onProgress;
    x.onload = function () { done(x.status, x); };
    x.onerror = x.ontimeout = function () { done(0, x); };
    x.send(body || null);
  }
  function message(x, fallback) {
    try { return JSON.parse(x.responseText).error.message || fallback; } catch (e) { return fallback; }
  }

  form.addEventListener("submit", function (ev) {
    var file = form.querySelector('input[type="file"]').files[0];
    if (!file) return;
    ev.preventDefault();
    button.disabled = true;
    bar.hidden = false;
    var title = form.querySelector('input[name="title"]').value;
    var key = keyOf(file), failures = 0, url = null;
    try {
      var kept = JSON.parse(localStorage.getItem(key) || "null");
      if (kept && Date.now() - kept.at < 864e5) url = kept.url;
    } catch (e) { /* no storage: start afresh */ }

    function fail(text) {
      button.disabled = false;
      say(text, true);
    }
    function retry() {
      failures++;
      if (failures > 8) return fail("Mất kết nối quá nhiều lần; phần đã gửi được giữ lại, bấm “Tải lên” để gửi tiếp.");
      var wait = Math.min(30, Math.pow(2, failures));
      say("Mất kết nối; thử lại sau " + wait + " giây…");
      setTimeout(where, wait * 1000);
    }
    function create() {
      send("POST", "/toasoan/tai-len", { "Upload-Length": String(file.size), "Upload-Metadata": "title " + b64(title) + ",filename " + b64(file.name) }, null, null,
        function (st, x) {
          if (st === 0) return retry();
          if (st !== 201) return fail(message(x, "Máy chủ không nhận tệp này."));
          url = x.getResponseHeader("Location");
          try { localStorage.setItem(key, JSON.stringify({ url: url, at: Date.now() })); } catch (e) { /* fine */ }
          piece(0);
        });
    }
    // where asks the server how much it has and goes on from there.
    function where() {
      if (!url) return create();
      send("HEAD", url, {}, null, null, function (st, x) {
        if (st === 0) return retry();
        if (st === 404) { url = null; return create(); }
        if (st !== 200) return fail(message(x, "Không hỏi được máy chủ vị trí tải tiếp."));
        piece(parseInt(x.getResponseHeader("Upload-Offset"), 10) || 0);
      });
    }
    function piece(from) {
      if (from >= file.size) return where();
      var to = Math.min(file.size, from + PIECE);
      send("PATCH", url, { "Content-Type": "application/offset+octet-stream", "Upload-Offset": String(from) }, file.slice(from, to),
        function (e) {
          bar.value = Math.round((from + e.loaded) / file.size * 100);
          say("Đang tải lên: " + bar.value + "%");
        },
        function (st, x) {
          if (st === 0) return retry();
          if (st === 409) return where();
          if (st === 200 || (st === 204 && x.getResponseHeader("Toasoan-Media-Id"))) {
            try { localStorage.removeItem(key); } catch (e) { /* fine */ }
            say("Đã tải lên; đang xử lý…");
            location.assign("/toasoan/video?ok=tai-len");
            return;
          }
          if (st !== 204) {
            try { localStorage.removeItem(key); } catch (e) { /* fine */ }
            return fail(message(x, "Máy chủ từ chối tệp."));
          }
          failures = 0;
          piece(parseInt(x.getResponseHeader("Upload-Offset"), 10) || to);
        });
    }
    say("Bắt đầu tải lên…");
    where();
  });
})();
