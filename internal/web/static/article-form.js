// The article editor never loses an edit: it keeps what is typed aside
// every few seconds (an autosave, not a revision), warns before leaving
// with unsaved changes, keeps the story's edit lock alive while open and
// gives it back when closed. A new story, which has no number yet, is kept
// in this browser until it is first saved.
(function () {
  "use strict";

  var form = document.getElementById("article-form");
  if (!form) return;
  var id = form.dataset.article || "";
  var base = "/toasoan/bai-viet/" + id;
  var state = document.getElementById("save-state");
  var lockNotice = document.getElementById("edit-lock");
  var CHECK_MS = 3000;
  var LOCAL_KEY = "toasoan:bai-moi";
  // The fields the workflow buttons add, which are not the story's text.
  var NOT_TEXT = { csrf: true, note: true, at: true, to: true };

  function csrf() {
    var f = form.querySelector('input[name="csrf"]');
    return f ? f.value : "";
  }

  function say(text, unsaved) {
    if (!state) return;
    state.textContent = text;
    state.classList.toggle("nr-unsaved", !!unsaved);
  }

  // snapshot is the story's text as the form holds it now; the body's
  // textarea is kept current by the rich editor.
  function snapshot() {
    var parts = [];
    new FormData(form).forEach(function (v, k) {
      if (!NOT_TEXT[k] && typeof v === "string") parts.push(k + "=" + v);
    });
    return parts.join("\u0000");
  }

  function field(name) {
    var f = form.elements.namedItem(name);
    return f && typeof f.value === "string" ? f.value : "";
  }

  var loaded = snapshot();
  var dirty = form.hasAttribute("data-restored");
  var kept = loaded;
  var submitting = false;

  function check() {
    var now = snapshot();
    if (now !== loaded) dirty = true;
    if (!dirty || now === kept) return;
    if (id) autosave(now);
    else keepLocally(now);
  }

  function textParams() {
    var p = new URLSearchParams();
    p.set("csrf", csrf());
    p.set("revision", field("revision"));
    p.set("title", field("title"));
    p.set("lead", field("lead"));
    p.set("body", field("body"));
    return p;
  }

  var inFlight = false;
  function autosave(now) {
    if (inFlight) return;
    inFlight = true;
    fetch(base + "/tu-luu", {
      method: "POST", body: textParams(), credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRF-Token": csrf() },
    }).then(function (resp) {
      return resp.json().catch(function () { return null; }).then(function (body) {
        if (!resp.ok) throw new Error(body && body.error && body.error.message || "máy chủ không trả lời");
        kept = now;
        say(body.message, true);
      });
    }).catch(function (err) {
      say("Chưa tự giữ được bản đang sửa (" + err.message + "). Đừng đóng trang; hãy bấm “Lưu”.", true);
    }).finally(function () { inFlight = false; });
  }

  // A new story lives in this browser until its first save.
  function keepLocally(now) {
    try {
      localStorage.setItem(LOCAL_KEY, JSON.stringify({
        title: field("title"), lead: field("lead"), body: field("body"), at: new Date().toISOString(),
      }));
      kept = now;
      say("Đã giữ bài đang viết trên máy này lúc " + new Date().toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" }) + " (chưa lưu)", true);
    } catch (e) {
      say("Bài chưa được lưu; hãy bấm “Lưu”.", true);
    }
  }

  function offerLocal() {
    var raw;
    try { raw = localStorage.getItem(LOCAL_KEY); } catch (e) { return; }
    if (!raw || field("title") || field("lead")) return;
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { return; }
    if (!draft || !(draft.title || draft.lead || draft.body)) return;
    var box = document.createElement("div");
    box.className = "nr-warning";
    box.setAttribute("role", "status");
    var when = new Date(draft.at);
    var p = document.createElement("p");
    p.textContent = "Có một bài đang viết dở trên máy này, chưa lưu" +
      (isNaN(when) ? "" : " (lúc " + when.toLocaleString("vi-VN") + ")") + ": “" + (draft.title || "chưa có tiêu đề") + "”.";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.textContent = "Khôi phục bài đang viết";
    var drop = document.createElement("button");
    drop.type = "button";
    drop.textContent = "Bỏ";
    box.append(p, restore, document.createTextNode(" "), drop);
    form.parentNode.insertBefore(box, form);
    restore.addEventListener("click", function () {
      // The rich editor read its textarea when mounted; "editor:replace"
      // gives it the kept body.
      form.elements.namedItem("title").value = draft.title || "";
      form.elements.namedItem("lead").value = draft.lead || "";
      var body = form.elements.namedItem("body");
      body.value = draft.body || "";
      body.dispatchEvent(new CustomEvent("editor:replace", { detail: draft.body || "" }));
      box.remove();
      dirty = true;
      say("Đã khôi phục bài đang viết; bấm “Lưu” để lưu.", true);
    });
    drop.addEventListener("click", function () {
      try { localStorage.removeItem(LOCAL_KEY); } catch (e) { /* nothing kept */ }
      box.remove();
    });
  }

  form.addEventListener("submit", function () {
    submitting = true;
    if (!id) {
      try { localStorage.removeItem(LOCAL_KEY); } catch (e) { /* nothing kept */ }
    }
  });

  window.addEventListener("beforeunload", function (e) {
    if (submitting || !dirty || snapshot() === loaded) return;
    e.preventDefault();
    e.returnValue = "";
  });

  setInterval(check, CHECK_MS);
  form.addEventListener("input", function () { dirty = dirty || snapshot() !== loaded; });

  if (!id) {
    offerLocal();
    return;
  }

  // The edit lock: renewed while the page is open, given back when closed.
  function beat() {
    var p = new URLSearchParams();
    p.set("csrf", csrf());
    fetch(base + "/dang-sua", {
      method: "POST", body: p, credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRF-Token": csrf() },
    }).then(function (resp) { return resp.ok ? resp.json() : null; }).then(function (lock) {
      if (!lock || !lockNotice) return;
      lockNotice.textContent = lock.message || "";
      lockNotice.hidden = !lock.message;
    }).catch(function () { /* the next beat tries again */ });
  }
  setInterval(beat, Number(form.dataset.beat) || 20000);

  window.addEventListener("pagehide", function () {
    if (!navigator.sendBeacon) return;
    if (!submitting && dirty && snapshot() !== kept) navigator.sendBeacon(base + "/tu-luu", textParams());
    var p = new URLSearchParams();
    p.set("csrf", csrf());
    navigator.sendBeacon(base + "/roi-di", p);
  });
})();
