// Keeps a live story's open page up to date without reloading it: every
// few seconds (data-live-poll), and at once when the tab is looked at
// again, it asks the public entries endpoint for the entries newer than
// the newest shown, puts them on top and announces them politely. It asks
// nothing while the tab is hidden, and stops when the coverage has ended.
// The page itself stays cacheable; the answers are cached 5 seconds, so
// readers who opened the same version of the page share them.
(function () {
  "use strict";
  var box = document.querySelector("[data-live-feed]");
  if (!box || !window.fetch) return;
  var feed = box.getAttribute("data-live-feed");
  var list = box.querySelector(".live-entries");
  var status = box.querySelector("[data-live-status]");
  var after = parseInt(box.getAttribute("data-live-after"), 10) || 0;
  var every = Math.max(1000, parseInt(box.getAttribute("data-live-poll"), 10) || 15000);
  var timer = 0;
  var busy = false;
  var stopped = false;

  function schedule() {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(poll, every);
  }

  function poll() {
    if (stopped || busy) return;
    if (document.visibilityState !== "visible") {
      schedule();
      return;
    }
    busy = true;
    fetch(feed + "?after=" + after, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (r.status === 404) {
          stopped = true; // taken down, or no longer live: nothing more will come
          return null;
        }
        return r.ok ? r.json() : null;
      })
      .then(function (data) {
        if (data) show(data);
      })
      .catch(function () { /* the network will be back; try at the next turn */ })
      .then(function () {
        busy = false;
        schedule();
      });
  }

  function show(data) {
    var entries = data.entries || [];
    var added = 0;
    var first = "";
    // Newest first in the answer: put the oldest on top first.
    for (var i = entries.length - 1; i >= 0; i--) {
      var e = entries[i];
      if (e.id <= after || document.getElementById("dien-bien-" + e.id)) continue;
      list.insertBefore(item(e), list.firstChild);
      after = e.id;
      added++;
      first = e.time;
    }
    if (added > 0) {
      status.textContent = (added === 1 ? "Có 1 diễn biến mới lúc " : "Có " + added + " diễn biến mới, mới nhất lúc ") + first;
    }
    if (data.ended) {
      stopped = true;
      var badge = box.querySelector(".live-badge");
      if (badge) badge.remove();
      var ended = box.querySelector("[data-live-ended]");
      if (ended) ended.hidden = false;
      status.textContent = "Đã kết thúc tường thuật.";
    }
  }

  // item draws an entry as the page does; its body went through the
  // paper's allow-list when it was saved.
  function item(e) {
    var li = document.createElement("li");
    li.className = "live-entry";
    li.id = "dien-bien-" + e.id;
    var when = document.createElement("p");
    when.className = "live-time";
    var time = document.createElement("time");
    time.dateTime = e.created_at;
    time.textContent = e.time;
    when.appendChild(time);
    var body = document.createElement("div");
    body.className = "live-body";
    body.innerHTML = e.body;
    li.appendChild(when);
    li.appendChild(body);
    return li;
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      clearTimeout(timer);
      poll();
    }
  });
  schedule();
})();
