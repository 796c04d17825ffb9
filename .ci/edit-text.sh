#!/usr/bin/env bash
# Editing a transcript in the real window (release binary, Xvfb, Mesa's software renderer),
# driven by xdotool on a copy of the sample with Interview G8 open: Document ▸ Edit text, a
# click into a turn puts the caret there, keys typed at once (without clicking into the editor)
# reach the document's file after the pause in typing, with the codings after it moved; the
# idle window uses under 0.5 s of CPU in 5 s in edit mode; then Done editing and Ctrl+Z give
# the text back byte for byte, and `margin check` finds the project sound.
# Usage: .ci/edit-text.sh [SHOT-FOLDER]  (default target/ci/edit-text). Runs from the repo root.
# MARGIN_BIN=path uses that binary instead of building the release one.
# The clicks are at the places the menu and the turn take in a 1360×860 window in English.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib-window.sh
. .ci/lib-window.sh

lw_begin "edit text" edit-text "${1:-}"
idle_limit=0.5

lw_sample_with_settings
lw_settings_in_english
study="$work/support-group"
g8="$study/documents/426b7b59-abce-5d15-b703-b7fb94d52762.txt"
cp "$g8" "$work/g8-before.txt"
codings="$(grep -l 426b7b59 "$study"/codings/*/*.ron | head -n1)"
cp "$codings" "$work/codings-before.ron"

lw_start_xvfb
lw_start_margin "$work/config" "$work/data"

# Document ▸ Edit text.
lw_click 128 13
sleep 1
lw_click 130 264
sleep 1.5
# Click into the second turn (G8: "不累不累，这点路算什么。…") and type at once.
lw_click 560 272
sleep 1.5
lw_type "(sic)"
sleep 2.5
lw_shot "$shots/1-typed.png"
grep -q "(sic)" "$g8" || lw_fail "what was typed did not reach $g8"
grep -q "G8：不累不累，.*(sic)" "$g8" || lw_fail "the typing is not in the turn that was clicked"
cmp -s "$codings" "$work/codings-before.ron" \
    && lw_fail "the codings after the edit did not move with it ($codings unchanged)"
lw_assert_idle "edit mode, after typing" "$idle_limit" || lw_fail "the window is busy while idle"

# Done editing, then undo: the text is as it was, byte for byte.
lw_click 659 80
sleep 1
lw_key ctrl+z
sleep 2.5
lw_shot "$shots/2-undone.png"
cmp -s "$g8" "$work/g8-before.txt" || lw_fail "undo did not give the text back byte for byte"
cmp -s "$codings" "$work/codings-before.ron" || lw_fail "undo did not give the codings back"

status=0
lw_quit || status=$?
[ "$status" -eq 2 ] && lw_fail "margin exited with an error"
"$binary" check "$study" >"$work/check.txt" 2>&1 || { cat "$work/check.txt" >&2; lw_fail "margin check found a problem"; }
echo "edit text: typed in the real window, saved, undone byte for byte; screenshots in $shots"
