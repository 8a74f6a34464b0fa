#!/usr/bin/env bash
# Refresh the JavaScript libraries vendored into the candidate's web form (hoso form).
#
# Only a maintainer runs this, with npm (the README's commands never need it). It downloads the
# pinned packages with `npm pack` (npm checks each tarball against the registry's integrity
# hash), checks that the expected browser bundles are there and work (node loads them and
# validates a small document), and copies them with their licence into
# scripts/hoso/webform/vendor/, recording versions and SHA-256 sums in VERSIONS. The vendored
# files are sources: commit them.
#
#   bash scripts/vendor/refresh-webform.sh                 # the pinned versions below
#   AJV=8.17.1 JS_YAML=5.5.0 bash scripts/vendor/refresh-webform.sh
set -euo pipefail

AJV="${AJV:-8.17.1}"
JS_YAML="${JS_YAML:-5.5.0}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/../hoso/webform/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null || { echo "npm is needed to refresh the vendored files" >&2; exit 2; }
command -v node >/dev/null || { echo "node is needed to check the vendored files" >&2; exit 2; }

cd "$work"
# ajv-dist carries the browser bundles; its licence file is the one of ajv itself (same
# project, same version), so ajv's package is fetched for it.
npm pack --silent "ajv-dist@$AJV" "ajv@$AJV" "js-yaml@$JS_YAML" >/dev/null
for pkg in "ajv-dist-$AJV" "ajv-$AJV" "js-yaml-$JS_YAML"; do
  mkdir "$pkg" && tar xzf "$pkg.tgz" -C "$pkg"
done

ajv_js="ajv-dist-$AJV/package/dist/ajv2020.min.js"
yaml_js="js-yaml-$JS_YAML/package/dist/browser/js-yaml.umd.min.js"
for f in "$ajv_js" "$yaml_js" "ajv-$AJV/package/LICENSE" "js-yaml-$JS_YAML/package/LICENSE"; do
  [[ -s "$f" ]] || { echo "missing in the package: $f" >&2; exit 1; }
done

# The bundles must load without a module system and do their job.
node - "$ajv_js" "$yaml_js" <<'JS'
const fs = require("fs");
const vm = require("vm");
const ctx = {window: {}};
ctx.self = ctx.window;
vm.createContext(ctx);
for (const file of process.argv.slice(2)) vm.runInContext(fs.readFileSync(file, "utf8"), ctx);
const Ajv = ctx.window.ajv2020 || ctx.ajv2020;
const yaml = ctx.jsyaml || ctx.window.jsyaml;
if (typeof Ajv !== "function" || typeof yaml?.load !== "function") throw new Error("bundle API");
const validate = new Ajv({allErrors: true}).compile({
  $schema: "https://json-schema.org/draft/2020-12/schema", type: "object",
  properties: {a: {type: "string", pattern: "\\S"}}, required: ["a"]});
if (validate(yaml.load("a: x")) !== true || validate(yaml.load("a: ' '")) !== false)
  throw new Error("validation check failed");
JS

mkdir -p "$dest"
cp "$ajv_js" "$dest/ajv2020.min.js"
cp "ajv-$AJV/package/LICENSE" "$dest/LICENSE-ajv"
cp "$yaml_js" "$dest/js-yaml.min.js"
cp "js-yaml-$JS_YAML/package/LICENSE" "$dest/LICENSE-js-yaml"
{
  echo "# Vendored into the web form (hoso form); refreshed by scripts/vendor/refresh-webform.sh."
  echo "# file  package@version  licence  sha256"
  while read -r file package licence; do
    echo "$file $package $licence $(sha256sum "$dest/$file" | cut -d' ' -f1)"
  done <<LIST
ajv2020.min.js ajv-dist@$AJV MIT
js-yaml.min.js js-yaml@$JS_YAML MIT
LIST
} > "$dest/VERSIONS"
echo "vendored: ajv-dist@$AJV, js-yaml@$JS_YAML -> $dest"
