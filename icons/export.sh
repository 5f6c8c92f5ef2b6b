#!/usr/bin/env bash
# Renders the PNG sizes desktops use from the SVG sources. The PNGs are committed, so builds and CI never
# need a converter; rerun this after editing an SVG. Needs rsvg-convert (Debian: apt-get install librsvg2-bin).
#   icons/png/<size>.png                          packaging (jpackage --icon, hicolor theme sizes)
#   src/main/resources/dev/swapdeck/icons/icon-{32,128}.png  window icons the running app loads
#   icons/swapdeck.ico, icons/swapdeck.icns        jpackage --icon on Windows and macOS (bundle.py)
set -euo pipefail
cd "$(dirname "$0")"
resources=../src/main/resources/dev/swapdeck/icons
mkdir -p png "$resources"

for size in 16 32 48 64 128 256 512; do
  # 16 px has its own pixel-aligned drawing; the full drawing blurs into a smudge at that size.
  source=swapdeck.svg
  [ "$size" -eq 16 ] && source=swapdeck-16.svg
  rsvg-convert --width "$size" --height "$size" "$source" --output "png/$size.png"
  # the window's own icons: the two sizes JavaFX hands to a window (AppIcon says why)
  case $size in 32|128) cp "png/$size.png" "$resources/icon-$size.png" ;; esac
done
ls -l png

# Windows and macOS icon containers for jpackage (see docs/install.md), made from the PNGs above
python3 bundle.py
ls -l swapdeck.ico swapdeck.icns
