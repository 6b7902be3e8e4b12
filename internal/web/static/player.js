// player.js plays the paper's videos and live streams: every <video
// data-hls="…"> (or <audio data-hls>, the live radio) gets its
// HLS stream through hls.js where the browser has Media Source Extensions,
// through the browser itself where it plays HLS natively (Safari on an
// iPhone), and otherwise keeps the MP4 its <source> names (which is also
// what plays without this script). hls.js is loaded only when needed, from
// the address the script tag carries in data-hls-lib; a stream's segments
// load only once the reader presses play, so a page of videos costs a
// phone on 4G no more than their posters.
(function () {
  "use strict";
  var script = document.currentScript;
  var lib = script && script.getAttribute("data-hls-lib");

  function hasMSE() {
    return !!(window.MediaSource || window.ManagedMediaSource);
  }

  function native(video) {
    return video.canPlayType("application/vnd.apple.mpegurl") !== "";
  }

  function withHls(video, url) {
    if (!window.Hls || !window.Hls.isSupported()) {
      if (native(video)) {
        useNative(video, url);
      }
      return;
    }
    var hls = new window.Hls({ autoStartLoad: false, capLevelToPlayerSize: true });
    hls.on(window.Hls.Events.ERROR, function (_, data) {
      if (!data.fatal) {
        return;
      }
      // A stream that cannot go on: the MP4 still can.
      hls.destroy();
      var source = video.querySelector("source[type='video/mp4']");
      if (source) {
        video.src = source.src;
        video.setAttribute("data-player", "mp4");
        video.load();
      }
    });
    hls.loadSource(url);
    hls.attachMedia(video);
    var started = false;
    video.addEventListener("play", function () {
      if (!started) {
        started = true;
        hls.startLoad(-1);
      }
    });
    video.setAttribute("data-player", "hls.js");
  }

  function useNative(video, url) {
    video.src = url;
    video.setAttribute("data-player", "native");
  }

  var videos = document.querySelectorAll("video[data-hls], audio[data-hls]");
  if (videos.length === 0) {
    return;
  }
  var waiting = [];
  for (var i = 0; i < videos.length; i++) {
    var video = videos[i];
    var url = video.getAttribute("data-hls");
    if (hasMSE() && lib) {
      waiting.push([video, url]);
    } else if (native(video)) {
      useNative(video, url);
    } else {
      video.setAttribute("data-player", "mp4");
    }
  }
  if (waiting.length === 0) {
    return;
  }
  var tag = document.createElement("script");
  tag.src = lib;
  tag.onload = function () {
    for (var j = 0; j < waiting.length; j++) {
      withHls(waiting[j][0], waiting[j][1]);
    }
  };
  tag.onerror = function () {
    // No hls.js: the browser's own HLS, or the MP4.
    for (var j = 0; j < waiting.length; j++) {
      if (native(waiting[j][0])) {
        useNative(waiting[j][0], waiting[j][1]);
      } else {
        waiting[j][0].setAttribute("data-player", "mp4");
      }
    }
  };
  document.head.appendChild(tag);
})();
