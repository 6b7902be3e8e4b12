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
