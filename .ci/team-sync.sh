#!/usr/bin/env bash
# Team sync in the real window (release binary, Xvfb, xdotool) against a shared folder: Lin
# Yue's window on the sample, not shared yet; Ctrl+Shift+S opens Team sync with the address
# field focused; a typed folder and Enter make that folder the team's repository and send the
# project (its branch must appear there). Zhou Ming then copies the project from the command
# line, autocodes a word and syncs; Ctrl+Shift+S in Lin's window must bring his codings into
# Lin's project files while the window stays open. The idle window with the sync state in the
# status bar must use under 0.5 s of CPU in 5 s.
# Usage: .ci/team-sync.sh [SHOT-FOLDER]  (default target/ci/team-sync). Runs from the repo root.
# MARGIN_BIN=path uses that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib-window.sh
. .ci/lib-window.sh

lw_begin "team sync" team-sync "${1:-}"
# How many codings Zhou Ming has in the project at $1.
zhous_codings() {
    cat "$1"/codings/ba4252f5-9ecb-552e-aeea-084268e58c1c/*.ron | grep -c '(id: ' || true
}

lw_sample_with_settings
mkdir -p "$work/data" "$work/shared drive"
shared="$work/shared drive/support-group.git"
lw_start_xvfb
lw_start_margin "$work/config" "$work/data"
lw_shot "$shots/1-not-shared.png"

# ---- 1. Set up: Ctrl+Shift+S on a project not shared opens the dialog, address focused. -------
lw_key ctrl+shift+s
sleep 1.5
lw_type "$shared"
sleep 0.5
lw_shot "$shots/2-address-typed.png"
lw_key Return
for _ in $(seq 120); do
    [ -f "$shared/refs/heads/main" ] || grep -q "refs/heads/main" "$shared/packed-refs" 2>/dev/null && break
    sleep 0.5
done
[ -f "$shared/refs/heads/main" ] || grep -q "refs/heads/main" "$shared/packed-refs" 2>/dev/null \
    || lw_fail "the project was not sent to $shared"
sleep 2
lw_shot "$shots/3-shared.png"
lw_assert_idle "the sync state in the status bar" 0.5 || lw_fail "the window is busy while idle"

# ---- 2. Zhou copies the project, codes, and syncs from the command line. --------------------
"$binary" sync "$work/zhou" --clone "$shared" >/dev/null || lw_fail "Zhou could not copy the project"
before="$(zhous_codings "$work/support-group")"
"$binary" search "$work/zhou" "孩子" --autocode "Identity construction" --coder "Zhou Ming" >/dev/null \
    || lw_fail "Zhou's autocoding failed"
"$binary" sync "$work/zhou" --coder "Zhou Ming" >/dev/null || lw_fail "Zhou's sync failed"
theirs="$(zhous_codings "$work/zhou")"
[ "$theirs" -gt "$before" ] || lw_fail "Zhou's autocoding coded nothing ($theirs codings)"

# ---- 3. Lin syncs in the window: Zhou's codings arrive in Lin's files. ----------------------
lw_key ctrl+shift+s
for _ in $(seq 120); do
    [ "$(zhous_codings "$work/support-group")" -ge "$theirs" ] && break
    sleep 0.5
done
after="$(zhous_codings "$work/support-group")"
[ "$after" -ge "$theirs" ] || lw_fail "Zhou's codings did not arrive ($before before, $after after, $theirs sent)"
sleep 1
lw_shot "$shots/4-synced.png"
echo "team sync: set up, sent, and brought in Zhou's codings ($before → $after)"
lw_quit || lw_fail "Ctrl+Q did not quit cleanly"
