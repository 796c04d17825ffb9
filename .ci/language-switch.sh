#!/usr/bin/env bash
# Switch the window's language in the real window: the release binary under Xvfb on a copy of
# the sample, started in English; View ▸ Language ▸ 简体中文 with xdotool; the menu bar must
# change at once (the same strip of the screen before and after differs) and the choice must be
# in the settings; Margin is quit and started again and comes up in Chinese (its menu bar is the
# one seen after the switch). Screenshots of each step go to OUT_DIR; `zh-CN.png` is the one
# the README shows.
# Usage: .ci/language-switch.sh [OUT_DIR]   (default target/ci/language). Runs from the repo root.
# MARGIN_BIN=path uses that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib-window.sh
. .ci/lib-window.sh

out="${1:-target/ci/language}"
mkdir -p "$out"
lw_install_tools
command -v compare >/dev/null || { echo "language-switch: ImageMagick's compare is missing" >&2; exit 1; }
binary="$(lw_binary)"

work="$(mktemp -d)"
trap 'lw_cleanup; rm -rf "$work"' EXIT

lw_sample_with_settings
# Start in English whatever the machine's locale.
lw_settings_in_english

lw_start_xvfb
lw_start_margin "$work/config" "$work/data"

# The View menu, its Language entry and the submenu's 简体中文, in window coordinates
# (1360 × 860, English menu bar).
# View comes after Project, Edit, Document and Analysis; Language after "Select whole words".
view_menu=(243 13)
language_item=(273 226)
chinese_item=(430 253)

shot() { # name
    xdotool mousemove --sync 1350 850 2>/dev/null || true
    sleep 1.5
    import -window root "$out/$1.png"
    convert "$out/$1.png" -crop 400x26+0+0 +repage "$out/$1-menubar.png"
}
rmse() { compare -metric RMSE "$1" "$2" null: 2>&1 | sed -E 's/.*\(([0-9.e-]+)\).*/\1/' || true; }

shot en
lw_click "${view_menu[@]}"
sleep 1
xdotool mousemove --sync "${language_item[@]}" 2>/dev/null || true
sleep 1
import -window root "$out/menu.png"
lw_click "${chinese_item[@]}"
sleep 1
shot zh-CN-switched
kill -0 "$margin_pid" 2>/dev/null || { echo "margin crashed:" >&2; cat "$work/margin.log" >&2; exit 1; }

fail=0
switched="$(rmse "$out/en-menubar.png" "$out/zh-CN-switched-menubar.png")"
echo "menu bar before/after the switch: normalised RMSE $switched"
if awk "BEGIN { exit !($switched < 0.05) }"; then
    echo "language-switch: the menu bar did not change ($out)" >&2
    fail=1
fi
if ! grep -q 'language: Some(SimplifiedChinese)' "$work/config/config.ron"; then
    echo "language-switch: the choice is not in the settings:" >&2
    cat "$work/config/config.ron" >&2
    fail=1
fi

# Quit and start again: the window comes up in Chinese.
lw_quit || true
lw_start_margin "$work/config" "$work/data"
lw_click 700 443 # a coded passage: the inspector shows its coding
shot zh-CN
again="$(rmse "$out/zh-CN-switched-menubar.png" "$out/zh-CN-menubar.png")"
echo "menu bar after the switch / after a restart: normalised RMSE $again"
if awk "BEGIN { exit !($again > 0.02) }"; then
    echo "language-switch: after a restart the window is not in Chinese ($out)" >&2
    fail=1
fi
lw_quit || true
[ "$fail" -eq 0 ] && echo "language switch: relabelled at once and kept ($out)"
exit "$fail"
