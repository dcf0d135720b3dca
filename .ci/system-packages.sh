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
# HarfBuzz's subsetter, which WeasyPrint loads to subset the PDF fonts (without it, it
# falls back to fontTools and warns once per font); Pango does not pull it in, Chromium does
[ -n "$(ldconfig -p 2>/dev/null | grep 'libharfbuzz-subset\.so\.0 ')" ] || need+=(libharfbuzz-subset0)
# Hunspell dictionaries for the spelling check (read through Enchant: libenchant-2-2)
[ -f /usr/share/hunspell/tr_TR.dic ] || need+=(hunspell-tr)
[ -f /usr/share/hunspell/ru_RU.dic ] || need+=(hunspell-ru)
[ -f /usr/share/hunspell/en_US.dic ] || need+=(hunspell-en-us)
ls /usr/lib/*/libenchant-2.so.2 >/dev/null 2>&1 || need+=(libenchant-2-2)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
