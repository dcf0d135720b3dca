#!/usr/bin/env bash
# Debian packages the tests use beyond what the machine ships: Chromium and its
# driver for the browser tests of the HTML editions, and the fonts the PDFs embed.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
# DejaVu (core and the condensed faces of -extra) for the PDFs: nothing is downloaded at run time
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || need+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf ] || need+=(fonts-dejavu-extra)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
