#!/usr/bin/env bash
# The team review screenshot (docs/compare.png): the window on the sample with the review panel
# open (Ctrl+Shift+R) at the second disagreement (F8 twice). Usage: .ci/review-shot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
MARGIN_SHOT_KEYS="ctrl+shift+r F8 F8" exec .ci/window.sh "${1:-docs/compare.png}"
