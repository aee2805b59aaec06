#!/usr/bin/env bash
# Before any test runs (npm's pretest, and .ci/run): the end-to-end suites need Debian's
# Chromium and Firefox ESR. Installs the missing ones with apt where it can (root, apt-get
# present); otherwise says in one sentence which is missing and how to install it, and stops.
set -euo pipefail

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -x "${FIREFOX_PATH:-/usr/bin/firefox-esr}" ] || missing+=(firefox-esr)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt for the end-to-end tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

names="${missing[*]}"
echo "The end-to-end tests need Debian's ${names// / and }, not installed here: install with \`sudo apt-get install -y ${missing[*]}\`, then run npm test again." >&2
exit 1
