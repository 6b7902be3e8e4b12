// Keyboard shortcuts for the comment queue: j/k move between comments,
// a approves, s marks spam, r focuses the reason list, e edits the text.
(function () {
  var items = Array.prototype.slice.call(document.querySelectorAll(".nr-comment"));
  if (!items.length) return;
  var current = 0;
  function focus(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (el, n) { el.classList.toggle("nr-current", n === current); });
    items[current].focus();
  }
  function click(selector) {
    var el = items[current].querySelector(selector);
    if (el) el.click();
  }
  document.addEventListener("keydown", function (e) {
    var tag = (e.target.tagName || "").toLowerCase();
    if (tag === "textarea" || tag === "input" || tag === "select" || e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case "j": focus(current + 1); break;
      case "k": focus(current - 1); break;
      case "a": click('button[value="approve"]'); break;
      case "s": click('button[value="spam"]'); break;
      case "r": var r = items[current].querySelector('select[name="reason"]'); if (r) r.focus(); break;
      case "e": var t = items[current].querySelector("textarea"); if (t) t.focus(); break;
      default: return;
    }
    e.preventDefault();
  });
  focus(0);
})();
