// The "Video và âm thanh" page: while an item is processing, its
// progress bar follows the server (GET /toasoan/video/trang-thai every
// 3 s); when one is ready or failed, the page is loaded again to show
// its poster, its reason or its "Thử lại" button.
(function () {
  "use strict";
  var list = document.querySelector(".nr-av[data-status-url]");
  if (!list) return;
  function processing() {
    return list.querySelectorAll('li[data-status="processing"]');
  }
  function poll() {
    if (processing().length === 0) return;
    fetch(list.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) {
        var changed = false;
        items.forEach(function (it) {
          var li = list.querySelector('li[data-id="' + it.id + '"]');
          if (!li || li.dataset.status !== "processing") return;
          if (it.status !== "processing") { changed = true; return; }
          var bar = li.querySelector("progress"), pct = li.querySelector(".nr-av-percent");
          if (bar) bar.value = it.progress;
          if (pct) pct.textContent = it.progress + "%";
        });
        if (changed) location.reload();
        else setTimeout(poll, 3000);
      })
      .catch(function () { setTimeout(poll, 10000); });
  }
  setTimeout(poll, 3000);
})();
