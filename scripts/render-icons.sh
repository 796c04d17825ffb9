#!/usr/bin/env bash
# Render Margin's icon (assets/icons/margin.svg) to the PNG sizes desktops look for, into
# assets/icons/hicolor/<N>x<N>/apps/margin.png. The PNGs are committed; run this after changing
# the SVG. Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/.."
for size in 16 22 24 32 48 64 128 256 512; do
    dir="assets/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    rsvg-convert -w "$size" -h "$size" assets/icons/margin.svg -o "$dir/margin.png"
done
