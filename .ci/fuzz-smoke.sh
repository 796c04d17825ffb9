#!/usr/bin/env bash
# A short run of every fuzz target (fuzz/, cargo-fuzz with libFuzzer): build them with the
# nightly toolchain, then run each for FUZZ_SECONDS (default 8) from its committed corpus
# (fuzz/corpus/<target>). New inputs go to a temporary folder, so the committed corpus stays as
# it is. A crash fails the run; the input that crashed is kept in fuzz/artifacts/<target>/.
# Long runs: cargo +nightly fuzz run <target> fuzz/corpus/<target> -- -max_total_time=600 -timeout=20
# (an input slower than 20 s is a hang and is kept as an artifact, not waited on for 20 min)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-8}"

if ! rustup toolchain list | grep -q '^nightly'; then
  # cargo-fuzz needs nightly (sanitizer flags); a machine that cannot get it skips the smoke run
  # and says so, rather than failing for want of a toolchain.
  if ! rustup toolchain install nightly --profile minimal; then
    echo "fuzz smoke run skipped: no nightly toolchain on this machine"
    exit 0
  fi
fi
if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked
fi

# Unoptimised builds compile several times faster, which is what a short run needs; the long
# runs use the default (optimised) build.
mode=(--dev)
started=$SECONDS
cargo +nightly fuzz build "${mode[@]}"
echo "fuzz targets built in $((SECONDS - started)) s"
for target in $(cargo +nightly fuzz list); do
  scratch="$(mktemp -d)"
  mkdir -p "fuzz/corpus/$target"
  echo "== fuzz $target (${seconds} s)"
  status=0
  cargo +nightly fuzz run "${mode[@]}" "$target" "$scratch" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 >"$scratch.log" 2>&1 ||
    status=$?
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^#[0-9]+ +DONE' "$scratch.log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$scratch.log"
    echo "fuzz target $target failed (exit $status); see fuzz/artifacts/$target/"
    exit 1
  fi
  rm -rf "$scratch" "$scratch.log"
done
echo "fuzz smoke run done in $((SECONDS - started)) s"
