# What the real-window checks share (sourced, not run): the tools a fresh machine lacks, the
# release binary, a headless X server, starting Margin and finding its window, sending keys
# without a window manager, measuring the CPU time an idle window uses, and quitting.
# The caller sets `set -euo pipefail`, runs from the repository root and sets `work` to a
# temporary folder that it removes; `lw_cleanup` ends what was started here.

# What a fresh Debian/Ubuntu machine lacks for a headless window and a screenshot.
lw_install_tools() {
    local need=()
    command -v Xvfb >/dev/null || need+=(xvfb)
    command -v xdotool >/dev/null || need+=(xdotool)
    command -v xwininfo >/dev/null || need+=(x11-utils)
    command -v import >/dev/null || need+=(imagemagick)
    [ -e /usr/share/vulkan/icd.d/lvp_icd.x86_64.json ] || [ -e /usr/share/vulkan/icd.d/lvp_icd.json ] \
        || need+=(mesa-vulkan-drivers)
    [ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)
    if [ ${#need[@]} -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
    fi
}

# The binary to run: $MARGIN_BIN, else the release build (built here).
lw_binary() {
    if [ -n "${MARGIN_BIN:-}" ]; then
        echo "$MARGIN_BIN"
        return
    fi
    cargo build --release --locked --quiet >&2
    echo "${CARGO_TARGET_DIR:-target}/release/margin"
}

xvfb_pid=""
margin_pid=""
window=""

# A working copy of the sample in $work/support-group and settings in $work/config that say
# who codes and which document is open (the Chinese interview with timestamps), so no first-run
# question covers the window.
lw_sample_with_settings() {
    cp -r sample_projects/support-group "$work/support-group"
    local project
    project="$(cd "$work/support-group" && pwd -P)"
    mkdir -p "$work/config"
    cat > "$work/config/config.ron" <<CONFIG
(
    coder_name: Some("Lin Yue"),
    recent: [(path: "$project", last_document: Some("426b7b59-abce-5d15-b703-b7fb94d52762"))],
    theme: Light,
)
CONFIG
}

# What a scripted check starts with: its name $1 (for lw_fail), its screenshot folder (its
# script's first argument $3, else target/ci/$2), the tools, the binary to run, and a temporary
# folder $work removed at the end with whatever was started.
lw_begin() {
    check="$1"
    shots="${3:-target/ci/$2}"
    mkdir -p "$shots"
    lw_install_tools
    binary="$(lw_binary)"
    work="$(mktemp -d)"
    trap 'lw_cleanup; rm -rf "$work"' EXIT
}

# The sample's settings (see lw_sample_with_settings) with the window in English, for checks
# that click where English labels put things.
lw_settings_in_english() {
    sed -i 's/^    theme: Light,$/    theme: Light,\n    language: Some(English),/' "$work/config/config.ron"
}

# Stop the check with a message (prefixed with $check, the check's name) and Margin's output.
lw_fail() {
    echo "${check:-window check}: $*" >&2
    echo "--- margin's output:" >&2
    cat "$work/margin.log" >&2 || true
    exit 1
}

lw_cleanup() {
    [ -n "$margin_pid" ] && kill "$margin_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    margin_pid=""
    xvfb_pid=""
}

# Start Xvfb as large as the window (there is no window manager). Xvfb picks a free display
# number and tells it through file descriptor 3; DISPLAY is exported.
# The server must also take connections before Margin starts: once, a CI run's Margin found
# no server at the number Xvfb had just given (it had gone again); a server that does not
# answer is started afresh, up to three times.
lw_start_xvfb() {
    local attempt
    for attempt in 1 2 3; do
        rm -f "$work/display"
        Xvfb -displayfd 3 -screen 0 1360x860x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
        xvfb_pid=$!
        for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
        if [ -s "$work/display" ]; then
            export DISPLAY=":$(head -n1 "$work/display")"
            for _ in $(seq 50); do
                xdotool getdisplaygeometry >/dev/null 2>&1 && return 0
                kill -0 "$xvfb_pid" 2>/dev/null || break
                sleep 0.1
            done
        fi
        echo "Xvfb did not take connections (attempt $attempt):" >&2
        cat "$work/xvfb.log" >&2
        kill "$xvfb_pid" 2>/dev/null || true
        wait "$xvfb_pid" 2>/dev/null || true
    done
    return 1
}

# Start `$binary` with the settings in $1 and the data folder $2 (further arguments go to
# Margin), wait for its window (sets `window`) and its first frames.
lw_start_margin() {
    local config="$1" data="$2"
    shift 2
    MARGIN_CONFIG_DIR="$config" MARGIN_DATA_DIR="$data" "$binary" "$@" \
        >>"$work/margin.log" 2>&1 &
    margin_pid=$!
    window=""
    for _ in $(seq 120); do
        window="$(xdotool search --name 'Margin$' 2>/dev/null | head -n1 || true)"
        [ -n "$window" ] && break
        if ! kill -0 "$margin_pid" 2>/dev/null; then
            echo "margin exited before showing a window:" >&2
            cat "$work/margin.log" >&2
            return 1
        fi
        sleep 0.5
    done
    if [ -z "$window" ]; then
        echo "no Margin window appeared within 60 s" >&2
        cat "$work/margin.log" >&2
        return 1
    fi
    xdotool windowfocus --sync "$window" 2>/dev/null || true
    sleep "${LW_SETTLE:-4}" # first frames, fonts, the glyph atlas
}

# The CPU time (user + system, in clock ticks) Margin has used so far.
lw_cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$margin_pid/stat"
}

# Seconds of CPU the window uses over $1 seconds while nothing happens (printed).
lw_idle_cpu() {
    local span="${1:-5}" hz before after
    hz="$(getconf CLK_TCK)"
    before="$(lw_cpu_ticks)"
    sleep "$span"
    after="$(lw_cpu_ticks)"
    awk "BEGIN { printf \"%.2f\", ($after - $before) / $hz }"
}

# Fail unless the idle window used under $2 s of CPU over 5 s; $1 says what was on screen.
lw_assert_idle() {
    local what="$1" limit="$2" used
    xdotool mousemove --sync 1355 855 2>/dev/null || true
    sleep 1.5 # let animations and the pointer's hover end
    used="$(lw_idle_cpu 5)"
    echo "idle CPU over 5 s ($what): ${used} s"
    if awk "BEGIN { exit !($used >= $limit) }"; then
        echo "the idle window ($what) used ${used} s of CPU in 5 s (limit $limit s)" >&2
        return 1
    fi
}

# A screenshot of the screen to $1; fails if it is one flat colour (the window drew nothing).
lw_shot() {
    local out="$1" spread
    mkdir -p "$(dirname "$out")"
    import -window root "$out"
    spread="$(convert "$out" -colorspace Gray -format '%[fx:standard_deviation]' info:)"
    if awk "BEGIN { exit !($spread < 0.02) }"; then
        echo "the window is blank (grey level spread $spread): $out" >&2
        return 1
    fi
}

# Click at $1,$2 (window = screen coordinates: the window sits at 0,0 without a manager).
lw_click() {
    xdotool windowfocus --sync "$window" 2>/dev/null || true
    xdotool mousemove --sync "$1" "$2" click 1 2>/dev/null || true
}

# Type $1 into the focused field. Without a window manager the X keyboard focus may not be on
# the window yet (it was mapped after the first request): ask for it again first.
lw_type() {
    xdotool windowfocus --sync "$window" 2>/dev/null || true
    xdotool type --delay 40 "$1" 2>/dev/null || true
}

# Press the key $1 (xdotool name) in the window.
lw_key() {
    xdotool windowfocus --sync "$window" 2>/dev/null || true
    xdotool key --window "$window" "$1" 2>/dev/null || true
}

# Quit with Ctrl+Q and wait for the process to end by itself, saving on the way out.
# Without a window manager, X may not deliver the key at once: ask again, and give a slow
# software-rendered machine time. Returns 1 when it did not quit (it is then killed), 2 when
# it quit with an error.
lw_quit() {
    for _ in 1 2 3; do
        lw_key ctrl+q
        for _ in $(seq 40); do kill -0 "$margin_pid" 2>/dev/null || break; sleep 0.25; done
        kill -0 "$margin_pid" 2>/dev/null || break
    done
    if kill -0 "$margin_pid" 2>/dev/null; then
        kill -TERM "$margin_pid" 2>/dev/null || true
        for _ in $(seq 40); do kill -0 "$margin_pid" 2>/dev/null || break; sleep 0.25; done
        kill -KILL "$margin_pid" 2>/dev/null || true
        margin_pid=""
        return 1
    fi
    local status=0
    wait "$margin_pid" || status=$?
    margin_pid=""
    if [ "$status" -ne 0 ]; then
        echo "margin exited with status $status:" >&2
        cat "$work/margin.log" >&2
        return 2
    fi
}
