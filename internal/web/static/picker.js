// The photo picker: each [data-image-picker] field (a library photo's
// number) becomes a thumbnail with "Chọn ảnh", which opens a dialog to
// search the library by thumbnail, page through it, or upload a photo.
// Without this script the field stays a number to type.
(function () {
  "use strict";

  var LIST = "/toasoan/anh/chon";
  var UPLOAD = "/toasoan/media";

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // getJSON fetches a list of the picker endpoint, throwing the server's
  // Vietnamese message on a refusal.
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" }).then(answer);
  }

  function answer(resp) {
    return resp.json().catch(function () { return null; }).then(function (body) {
      if (!resp.ok) {
        var msg = body && body.error && body.error.message;
        throw new Error(msg || "Không tải được thư viện ảnh, vui lòng thử lại.");
      }
      return body;
    });
  }

  function thumb(im, sizes) {
    var img = el("img");
    img.src = im.url;
    if (im.srcset) img.srcset = im.srcset;
    img.sizes = sizes;
    img.alt = im.alt || im.caption || "Ảnh số " + im.id;
    img.width = im.width;
    img.height = im.height;
    img.loading = "lazy";
    return img;
  }

  function mount(box) {
    var input = box.querySelector("input");
    if (!input || box.dataset.pickerMounted) return;
    box.dataset.pickerMounted = "true";
    var label = box.querySelector("label");
    var name = label ? label.firstChild.textContent.trim() : "Ảnh";

    var preview = el("div", "nr-picker-preview");
    var choose = el("button", "nr-picker-choose", "Chọn ảnh…");
    choose.type = "button";
    var clear = el("button", "nr-picker-clear", "Bỏ ảnh");
    clear.type = "button";
    var actions = el("div", "nr-picker-actions");
    actions.append(choose, clear);
    input.hidden = true;
    box.append(preview, actions);

    function show(im) {
      preview.textContent = "";
      clear.hidden = !im;
      if (!im) {
        preview.append(el("p", "nr-picker-none", "Chưa chọn ảnh."));
        return;
      }
      var fig = el("figure");
      fig.append(thumb(im, "160px"), el("figcaption", "", "Ảnh số " + im.id + (im.caption ? ": " + im.caption : "")));
      preview.append(fig);
    }

    function set(im) {
      input.value = im ? String(im.id) : "";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      show(im);
    }

    if (input.value) {
      getJSON(LIST + "?id=" + encodeURIComponent(input.value)).then(function (body) {
        show(body.images[0]);
      }, function () {
        show(null);
        preview.prepend(el("p", "nr-picker-none", "Ảnh số " + input.value + " không còn trong thư viện."));
      });
    } else {
      show(null);
    }

    clear.addEventListener("click", function () { set(null); });
    choose.addEventListener("click", function () { open(name, set); });
  }

  // open shows the dialog; chosen receives the photo picked or uploaded.
  function open(name, chosen) {
    var dialog = el("dialog", "nr-picker-dialog");
    dialog.setAttribute("aria-label", "Chọn " + name.toLowerCase());
    var head = el("div", "nr-picker-head");
    var title = el("h2", "", "Chọn " + name.toLowerCase());
    var close = el("button", "nr-picker-close", "Đóng");
    close.type = "button";
    head.append(title, close);

    var search = el("form", "nr-picker-search");
    search.setAttribute("role", "search");
    var q = el("input");
    q.type = "search";
    q.name = "q";
    q.setAttribute("aria-label", "Tìm ảnh theo chú thích, nguồn, mô tả");
    q.placeholder = "Tìm theo chú thích, nguồn ảnh…";
    var go = el("button", "", "Tìm");
    go.type = "submit";
    search.append(q, go);

    var status = el("p", "nr-picker-status");
    status.setAttribute("role", "status");
    var grid = el("ul", "nr-picker-grid");
    var more = el("button", "nr-picker-more", "Xem thêm ảnh");
    more.type = "button";
    more.hidden = true;

    var upload = el("div", "nr-picker-upload");
    var file = el("input");
    file.type = "file";
    file.accept = "image/jpeg,image/png,image/webp";
    file.id = "nr-picker-file";
    var fileLabel = el("label", "", "Hoặc tải ảnh mới lên (JPEG, PNG, WebP, tối đa 20 MB)");
    fileLabel.htmlFor = file.id;
    upload.append(fileLabel, file);

    dialog.append(head, search, status, grid, more, upload);
    document.body.append(dialog);

    var page = 1;
    function load(reset) {
      if (reset) {
        page = 1;
        grid.textContent = "";
      }
      status.textContent = "Đang tải…";
      status.classList.remove("nr-picker-error");
      getJSON(LIST + "?q=" + encodeURIComponent(q.value.trim()) + "&trang=" + page).then(function (body) {
        body.images.forEach(function (im) {
          var li = el("li");
          var b = el("button", "nr-picker-item");
          b.type = "button";
          b.setAttribute("aria-label", "Chọn ảnh số " + im.id + (im.caption ? ": " + im.caption : ""));
          b.dataset.imageId = String(im.id);
          b.append(thumb(im, "140px"), el("span", "", "Số " + im.id + (im.caption ? " · " + im.caption : "")));
          b.addEventListener("click", function () { done(im); });
          li.append(b);
          grid.append(li);
        });
        more.hidden = !body.more;
        status.textContent = grid.children.length ? "" : "Không có ảnh nào phù hợp.";
      }, fail);
    }

    function fail(err) {
      status.textContent = err.message;
      status.classList.add("nr-picker-error");
    }

    function done(im) {
      chosen(im);
      dialog.close();
    }

    search.addEventListener("submit", function (e) {
      e.preventDefault();
      load(true);
    });
    more.addEventListener("click", function () {
      page++;
      load(false);
    });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { dialog.remove(); });
    file.addEventListener("change", function () {
      if (!file.files.length) return;
      var form = new FormData();
      form.append("file", file.files[0], file.files[0].name || "anh");
      status.textContent = "Đang tải ảnh lên…";
      status.classList.remove("nr-picker-error");
      fetch(UPLOAD, {
        method: "POST", body: form, credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf(), Accept: "application/json" },
      }).then(answer).then(function (im) {
        done({ id: im.id, url: im.url, srcset: im.srcset, width: im.width, height: im.height, caption: im.caption, alt: im.alt });
      }, fail);
      file.value = "";
    });

    dialog.showModal();
    q.focus();
    load(true);
  }

  function start() {
    document.querySelectorAll("[data-image-picker]").forEach(mount);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
