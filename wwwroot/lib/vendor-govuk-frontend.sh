#!/usr/bin/env bash
# Rebuilds wwwroot/lib/govuk-frontend/ from the govuk-frontend npm package.
#
# Usage: wwwroot/lib/vendor-govuk-frontend.sh [GOVUK_FRONTEND_VERSION] [SASS_VERSION]
#   defaults: the pinned versions below. Needs node + npm (npm registry access).
#
# The build happens in a scratch folder outside the repository (BUILD_DIR,
# default /tmp/govuk-build); node_modules never enters the repo. Only built
# files are copied into wwwroot/lib/govuk-frontend/:
#   govuk-frontend.min.css  compiled from the package's Sass with arial, sans-serif, no @font-face, assets under /lib/govuk-frontend/assets/
#   govuk-frontend.min.js   the package's ES module bundle (source map comment removed)
#   assets/...              only the files the compiled CSS references via url()
#   LICENCE.txt             the package's MIT licence
#   VERSION                 the versions used
# No GDS Transport font, no crown, no GOV.UK logotype, no source maps.
set -euo pipefail

GOVUK_VERSION="${1:-5.14.0}"
SASS_VERSION="${2:-1.108.2}"
POSTCSS_VERSION="8.5.33"
BUILD_DIR="${BUILD_DIR:-/tmp/govuk-build}"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/govuk-frontend"

case "$BUILD_DIR" in
  "$HERE"*|"$(cd "$HERE/../.." && pwd)"*) echo "BUILD_DIR must be outside the repository" >&2; exit 1 ;;
esac

rm -rf "$BUILD_DIR"
mkdir -p "$BUILD_DIR"
cd "$BUILD_DIR"
echo '{"name":"govuk-build","private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts --save-exact \
  "govuk-frontend@$GOVUK_VERSION" "sass@$SASS_VERSION" "postcss@$POSTCSS_VERSION"

PKG="$BUILD_DIR/node_modules/govuk-frontend"
DIST="$PKG/dist/govuk"

cat > "$BUILD_DIR/govuk-frontend.scss" <<'SCSS'
// Not a government service: no GDS Transport, no @font-face.
@use "node_modules/govuk-frontend/dist/govuk" with (
  $govuk-font-family: (arial, sans-serif),
  $govuk-include-default-font-face: false,
  $govuk-assets-path: "/lib/govuk-frontend/assets/"
);
SCSS

node - "$BUILD_DIR" <<'JS'
const path = require('path');
const fs = require('fs');
const dir = process.argv[2];
const sass = require(path.join(dir, 'node_modules/sass'));
const result = sass.compile(path.join(dir, 'govuk-frontend.scss'), {
  loadPaths: [dir],
  style: 'compressed',
  sourceMap: false,
  quietDeps: true,
  logger: { warn() {}, debug() {} },
});

// Strip every rule for the crown, the St Edward's crown, the royal crest and
// the GOV.UK logotype (header logo, logo dot, footer crown and copyright crest):
// this is not a government service, and it keeps the crest SVG out of the CSS.
const postcss = require(path.join(dir, 'node_modules/postcss'));
const root = postcss.parse(result.css);
const unwanted = /crown|crest|logo/i;
let removed = 0;
root.walkRules(rule => {
  const keep = rule.selectors.filter(s => !unwanted.test(s));
  if (keep.length === rule.selectors.length) return;
  removed += rule.selectors.length - keep.length;
  if (keep.length === 0) rule.remove(); else rule.selectors = keep;
});
let changed = true;
while (changed) {
  changed = false;
  root.walkAtRules(at => {
    if (at.nodes && at.nodes.length === 0) { at.remove(); changed = true; }
  });
}
console.log(`removed ${removed} crown/crest/logo selectors`);
fs.writeFileSync(path.join(dir, 'govuk-frontend.min.css'), root.toString().replace(/^\uFEFF/, '') + '\n');
JS

rm -rf "$OUT"
mkdir -p "$OUT"
cp "$BUILD_DIR/govuk-frontend.min.css" "$OUT/govuk-frontend.min.css"
# JS bundle without the sourceMappingURL comment (we do not ship the map).
sed -e 's|//# sourceMappingURL=[^ ]*$||' "$DIST/govuk-frontend.min.js" > "$OUT/govuk-frontend.min.js"

# Copy only the assets the compiled CSS references.
{ grep -o 'url([^)]*)' "$OUT/govuk-frontend.min.css" || true; } \
  | sed -e 's/^url(//' -e 's/)$//' -e 's/^["'\'']//' -e 's/["'\'']$//' \
  | sort -u | while read -r url; do
    case "$url" in
      /lib/govuk-frontend/assets/*)
        rel="${url#/lib/govuk-frontend/assets/}"
        mkdir -p "$OUT/assets/$(dirname "$rel")"
        cp "$DIST/assets/$rel" "$OUT/assets/$rel"
        echo "asset: $rel" ;;
      data:*) ;;
      *) echo "unexpected url() in CSS: $url" >&2; exit 1 ;;
    esac
  done

# Licence: the npm package declares MIT but ships no licence file, so write the
# upstream LICENSE.txt text (alphagov/govuk-frontend), after checking the field.
lic="$(node -p "require('$PKG/package.json').license")"
[ "$lic" = "MIT" ] || { echo "govuk-frontend licence is now '$lic': update LICENCE.txt by hand" >&2; exit 1; }
cat > "$OUT/LICENCE.txt" <<'LICENCE'
The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENCE

printf 'govuk-frontend %s\nsass %s\n' \
  "$(node -p "require('$PKG/package.json').version")" \
  "$(node -p "require('$BUILD_DIR/node_modules/sass/package.json').version")" > "$OUT/VERSION"

"$HERE/check-govuk-frontend.sh"
