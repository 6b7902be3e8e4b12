// The comment queue. Keyboard shortcuts, listed on the page: j/k move
// between comments, a approves, 1–9 choose a rejection reason, r rejects
// with it, s marks spam, e edits the text (Esc leaves the box), x ticks
// the comment for the bulk form. Rejecting without a reason is answered
// beside the comment (or the bulk form) before anything is sent; without
// the script the server answers the same way, on the same page.
(function () {
  "use strict";
  var noReason = "Vui lòng chọn lý do từ chối";

  // say puts a message in the error line just before `before`, making the
  // line when there is none yet.
  function say(before, text) {
    var p = before.previousElementSibling;
    if (!p || !p.classList.contains("nr-error")) {
      p = document.createElement("p");
      p.className = "nr-error";
      p.setAttribute("role", "alert");
      before.parentNode.insertBefore(p, before);
    }
    p.textContent = text;
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    var reason = form.querySelector('select[name="reason"]');
    if (!reason || reason.value) return;
    if (form.classList.contains("nr-moderate") && e.submitter && e.submitter.value === "reject") {
      e.preventDefault();
      say(form, noReason);
      reason.focus();
    } else if (form.id === "bulk" && form.querySelector('select[name="action"]').value === "reject") {
      e.preventDefault();
      say(form, noReason);
      reason.focus();
    }
  });

  var items = Array.prototype.slice.call(document.querySelectorAll(".nr-comment"));
  if (!items.length) return;
  var current = 0;
  items.forEach(function (el, n) {
    if ("#" + el.id === location.hash) current = n;
  });
  items.forEach(function (el, n) {
    if (el.hasAttribute("data-error")) current = n;
  });

  function focus(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (el, n) { el.classList.toggle("nr-current", n === current); });
    items[current].focus();
  }
  function find(selector) { return items[current].querySelector(selector); }
  function click(selector) {
    var el = find(selector);
    if (el) el.click();
  }

  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "textarea" || tag === "input" || tag === "select") {
      if (e.key === "Escape" && items.indexOf(e.target.closest(".nr-comment")) >= 0) {
        e.target.blur();
        focus(items.indexOf(e.target.closest(".nr-comment")));
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var reason = find('select[name="reason"]');
    switch (e.key) {
      case "j": focus(current + 1); break;
      case "k": focus(current - 1); break;
      case "a": click('button[value="approve"]'); break;
      case "r":
        // Without a reason, say so and stay: 1–9 choose one, r again sends.
        if (reason && !reason.value) say(find("form.nr-moderate"), noReason);
        else click('button[value="reject"]');
        break;
      case "s": click('button[value="spam"]'); break;
      case "e": var t = find("textarea"); if (t) t.focus(); break;
      case "x": var box = find('input[name="ids"]'); if (box) box.checked = !box.checked; break;
      default:
        if (e.key.length === 1 && e.key >= "1" && e.key <= "9" && reason && Number(e.key) < reason.options.length) {
          reason.selectedIndex = Number(e.key);
          var error = items[current].querySelector(".nr-error");
          if (error && error.textContent === noReason) error.remove();
          break;
        }
        return;
    }
    e.preventDefault();
  });
  focus(current);
})();
