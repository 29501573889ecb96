#!/bin/sh
# Install Debian's Virtuoso (the server binaries virtuoso-t and isql-vt, for the remote-store tests) only
# when it is missing. Only the -bin package: it sets up no system service and starts nothing; the tests
# start their own server on 127.0.0.1 with a temporary database (tests/sparql_servers.py). `make test`
# runs this once, before pytest.
set -eu
if command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq virtuoso-opensource-7-bin
