#!/usr/bin/env bash
# Package check, run by .ci/run after its release build (no compiling here beyond cargo-deb on a
# fresh machine): build the .deb and the portable archive (scripts/package.sh), install the .deb
# with dpkg, start the installed /usr/bin/margin on the sample it carries under Xvfb from a folder
# far from the source tree and wait for its window (the time from `dpkg -i` to the first frame is
# printed), run the installed `margin --version` and `margin stats` on that sample, and remove
# the package again, also when a step fails.
# Usage: .ci/package.sh [OUT_DIR]   (default target/ci/packages). Runs from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib-window.sh
. .ci/lib-window.sh

began="$(date +%s.%N)"
out="${1:-target/ci/packages}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

echo "-- tools"
lw_install_tools
need=()
command -v python3 >/dev/null || need+=(python3)
command -v dpkg-shlibdeps >/dev/null || need+=(dpkg-dev)
if [ ${#need[@]} -gt 0 ]; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v cargo-deb >/dev/null || cargo install cargo-deb --locked --quiet

echo "-- packages"
if dpkg-query -W -f='${Status}' margin 2>/dev/null | grep -q "install ok installed"; then
    echo "a package named margin is already installed here; not touching it" >&2
    exit 1
fi
built="$(scripts/package.sh "$out")"
deb="$(sed -n 1p <<<"$built")"
tarball="$(sed -n 2p <<<"$built")"
ls -l "$deb" "$tarball"
binary="${CARGO_TARGET_DIR:-target}/release/margin"
echo "binary: $(stat -c %s "$binary") bytes as built, $(stat -c %s "${CARGO_TARGET_DIR:-target}/release/dist/margin") packaged; .deb: $(stat -c %s "$deb") bytes; .tar.gz: $(stat -c %s "$tarball") bytes"

work="$(mktemp -d)"
installed=""
cleanup() {
    lw_cleanup
    if [ -n "$installed" ]; then
        $sudo dpkg -r margin >/dev/null 2>&1 || echo "could not remove the margin package" >&2
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# The user: a home of their own, settings saying who codes, and a folder far from the sources.
home="$work/home"
far="$work/far/away"
mkdir -p "$home/.config/margin" "$far"
echo '(coder_name: Some("Lin Yue"), theme: Light)' > "$home/.config/margin/config.ron"
as_user() { (cd "$far" && env -u MARGIN_CONFIG_DIR -u MARGIN_DATA_DIR HOME="$home" \
    XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" "$@"); }

echo "-- install, start the window"
lw_start_xvfb
t0="$(date +%s.%N)"
installed=1
if ! $sudo dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then
    cat "$work/dpkg.log" >&2
    # Missing dependencies: let apt bring them, as a user's package manager would.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -f -y -qq >/dev/null
fi
t_installed="$(date +%s.%N)"
as_user /usr/bin/margin --sample >"$work/margin.log" 2>&1 &
margin_pid=$!
window=""
for _ in $(seq 1200); do
    window="$(xdotool search --onlyvisible --name 'Margin$' 2>/dev/null | head -n1 || true)"
    [ -n "$window" ] && break
    if ! kill -0 "$margin_pid" 2>/dev/null; then
        echo "the installed margin exited before showing a window:" >&2
        cat "$work/margin.log" >&2
        exit 1
    fi
    sleep 0.05
done
if [ -z "$window" ]; then
    echo "no window of the installed margin within 60 s" >&2
    cat "$work/margin.log" >&2
    exit 1
fi
t1="$(date +%s.%N)"
sleep 4 # the first frames, the fonts
lw_shot "$out/installed-window.png"
status=0
lw_quit || status=$?
[ "$status" -le 1 ] || exit 1
grep -q "unpacked the sample project" "$work/margin.log" \
    || { echo "the window did not open the sample it carries:" >&2; cat "$work/margin.log" >&2; exit 1; }
ls "$home/.local/share/margin/logs/"margin_r*.log >/dev/null

echo "-- the installed command line, far from the sources"
dpkg -L margin | grep -E '^/usr/(bin/margin|share/(applications/margin.desktop|man/man1/margin.1.gz|mime/packages/margin.xml|icons/hicolor/256x256/apps/margin.png|bash-completion/completions/margin|doc/margin/THIRD-PARTY-LICENSES.md))$' \
    | wc -l | grep -qx 7 || { echo "the package lacks some of its files:" >&2; dpkg -L margin >&2; exit 1; }
if command -v update-mime-database >/dev/null; then
    # shared-mime-info's trigger registered the file types.
    grep -q ':application/x-qdpx:\*\.qdpx$' /usr/share/mime/globs2 \
        || { echo ".qdpx is not registered as application/x-qdpx" >&2; exit 1; }
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/margin.desktop
fi
as_user /usr/bin/margin --version
sample="$(as_user /usr/bin/margin sample)"
as_user /usr/bin/margin stats "$sample" | tee "$work/stats.txt"
grep -q '^  codings          838$' "$work/stats.txt"

echo "-- remove"
$sudo dpkg -r margin >/dev/null
installed=""
[ ! -e /usr/bin/margin ] || { echo "/usr/bin/margin is still there after dpkg -r" >&2; exit 1; }

awk -v a="$t0" -v i="$t_installed" -v b="$t1" \
    'BEGIN { printf "from dpkg -i to the first frame: %.2f s (dpkg -i %.2f s, start to first frame %.2f s)\n", b - a, i - a, b - i }'
awk -v a="$began" -v b="$(date +%s.%N)" 'BEGIN { printf "package check: %.0f s\n", b - a }'
