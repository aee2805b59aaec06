#!/usr/bin/env bash
# The repository stands alone: runs the unit and simulator suites (`npx vitest run`) in a
# clone of this checkout's HEAD, alone in an empty temporary folder, so anything the code
# reads from beside the checkout is missing there and fails. (tests/unit/architecture/
# stands-alone.test.ts catches what a file names; this catches what the code does.)
# The checkout's node_modules is linked in, not installed again: it is what `npm ci` makes
# from the same package-lock.json, and installing would cost a minute more.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -d "$root/node_modules" ] || { echo "lone clone: run npm ci first (node_modules is linked from the checkout)." >&2; exit 1; }

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
git clone -q --no-checkout "$root" "$dir/repo"
git -C "$dir/repo" checkout -q --detach "$(git -C "$root" rev-parse HEAD)"
ln -s "$root/node_modules" "$dir/repo/node_modules"
cd "$dir/repo"
npx wxt prepare >/dev/null # what npm ci's postinstall makes (.wxt/, which tsconfig.json extends)

echo "lone clone of $(git rev-parse --short HEAD) in $dir/repo: npx vitest run"
status=0
npx vitest run || status=$?
summary="$(node .ci/summary.mjs test-output/unit-results.json)" || status=1
echo "lone clone: $summary"
exit $status
