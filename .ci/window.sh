#!/usr/bin/env bash
# Start the release binary on a copy of the sample project under Xvfb (Mesa's software renderer),
# wait for its window, take a screenshot, and fail if no window comes up or it shows nothing.
# Usage: .ci/window.sh [OUT.png]   (default target/ci/screenshot.png). Runs from the repo root.
# MARGIN_BIN=path uses that binary instead of building the release one; MARGIN_SHOT_KEYS="k1 k2"
# presses those keys (xdotool names) before the screenshot instead of clicking a coded passage.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib-window.sh
. .ci/lib-window.sh

out="${1:-target/ci/screenshot.png}"
mkdir -p "$(dirname "$out")"

lw_install_tools
binary="$(lw_binary)"

work="$(mktemp -d)"
trap 'lw_cleanup; rm -rf "$work"' EXIT

lw_sample_with_settings

lw_start_xvfb
lw_start_margin "$work/config" "$work/data"
if [ -n "${MARGIN_SHOT_KEYS:-}" ]; then
    for key in $MARGIN_SHOT_KEYS; do
        xdotool key --window "$window" "$key" 2>/dev/null || true
        sleep 1.5
    done
else
    # Click a coded passage so the inspector shows its coding.
    lw_click 700 443
fi
# Move the pointer out of the way.
sleep 0.5
xdotool mousemove --sync 1350 850 2>/dev/null || true
sleep 1

lw_shot "$out"
if ! kill -0 "$margin_pid" 2>/dev/null; then
    echo "margin crashed after showing its window:" >&2
    cat "$work/margin.log" >&2
    exit 1
fi
size="$(xwininfo -id "$window" | awk '/Width:|Height:/ {printf "%s ", $2}')"

status=0
lw_quit || status=$?
case "$status" in
    0) ;;
    1) echo "warning: margin did not quit on Ctrl+Q (the key may not have reached it); closed it" >&2 ;;
    *) exit 1 ;;
esac
echo "window screenshot: $out (window ${size% })"
