#!/usr/bin/env bash
# A new user's first day, in the real window (release binary, Xvfb, Mesa's software renderer),
# driven by xdotool: Margin starts with no settings and opens its copy of the sample; the
# "Who is coding?" dialog takes a click, a typed name and "Start coding"; an interview passage
# is drag-selected and coded with key 1; Ctrl+Q quits and the coding must be in the new coder's
# codings folder. Then Margin starts again and a text file is imported through Project ▸ Import
# (the built-in file picker, path typed); the document must be in the project. The idle window
# must use under 0.5 s of CPU in 5 s, with the coder dialog open, with no dialog and with the
# file picker open; Ctrl+Q must quit with the picker open.
# Usage: .ci/first-day.sh [SHOT-FOLDER]  (default target/ci/first-day). Runs from the repo root.
# MARGIN_BIN=path uses that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib-window.sh
. .ci/lib-window.sh

lw_begin "first day" first-day "${1:-}"
idle_limit=0.5
mkdir -p "$work/config" "$work/data"
study="$work/data/samples/support-group"

lw_start_xvfb

# ---- 1. First run: no settings. Margin copies its sample and asks who is coding. ----------------
lw_start_margin "$work/config" "$work/data"
[ -f "$study/margin.ron" ] || lw_fail "the sample was not copied to $study"
lw_shot "$shots/1-who-is-coding.png"
# The note about the sample copy goes after 8 s; measure once it has.
sleep 4
lw_assert_idle "the coder dialog open" "$idle_limit" || lw_fail "the window is busy while idle"

# The name field of the dialog (the dialog is centred in the window; the first document of the
# sample, Interview G1, is open behind it).
name="Ada Example"
for attempt in 1 2 3; do
    lw_click 680 446
    sleep 0.5
    lw_type "$name"
    sleep 1
    lw_shot "$shots/2-name-typed-$attempt.png"
    # Start coding.
    lw_key Return
    sleep 1.5
    grep -q "coder_name: Some(\"$name\")" "$work/config/config.ron" 2>/dev/null && break
    # A key X did not deliver: clear the field and try again.
    lw_key ctrl+a
    lw_key BackSpace
done
grep -q "coder_name: Some(\"$name\")" "$work/config/config.ron" \
    || lw_fail "the coder's name was not taken (see $shots/2-name-typed-*.png)"
lw_shot "$shots/3-coding-as.png"

# ---- 2. Code a passage: drag across the first turn of the interview, press 1. -------------------
coded=""
coder=""
for attempt in 1 2 3; do
    # "Thank you for making time for this", the interviewer's first words in Interview G1.
    # Slowly: a software-rendered frame takes a while, and a press and a release seen in the
    # same frame are a click, not a drag.
    xdotool mousemove --sync 388 133 2>/dev/null || true
    sleep 0.5
    xdotool mousedown 1 2>/dev/null || true
    sleep 0.6
    xdotool mousemove --sync 550 134 2>/dev/null || true
    sleep 0.6
    xdotool mousemove --sync 700 134 2>/dev/null || true
    sleep 0.6
    xdotool mouseup 1 2>/dev/null || true
    sleep 0.8
    lw_shot "$shots/4-selected-$attempt.png"
    lw_key 1
    sleep 1.5
    lw_shot "$shots/5-coded-$attempt.png"
    coder_file="$(grep -l "\"$name\"" "$study"/coders/*.ron 2>/dev/null | head -n1 || true)"
    if [ -n "$coder_file" ]; then
        coder="$(basename "$coder_file" .ron)"
        if compgen -G "$study/codings/$coder/*.ron" >/dev/null; then
            coded=yes
            break
        fi
    fi
    # A miss shows a note above the transcript, which moves the text down until it goes (8 s).
    sleep 8.5
done
lw_quit || lw_fail "Ctrl+Q did not close the window"
[ -n "$coder" ] || lw_fail "no coder named $name in $study/coders"
[ -n "$coded" ] || compgen -G "$study/codings/$coder/*.ron" >/dev/null \
    || lw_fail "no coding of $name in $study/codings/$coder (see $shots/4-selected-*.png)"
grep -q "code:" "$study"/codings/"$coder"/*.ron || lw_fail "the codings file of $name holds no coding"
echo "coded a passage as $name: $(ls "$study/codings/$coder")"

# ---- 3. Start again and import a file through the built-in picker, typing its path. --------------
doc="$work/Field notes Riverside.txt"
printf 'Field notes, Riverside centre.\nThe kettle was always on; people stayed after the meeting.\n' >"$doc"
MARGIN_FILE_DIALOG=builtin lw_start_margin "$work/config" "$work/data"
lw_shot "$shots/6-again.png"
lw_assert_idle "no dialog" "$idle_limit" || lw_fail "the window is busy while idle"
imported=""
for attempt in 1 2 3; do
    lw_key ctrl+i
    sleep 2
    lw_type "$doc"
    sleep 1.5
    lw_shot "$shots/7-picker-$attempt.png"
    lw_key Return
    sleep 2
    # The import dialog: Enter reads the file, Enter adds it (one undo step), then the report.
    lw_shot "$shots/7b-import-dialog-$attempt.png"
    lw_key Return
    sleep 2
    lw_key Return
    sleep 2
    lw_shot "$shots/8-imported-$attempt.png"
    if grep -rl "The kettle was always on" "$study/documents" >/dev/null 2>&1; then
        imported=yes
        break
    fi
    lw_key Escape
    sleep 0.5
done
# Ctrl+Q quits even with a dialog open: open the picker again, let it sit idle, quit.
lw_key ctrl+i
sleep 2
lw_shot "$shots/9-picker-open.png"
lw_assert_idle "the file picker open" "$idle_limit" || lw_fail "the window is busy while idle"
lw_quit || lw_fail "Ctrl+Q did not close the window with the file picker open"
[ -n "$imported" ] || grep -rl "The kettle was always on" "$study/documents" >/dev/null 2>&1 \
    || lw_fail "the typed file was not imported (see $shots/7-picker-*.png)"
grep -l "Field notes Riverside" "$study"/documents/*.ron >/dev/null || lw_fail "the document has no name"
echo "first day: coded as $name, imported a file through the built-in picker (screenshots: $shots)"
