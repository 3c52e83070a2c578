#!/usr/bin/env bash
# Checks the vendored GOV.UK Frontend: no GDS Transport, no font files or
# @font-face, no crown or GOV.UK logotype files, no source maps.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/govuk-frontend"
node - "$DIR" <<'JS'
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const css = fs.readFileSync(path.join(dir, 'govuk-frontend.min.css'), 'utf8');
const js = fs.readFileSync(path.join(dir, 'govuk-frontend.min.js'), 'utf8');
const problems = [];
for (const needle of ['GDS Transport', '.woff', '@font-face', 'crown', 'govuk-logo', 'crest', 'sourceMappingURL']) {
  if (css.toLowerCase().includes(needle.toLowerCase())) problems.push(`CSS contains "${needle}"`);
}
if (js.includes('sourceMappingURL')) problems.push('JS contains sourceMappingURL');
const walk = d => fs.readdirSync(d, { withFileTypes: true })
  .flatMap(e => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
const files = walk(dir).map(f => path.relative(dir, f));
for (const f of files) {
  if (/\.(woff2?|ttf|otf|eot|map)$/i.test(f) || /crown|crest|logo|govuk-icon|opengraph/i.test(f)) problems.push(`unwanted file ${f}`);
}
for (const m of css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
  const u = m[1];
  if (u.startsWith('data:')) continue;
  if (!u.startsWith('/lib/govuk-frontend/assets/')) { problems.push(`url() outside assets path: ${u}`); continue; }
  if (!fs.existsSync(path.join(dir, 'assets', u.slice('/lib/govuk-frontend/assets/'.length)))) problems.push(`missing asset ${u}`);
}
console.log(`files: ${files.join(', ')}`);
console.log(`govuk-frontend.min.css: ${css.length} bytes`);
if (problems.length) { console.error(problems.join('\n')); process.exit(1); }
console.log('OK: no GDS Transport, no font files or @font-face, no crown/logotype, no source maps');
JS
