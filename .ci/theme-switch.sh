#!/usr/bin/env bash
# Switch the theme in the real window and check that the transcript stays readable: the
# release binary under Xvfb on a copy of the sample, the Chinese interview open; a screenshot in
# the light theme, View ▸ Dark theme (xdotool), a screenshot, View ▸ Light theme, a screenshot.
# The transcript's text must be there in every one (not a near-blank region, not glyph
# fragments), and the light screenshot after the round trip must match the first one.
# Usage: .ci/theme-switch.sh [OUT_DIR]   (default target/ci/theme). Runs from the repo root.
# MARGIN_BIN=path uses that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib-window.sh
. .ci/lib-window.sh

out="${1:-target/ci/theme}"
mkdir -p "$out"
lw_install_tools
command -v compare >/dev/null || { echo "theme-switch: ImageMagick's compare is missing" >&2; exit 1; }
binary="$(lw_binary)"

work="$(mktemp -d)"
trap 'lw_cleanup; rm -rf "$work"' EXIT

lw_sample_with_settings

lw_start_xvfb
lw_start_margin "$work/config" "$work/data"

# The menu bar's View menu (after Project, Edit, Document, Analysis) and its theme entries, in
# window coordinates (1360 × 860).
view_menu=(243 13)
light_item=(273 69)
dark_item=(273 96)

shot() { # name
    xdotool mousemove --sync 1350 850 2>/dev/null || true
    sleep 1.5
    import -window root "$out/$1.png"
}
choose() { # x y of the entry
    xdotool mousemove --sync "${view_menu[0]}" "${view_menu[1]}" click 1 2>/dev/null || true
    sleep 1
    xdotool mousemove --sync "$1" "$2" click 1 2>/dev/null || true
    sleep 1
}

shot light-before
choose "${dark_item[@]}"
shot dark
choose "${light_item[@]}"
shot light-after
kill -0 "$margin_pid" 2>/dev/null || { echo "margin crashed:" >&2; cat "$work/margin.log" >&2; exit 1; }

# The transcript's text: a crop of the central panel holding several turns of Chinese text.
crop="640x560+385+140"
fail=0
for name in light-before dark light-after; do
    convert "$out/$name.png" -crop "$crop" +repage "$out/$name-text.png"
    # Text is many small strokes: the share of pixels far from the background colour.
    spread="$(convert "$out/$name-text.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)"
    edges="$(convert "$out/$name-text.png" -colorspace Gray -edge 1 -threshold 30% \
        -format '%[fx:mean]' info:)"
    echo "$name: grey spread $spread, edge share $edges"
    if awk "BEGIN { exit !($spread < 0.08 || $edges < 0.015) }"; then
        echo "theme-switch: the transcript looks blank or broken in $name ($out/$name.png)" >&2
        fail=1
    fi
done
# Back in the light theme, the text must look as it did before the round trip (a blank text
# region or one of glyph fragments differs a lot).
# compare exits non-zero when the images differ: only its number counts here.
rmse() { compare -metric RMSE "$1" "$2" null: 2>&1 | sed -E 's/.*\(([0-9.e-]+)\).*/\1/' || true; }
diff="$(rmse "$out/light-before-text.png" "$out/light-after-text.png")"
echo "light before/after: normalised RMSE $diff"
if awk "BEGIN { exit !($diff > 0.05) }"; then
    echo "theme-switch: the light theme after the round trip differs from before ($out)" >&2
    fail=1
fi
# The dark screenshot must not be the light one (the switch happened).
dark_diff="$(rmse "$out/light-before-text.png" "$out/dark-text.png")"
echo "light/dark: normalised RMSE $dark_diff"
if awk "BEGIN { exit !($dark_diff < 0.2) }"; then
    echo "theme-switch: the theme did not change ($out)" >&2
    fail=1
fi

lw_quit || true
[ "$fail" -eq 0 ] && echo "theme switch: the transcript stays readable ($out)"
exit "$fail"
