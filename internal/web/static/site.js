// Small enhancements; every feature works without this file.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-copy]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.dataset.copy).then(function () {
    var old = link.textContent;
    link.textContent = "Đã sao chép liên kết";
    setTimeout(function () { link.textContent = old; }, 2000);
  });
});

// The article's text size: "A-" and "A+" step through five sizes, kept on
// this device for the next articles. The buttons stay hidden without
// this file, where they could do nothing.
(function () {
  var key = "toasoan_co_chu", smallest = -1, largest = 3;
  var root = document.documentElement;
  function saved() {
    try {
      var n = parseInt(localStorage.getItem(key), 10);
      return isNaN(n) ? 0 : Math.min(largest, Math.max(smallest, n));
    } catch (e) {
      return 0; // storage refused: the usual size
    }
  }
  function show(level) {
    if (level) root.dataset.textSize = level;
    else delete root.dataset.textSize;
  }
  var level = saved();
  show(level);
  var group = document.querySelector(".text-size");
  if (!group) return;
  group.hidden = false;
  group.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-text-size]");
    if (!button) return;
    level = Math.min(largest, Math.max(smallest, level + Number(button.dataset.textSize)));
    show(level);
    try {
      localStorage.setItem(key, String(level));
    } catch (e) {
      // Not kept: the size still changes on this page.
    }
  });
})();

// On a phone the section menu scrolls sideways: the section being read
// is brought into the middle of it rather than left off screen.
(function () {
  var current = document.querySelector(".menu [aria-current]");
  if (!current) return;
  var list = current.closest("ul"), item = current.getBoundingClientRect(), box = list.getBoundingClientRect();
  list.scrollLeft += item.left - box.left - (box.width - item.width) / 2;
})();
