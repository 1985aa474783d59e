#!/usr/bin/env bash
# Installs the Debian packages Qt, the Chinese fonts, Xvfb and PostgreSQL need, only those missing.
set -euo pipefail
packages=(
  # Qt offscreen and widgets
  libglib2.0-0 libgl1 libegl1 libx11-6 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3
  # a real window (xcb) and a virtual screen for screenshots
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-randr0
  libxcb-shape0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 libx11-xcb1 libxkbcommon-x11-0 xvfb xauth
  # Chinese glyphs
  fonts-noto-cjk fonts-droid-fallback
  # reading the report PDFs in the tests (pdftotext, pdffonts, pdfinfo)
  poppler-utils
  # the throw-away PostgreSQL server of the test suite
  postgresql
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
