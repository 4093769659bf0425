#!/usr/bin/env bash
# Regenerates the committed icon files from the SVG sources.
# Needs (Debian): librsvg2-bin (rsvg-convert), imagemagick (convert, for .ico), icnsutils (png2icns, for .icns).
set -euo pipefail
cd "$(dirname "$0")"
# Some machines shadow ImageMagick's convert with a stand-in; prefer the real one.
CONVERT=/usr/bin/convert
[ -x "$CONVERT" ] || CONVERT=convert

# 16 and 32 px come from the simplified drawing: ribs and trachea turn to grey mush that small.
for n in 16 32; do rsvg-convert -w "$n" -h "$n" pneumolens-small.svg -o "pneumolens-$n.png"; done
for n in 48 64 128 256 512; do rsvg-convert -w "$n" -h "$n" pneumolens.svg -o "pneumolens-$n.png"; done

"$CONVERT" pneumolens-16.png pneumolens-32.png pneumolens-48.png pneumolens-64.png \
  pneumolens-128.png pneumolens-256.png pneumolens.ico
png2icns pneumolens.icns pneumolens-16.png pneumolens-32.png pneumolens-48.png \
  pneumolens-128.png pneumolens-256.png pneumolens-512.png >/dev/null
