// Tells the paper a story was read: one small POST once the page is
// shown to someone (not while a browser prerenders it, nor for a tab
// opened in the background until it is looked at). No cookie is sent or
// set, and the page itself stays cacheable.
(function () {
  "use strict";
  var story = document.querySelector("[data-view-url]");
  if (!story || !window.fetch) return;
  var sent = false;
  function send() {
    if (sent || document.visibilityState !== "visible" || document.prerendering) return;
    sent = true;
    fetch(story.getAttribute("data-view-url"), { method: "POST", credentials: "omit", keepalive: true })
      .catch(function () { /* a lost view is not the reader's problem */ });
  }
  document.addEventListener("visibilitychange", send);
  document.addEventListener("prerenderingchange", send);
  send();
})();
