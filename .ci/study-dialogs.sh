#!/usr/bin/env bash
# The import dialog and the case sheet in the real window (release binary, Xvfb, Mesa's
# software renderer), driven by xdotool on a copy of the sample: a WeChat chat is imported
# through the built-in picker with a pseudonym map, senders as cases and a speaker's turns
# coded; the preview must come before anything is stored and no real name may reach the
# project; then a value is edited in the case sheet and undone, and an attribute table is
# previewed, imported and undone. The idle window must use under 0.5 s of CPU in 5 s with the
# import dialog open and with the case sheet open. Screenshots go to the shot folder.
# Usage: .ci/study-dialogs.sh [SHOT-FOLDER]  (default target/ci/study-dialogs). Runs from the
# repo root. MARGIN_BIN=path uses that binary instead of building the release one.
# The clicks are at the places the dialogs take in a 1360×860 window in English.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib-window.sh
. .ci/lib-window.sh

lw_begin "study dialogs" study-dialogs "${1:-}"
idle_limit=0.5

lw_sample_with_settings
lw_settings_in_english
study="$work/support-group"
mkdir -p "$work/files" "$work/names"
cp tests/fixtures/window/group_chat.txt "$work/files/WeChat group June.txt"
cp tests/fixtures/window/pseudonyms.csv "$work/names/pseudonyms.csv"
cat >"$work/names/diagnosis.csv" <<'TABLE'
case,stage at diagnosis,screened by community programme
G1,IB,no
G2,IIA,yes
G11,IIA,no
TABLE
documents_before="$(ls "$study/documents" | wc -l)"
ls "$study/documents" >"$work/documents-before"
real_names='陈红|赵丽|济南|齐鲁医院'

lw_start_xvfb
MARGIN_FILE_DIALOG=builtin lw_start_margin "$work/config" "$work/data"

# ---- 1. Import with a pseudonym map: options, preview, add. ------------------------------------
lw_key ctrl+i
sleep 2
lw_type "$work/files/WeChat group June.txt"
sleep 1
lw_key Return
sleep 2
lw_shot "$shots/1-options.png"
lw_assert_idle "the import dialog open" "$idle_limit" || lw_fail "the window is busy while idle"
# Each field takes the keyboard on the frame after its click, and a loaded software-rendered
# window is slow to draw: wait before typing, and after.
field() {
    lw_click "$1" "$2"
    sleep 1
    xdotool type --delay 80 "$3" 2>/dev/null || true
    sleep 1
}
lw_click 486 344 # Make a case of every sender
sleep 1
field 538 371 "G7"                # the speaker
field 773 371 "Emotional arousal" # the code
field 628 399 "$work/names/pseudonyms.csv"
lw_shot "$shots/2-filled.png"
lw_key Return # Read and preview
sleep 3
lw_shot "$shots/3-preview.png"
[ "$(ls "$study/documents" | wc -l)" -eq "$documents_before" ] \
    || lw_fail "something was stored before the preview was accepted"
lw_key Return # Add to project
sleep 3
lw_shot "$shots/4-report.png"
[ "$(ls "$study/documents" | wc -l)" -eq $((documents_before + 2)) ] \
    || lw_fail "the chat was not added (see $shots/3-preview.png)"
if grep -rqE "$real_names" "$study"; then
    lw_fail "a real name reached the project: $(grep -rlE "$real_names" "$study" | head -3)"
fi
new_doc="$(ls "$study/documents" | grep -vxF -f "$work/documents-before" | grep '\.txt$' | head -n1)"
new_doc="${new_doc%.txt}"
grep -q "X市复查，Z医院" "$study/documents/$new_doc.txt" || lw_fail "the pseudonyms are not in the stored text"
coder="$(grep -l '"Lin Yue"' "$study"/coders/*.ron | head -n1)"
coder="$(basename "$coder" .ron)"
[ -f "$study/codings/$coder/$new_doc.ron" ] && [ "$(grep -c "code:" "$study/codings/$coder/$new_doc.ron")" -eq 2 ] \
    || lw_fail "G7's two messages were not coded (see $shots/2-filled.png)"
lw_key Escape
sleep 1

# ---- 2. The case sheet: a value edited and undone; a table previewed, imported, undone. --------
lw_click 30 13 # Project
sleep 0.8
lw_click 80 269 # Cases and attributes…
sleep 2
lw_shot "$shots/5-case-sheet.png"
lw_assert_idle "the case sheet open" "$idle_limit" || lw_fail "the window is busy while idle"
age='"efc08360-0632-572a-b396-61e8eaa93954"'
lw_click 284 320 # G1's age
sleep 1
lw_key ctrl+a
lw_type "29"
lw_key Return
sleep 3
grep -q "$age: Number(29.0)" "$study/cases.ron" || lw_fail "the edited age was not saved"
lw_key ctrl+z
sleep 3
grep -q "$age: Number(28.0)" "$study/cases.ron" || lw_fail "undo did not restore the age"
lw_click 850 236 # Import a table…
sleep 1.5
lw_type "$work/names/diagnosis.csv"
sleep 1
lw_key Return
sleep 2
lw_shot "$shots/6-table-preview.png"
grep -q 'name: "G11"' "$study/cases.ron" && lw_fail "the table was imported before the preview"
lw_click 259 390 # Import
sleep 3
lw_shot "$shots/7-table-imported.png"
grep -q 'name: "G11"' "$study/cases.ron" || lw_fail "the table was not imported (see $shots/6-table-preview.png)"
lw_key ctrl+z
sleep 3
grep -q 'name: "G11"' "$study/cases.ron" && lw_fail "undo did not take the table's case back"
lw_quit || lw_fail "Ctrl+Q did not close the window"
echo "study dialogs: imported with pseudonyms after the preview, edited and undid a value, imported and undid a table (screenshots: $shots)"
