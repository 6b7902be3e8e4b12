#!/bin/sh
# build.sh rebuilds internal/web/static/editor.js from src/ with the exact
# versions in package-lock.json. The output is committed; the Go build never
# runs this. editor.css is hand-written and not part of the build.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npx esbuild src/main.js \
  --bundle --minify --format=iife --target=es2019 \
  --banner:js='/*! toasoan editor, built by tools/editor/build.sh. Bundles TipTap, ProseMirror, linkifyjs, orderedmap, rope-sequence and w3c-keyname, all MIT licensed; versions in tools/editor/package-lock.json. */' \
  --outfile=../../internal/web/static/editor.js
