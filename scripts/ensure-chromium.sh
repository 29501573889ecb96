#!/bin/sh
# Install Debian's chromium (for the headless browser test, tests/browser/) only when it is missing.
# No downloaded browsers: the package comes from the distribution's apt repositories.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
