// The announcement. Without this file it is a plain box at the end of the
// page whose "Tắt [X]" button posts a form; with it, the box floats in a
// corner over nothing the reader needs, and closing hides it at once. Both
// write the same cookie, "toasoan_popup": "ID-UNIXTIME" pairs joined by
// dots, each the time a closing runs out.
(function () {
  var boxes = document.querySelectorAll(".popup[data-popup]");
  var box = boxes[boxes.length - 1];
  if (!box || box.dataset.ready) return;
  box.dataset.ready = "1";
  var id = box.dataset.popup;

  function closings() {
    var found = document.cookie.match(/(?:^|;\s*)toasoan_popup=([^;]*)/);
    var now = Date.now() / 1000, out = {};
    if (found) {
      found[1].split(".").forEach(function (pair) {
        var p = pair.split("-");
        if (p.length === 2 && /^\d+$/.test(p[0]) && Number(p[1]) > now) out[p[0]] = Number(p[1]);
      });
    }
    return out;
  }

  function remember() {
    var all = closings(), pairs = [], last = 0;
    all[id] = Number(box.dataset.until);
    Object.keys(all).sort(function (a, b) { return all[b] - all[a]; }).slice(0, 10).forEach(function (k) {
      pairs.push(k + "-" + all[k]);
      last = Math.max(last, all[k]);
    });
    var cookie = "toasoan_popup=" + pairs.join(".") + "; path=/; samesite=lax; expires=" + new Date(last * 1000).toUTCString();
    if (location.protocol === "https:") cookie += "; secure";
    document.cookie = cookie;
  }

  function close() {
    remember();
    box.hidden = true;
  }

  // A page kept by a cache may still carry an announcement closed since.
  if (closings()[id]) {
    box.hidden = true;
    return;
  }
  box.classList.add("popup-floating");
  // "Once" and "once a day": having seen it is enough.
  if (box.dataset.seen) remember();
  var form = box.querySelector("form.popup-close");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      close();
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !box.hidden) close();
  });
})();
