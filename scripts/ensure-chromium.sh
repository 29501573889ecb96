#!/bin/sh
# Install Debian's chromium (for the headless browser tests, tests/browser/) and a font with Vietnamese
# glyphs (for legible screenshots) only when they are missing. No downloaded browsers: the packages come
# from the distribution's apt repositories. `make test` runs this once, before pytest.
set -eu
if [ -x /usr/bin/chromium ] && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core
