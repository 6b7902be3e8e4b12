// The announcement: without this file it is a plain box at the end of the
// page whose close button posts a form; with it, the box floats in a
// corner over nothing the reader needs, and closing hides it at once.
// The cookie is the one the server sets, so the next page leaves it out.
(function () {
  var boxes = document.querySelectorAll(".popup[data-popup]");
  var box = boxes[boxes.length - 1];
  if (!box || box.dataset.ready) return;
  box.dataset.ready = "1";

  function remember() {
    var cookie = "toasoan_tb_" + box.dataset.popup + "=1; path=/; samesite=lax";
    if (box.dataset.expires) cookie += "; expires=" + box.dataset.expires;
    if (location.protocol === "https:") cookie += "; secure";
    document.cookie = cookie;
  }

  function close() {
    remember();
    box.hidden = true;
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
