#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the browser tests.
# Installs it with apt-get when missing and we are root; otherwise says what to do.
set -eu
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "error: /usr/bin/chromium is missing. Install Debian's chromium (sudo apt-get install chromium)" >&2
echo "       or set SKIP_BROWSER_TESTS=1 to run the suite without browser tests." >&2
exit 1
