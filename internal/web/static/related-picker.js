// "Tin liên quan" of the editor's form: the [data-related-picker] field
// becomes a search of published stories by title, whose results are
// buttons that pick a story, and the list of picks, each with a button
// that removes it; each pick is a hidden input "related" with the story's
// number, in order. Everything is a button or a field, so the keyboard
// does it all. Without this script the field stays a text input of
// numbers or addresses separated by commas.
(function () {
  "use strict";

  var FIND = "/toasoan/bai-viet/tim?q=";
  var MAX = 6;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function mount(box) {
    var text = box.querySelector("[data-related-text]");
    var list = box.querySelector(".nr-related-picked");
    if (!text || !list || box.dataset.pickerMounted) return;
    box.dataset.pickerMounted = "true";
    var self = box.dataset.self || "";

    var picks = [];
    list.querySelectorAll("li[data-id]").forEach(function (li) {
      picks.push({ id: li.dataset.id, title: li.dataset.title, note: li.querySelector("small") ? li.querySelector("small").textContent : "" });
    });

    // The plain field gives way to the search: its label and input go.
    var oldLabel = box.querySelector('label[for="' + text.id + '"]');
    if (oldLabel) oldLabel.remove();
    text.remove();

    var label = el("label", "", "Tìm bài đã đăng theo tiêu đề");
    label.htmlFor = "related-search";
    var search = el("input");
    search.type = "search";
    search.id = "related-search";
    search.autocomplete = "off";
    search.setAttribute("aria-describedby", "related-status");
    var status = el("p", "nr-related-status");
    status.id = "related-status";
    status.setAttribute("role", "status");
    var results = el("ul", "nr-related-results");
    results.setAttribute("aria-label", "Kết quả tìm kiếm");
    box.append(label, search, status, results);

    function picked(id) {
      return picks.some(function (p) { return p.id === String(id); });
    }

    function drawPicks() {
      list.replaceChildren();
      picks.forEach(function (p, i) {
        var li = el("li");
        li.dataset.id = p.id;
        li.append(el("span", "nr-related-title", p.title));
        if (p.note) li.append(" ", el("small", "", p.note));
        var hidden = el("input");
        hidden.type = "hidden";
        hidden.name = "related";
        hidden.value = p.id;
        var remove = el("button", "nr-related-remove", "Bỏ");
        remove.type = "button";
        remove.setAttribute("aria-label", "Bỏ “" + p.title + "” khỏi tin liên quan");
        remove.addEventListener("click", function () {
          picks.splice(i, 1);
          drawPicks();
          status.textContent = "Đã bỏ “" + p.title + "”.";
          var next = list.querySelectorAll(".nr-related-remove")[Math.min(i, picks.length - 1)];
          (next || search).focus();
        });
        li.append(" ", hidden, remove);
        list.append(li);
      });
    }

    function drawResults(stories) {
      results.replaceChildren();
      var shown = stories.filter(function (s) { return String(s.id) !== self && !picked(s.id); });
      shown.forEach(function (s) {
        var li = el("li");
        var b = el("button", "nr-related-choose");
        b.type = "button";
        b.dataset.id = s.id;
        b.append(el("span", "nr-related-title", s.title), " ", el("small", "", s.section + " · " + s.date));
        b.addEventListener("click", function () {
          if (picks.length >= MAX) {
            status.textContent = "Đã đủ " + MAX + " tin liên quan; hãy bỏ bớt một bài để chọn bài khác.";
            return;
          }
          picks.push({ id: String(s.id), title: s.title, note: "" });
          drawPicks();
          var next = li.nextElementSibling || li.previousElementSibling;
          li.remove();
          status.textContent = "Đã chọn “" + s.title + "” (" + picks.length + "/" + MAX + ").";
          (next ? next.querySelector("button") : search).focus();
        });
        li.append(b);
        results.append(li);
      });
      status.textContent = shown.length ? shown.length + " bài tìm thấy; bấm một bài để chọn." : "Không tìm thấy bài đã đăng nào khác có tiêu đề này.";
    }

    var timer = 0;
    var asked = "";
    function find() {
      clearTimeout(timer);
      var q = search.value.trim();
      if (q === asked) return;
      asked = q;
      if (!q) {
        results.replaceChildren();
        status.textContent = "";
        return;
      }
      fetch(FIND + encodeURIComponent(q), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (resp) {
          return resp.json().catch(function () { return null; }).then(function (body) {
            if (!resp.ok) throw new Error((body && body.error && body.error.message) || "Không tìm được, vui lòng thử lại.");
            return body;
          });
        })
        .then(function (body) {
          if (q === asked) drawResults(body.stories || []);
        })
        .catch(function (err) {
          if (q === asked) status.textContent = err.message;
        });
    }

    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(find, 250);
    });
    search.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") return;
      e.preventDefault(); // Enter searches; it does not save the story
      asked = "";
      find();
    });
    // The form is sent on Enter's keypress too, which some input methods
    // deliver without a keydown the page could cancel.
    search.addEventListener("keypress", function (e) {
      if (e.key === "Enter") e.preventDefault();
    });
    drawPicks();
  }

  document.querySelectorAll("[data-related-picker]").forEach(mount);
})();
