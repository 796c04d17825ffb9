#!/usr/bin/env bash
# Start the release binary on a copy of the sample project under Xvfb (Mesa's software renderer),
# wait for its window, take a screenshot, and fail if no window comes up or it shows nothing.
# Usage: .ci/window.sh [OUT.png]   (default target/ci/screenshot.png). Runs from the repo root.
# MARGIN_BIN=path uses that binary instead of building the release one; MARGIN_SHOT_KEYS="k1 k2"
# presses those keys (xdotool names) before the screenshot instead of clicking a coded passage.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-target/ci/screenshot.png}"
mkdir -p "$(dirname "$out")"

# What a fresh Debian/Ubuntu machine lacks for a headless window and a screenshot.
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v xwininfo >/dev/null || need+=(x11-utils)
command -v import >/dev/null || need+=(imagemagick)
[ -e /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ] || [ -e /usr/share/vulkan/icd.d/lvp_icd.json ] \
    || need+=(mesa-vulkan-drivers)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

binary="${MARGIN_BIN:-}"
if [ -z "$binary" ]; then
    cargo build --release --locked --quiet
    binary="${CARGO_TARGET_DIR:-target}/release/margin"
fi

work="$(mktemp -d)"
xvfb_pid=""
margin_pid=""
cleanup() {
    [ -n "$margin_pid" ] && kill "$margin_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# A working copy of the sample, and settings that say who codes and which document is open
# (the Chinese interview with timestamps), so no first-run question covers the window.
cp -r sample_projects/support-group "$work/support-group"
project="$(cd "$work/support-group" && pwd -P)"
mkdir -p "$work/config"
cat > "$work/config/config.ron" <<EOF
(
    coder_name: Some("Lin Yue"),
    recent: [(path: "$project", last_document: Some("426b7b59-abce-5d15-b703-b7fb94d52762"))],
    theme: Light,
)
EOF

# The window asks for 1360 × 860; the screen matches it (there is no window manager). Xvfb
# picks a free display number and tells it through file descriptor 3.
Xvfb -displayfd 3 -screen 0 1360x860x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
if [ ! -s "$work/display" ]; then
    echo "Xvfb did not start:" >&2
    cat "$work/xvfb.log" >&2
    exit 1
fi
export DISPLAY=":$(head -n1 "$work/display")"

MARGIN_CONFIG_DIR="$work/config" MARGIN_DATA_DIR="$work/data" "$binary" \
    >"$work/margin.log" 2>&1 &
margin_pid=$!

window=""
for _ in $(seq 120); do
    window="$(xdotool search --name 'Margin$' 2>/dev/null | head -n1 || true)"
    [ -n "$window" ] && break
    if ! kill -0 "$margin_pid" 2>/dev/null; then
        echo "margin exited before showing a window:" >&2
        cat "$work/margin.log" >&2
        exit 1
    fi
    sleep 0.5
done
if [ -z "$window" ]; then
    echo "no Margin window appeared within 60 s" >&2
    cat "$work/margin.log" >&2
    exit 1
fi
xdotool windowfocus --sync "$window" 2>/dev/null || true
sleep 4 # first frames, fonts, the glyph atlas
if [ -n "${MARGIN_SHOT_KEYS:-}" ]; then
    for key in $MARGIN_SHOT_KEYS; do
        xdotool key --window "$window" "$key" 2>/dev/null || true
        sleep 1.5
    done
else
    # Click a coded passage so the inspector shows its coding.
    xdotool mousemove --sync 700 443 click 1 2>/dev/null || true
fi
# Move the pointer out of the way.
sleep 0.5
xdotool mousemove --sync 1350 850 2>/dev/null || true
sleep 1

import -window root "$out"
# A window that drew nothing is one flat colour.
spread="$(convert "$out" -colorspace Gray -format '%[fx:standard_deviation]' info:)"
if awk "BEGIN { exit !($spread < 0.02) }"; then
    echo "the window is blank (grey level spread $spread): $out" >&2
    exit 1
fi
if ! kill -0 "$margin_pid" 2>/dev/null; then
    echo "margin crashed after showing its window:" >&2
    cat "$work/margin.log" >&2
    exit 1
fi
size="$(xwininfo -id "$window" | awk '/Width:|Height:/ {printf "%s ", $2}')"

# Quit with Ctrl+Q: the window must close by itself, saving on the way out.
# Without a window manager, X may not deliver the key at once: ask again, and give a slow
# software-rendered machine time before calling it a failure to quit.
for _ in 1 2 3; do
    xdotool windowfocus --sync "$window" 2>/dev/null || true
    xdotool key --window "$window" ctrl+q 2>/dev/null || true
    for _ in $(seq 40); do kill -0 "$margin_pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$margin_pid" 2>/dev/null || break
done
if kill -0 "$margin_pid" 2>/dev/null; then
    echo "warning: margin did not quit on Ctrl+Q (the key may not have reached it); closing it" >&2
    kill -TERM "$margin_pid" 2>/dev/null || true
    for _ in $(seq 40); do kill -0 "$margin_pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$margin_pid" 2>/dev/null || true
    margin_pid=""
    echo "window screenshot: $out (window ${size% })"
    exit 0
fi
status=0
wait "$margin_pid" || status=$?
margin_pid=""
if [ "$status" -ne 0 ]; then
    echo "margin exited with status $status:" >&2
    cat "$work/margin.log" >&2
    exit 1
fi
echo "window screenshot: $out (window ${size% })"
