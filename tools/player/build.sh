#!/bin/sh
# build.sh copies hls.js's light build (no alternate audio, no subtitles
# in the stream, no DRM: the paper's ladder has none; captions are a
# <track>) into internal/web/static/hls.js, at the exact version of
# package-lock.json. The output is committed; the Go build never runs
# this. player.js, which loads it, is hand-written.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
version=$(node -p 'require("hls.js/package.json").version')
out=../../internal/web/static/hls.js
{
  printf '/*! hls.js %s (Apache-2.0, https://github.com/video-dev/hls.js), light build, copied by tools/player/build.sh. */\n' "$version"
  # Without its source map comment: the map is not served.
  grep -v '^//# sourceMappingURL=' node_modules/hls.js/dist/hls.light.min.js
} >"$out"
