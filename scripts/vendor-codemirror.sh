#!/bin/sh
# Bundle the query page's editor, CodeMirror 6 with its SPARQL mode, from the npm packages pinned in
# scripts/vendor/codemirror/package-lock.json into src/antq_kg/web/static/vendor/: one minified ES module
# (codemirror.mjs) and the licence of every package inside it (LICENSES.txt). The output is committed, so
# serving the page needs neither npm nor the network; run this only to change the pinned versions.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=$ROOT/scripts/vendor/codemirror
OUT=$ROOT/src/antq_kg/web/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$SRC/package.json" "$SRC/package-lock.json" "$SRC/entry.mjs" "$SRC/licences.mjs" "$WORK/"
cd "$WORK"
npm ci --no-audit --no-fund --loglevel=error
mkdir -p "$OUT"
node_modules/.bin/esbuild entry.mjs --bundle --format=esm --minify --target=es2020 \
    --legal-comments=none --metafile=meta.json --outfile="$OUT/codemirror.mjs"
node licences.mjs meta.json "$OUT/LICENSES.txt"
