// Comments without a page reload. The form and the like buttons work as
// plain posts without this file; with it, the reader stays in place.
(function () {
  var area = document.getElementById("binh-luan");
  if (!area) return;
  var form = area.querySelector(".comment-form");

  function message(cls, text) {
    var old = area.querySelector("." + cls);
    if (old) old.remove();
    var p = document.createElement("p");
    p.className = cls;
    p.setAttribute("role", cls === "comment-error" ? "alert" : "status");
    p.textContent = text;
    return p;
  }

  if (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        headers: { "Accept": "application/json" },
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin"
      }).then(function (res) {
        return res.json().then(function (data) { return { ok: res.ok, data: data }; });
      }).then(function (r) {
        if (!r.ok) {
          form.insertBefore(message("comment-error", r.data.error.message), form.querySelector("label"));
          return;
        }
        var err = form.querySelector(".comment-error");
        if (err) err.remove();
        var sent = document.createElement("div");
        sent.className = "comment-sent";
        sent.setAttribute("role", "status");
        sent.appendChild(message("comment-sent-notice", r.data.message));
        var copy = document.createElement("blockquote");
        copy.className = "comment-copy";
        copy.textContent = form.elements.body.value;
        sent.appendChild(copy);
        form.parentNode.insertBefore(sent, form);
        form.elements.body.value = "";
      }).catch(function () {
        form.insertBefore(message("comment-error", "Không gửi được bình luận, vui lòng thử lại."), form.querySelector("label"));
      }).then(function () { button.disabled = false; });
    });
  }

  area.addEventListener("click", function (e) {
    var reply = e.target.closest(".comment-reply");
    if (!reply || !form) return;
    e.preventDefault();
    form.elements.parent_id.value = reply.dataset.reply;
    var note = form.querySelector(".comment-replying") || document.createElement("p");
    note.className = "comment-replying";
    note.textContent = "Trả lời " + reply.dataset.name;
    form.insertBefore(note, form.firstChild);
    reply.closest(".comment").after(form);
    form.elements.body.focus();
  });

  area.addEventListener("submit", function (e) {
    var like = e.target.closest(".comment-like");
    if (!like) return;
    e.preventDefault();
    fetch(like.action, { method: "POST", headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (res) { return res.json(); })
      .then(function (data) {
        if (typeof data.likes === "number") like.querySelector(".comment-likes").textContent = data.likes;
      });
  });
})();
