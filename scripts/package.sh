#!/usr/bin/env bash
# Build Margin's Linux packages from an existing release build (`cargo build --release --locked`;
# nothing is compiled here): a Debian/Ubuntu package (.deb, by cargo-deb, from
# [package.metadata.deb] in Cargo.toml) and a portable archive (.tar.gz: the binary, the desktop
# file, the icons, man pages, completions, licences and the README).
#
# Usage: scripts/package.sh [OUT_DIR]   (default: $CARGO_TARGET_DIR/packages, else target/packages)
# Prints the paths of the two packages. Needs cargo-deb (`cargo install cargo-deb --locked`) and
# python3 (the third-party licence list).
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
release="$target/release"
binary="$release/margin"
out="${1:-$target/packages}"
if [ ! -x "$binary" ]; then
    echo "package.sh: no release build at $binary; run cargo build --release --locked first" >&2
    exit 1
fi
version="$("$binary" --version | sed -n 's/^margin \([^ ]*\) .*/\1/p')"
arch="$(uname -m)"
mkdir -p "$out"

# Man pages and completions from the CLI's own definition; the dependencies' licences.
dist="$release/dist"
rm -rf "$dist"
mkdir -p "$dist"
"$binary" dist-files "$dist" >/dev/null
# The binary both packages carry: without the debug sections (215 MB → 47 MB) but with its symbol
# table, so a panic's backtrace in the log still names the functions.
objcopy --strip-debug "$binary" "$dist/margin"
gzip -9n "$dist"/man/*.1
scripts/third-party-licenses.py "$dist/THIRD-PARTY-LICENSES.md" 2>/dev/null

# The .deb (cargo-deb finds the build through CARGO_TARGET_DIR; target/release/ in the asset
# list is its name for that folder); --no-strip keeps the symbol table of dist/margin.
deb="$out/margin_${version}_$(dpkg --print-architecture 2>/dev/null || echo amd64).deb"
cargo deb --no-build --no-strip --output "$deb" >/dev/null

# The portable archive: bin/ and share/ laid out as under a prefix, so that
# `cp -r bin share ~/.local/` installs it for one user (see docs/install.md).
name="margin-${version}-${arch}-linux"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
share="$root/share"
mkdir -p "$root/bin" "$share/applications" "$share/mime/packages" "$share/man/man1" \
    "$share/icons/hicolor/scalable/apps" "$share/doc/margin" \
    "$share/bash-completion/completions" "$share/zsh/site-functions" \
    "$share/fish/vendor_completions.d"
cp "$dist/margin" "$root/bin/margin"
cp packaging/linux/margin.desktop "$share/applications/"
cp packaging/linux/margin-mime.xml "$share/mime/packages/margin.xml"
cp -r assets/icons/hicolor "$share/icons/"
cp assets/icons/margin.svg "$share/icons/hicolor/scalable/apps/"
cp "$dist"/man/*.1.gz "$share/man/man1/"
cp "$dist/completions/margin.bash" "$share/bash-completion/completions/margin"
cp "$dist/completions/_margin" "$share/zsh/site-functions/"
cp "$dist/completions/margin.fish" "$share/fish/vendor_completions.d/"
cp README.md docs/install.md docs/install.zh-CN.md "$root/"
cp LICENSE-MIT LICENSE-APACHE assets/fonts/LICENSE-DroidSansFallback-Apache-2.0.txt \
    "$dist/THIRD-PARTY-LICENSES.md" "$share/doc/margin/"
tarball="$out/$name.tar.gz"
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -C "$stage" -cf - "$name" \
    | gzip -9n > "$tarball"

echo "$deb"
echo "$tarball"
