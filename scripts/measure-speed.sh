#!/usr/bin/env bash
# measure-speed.sh — measure zizhi as a user over SSH feels it, at 80×24 in a pseudo-terminal:
# first frame, peak memory (VmHWM), key-to-screen latency and bytes per key, on the built-in
# content and on the generated 10 000-item set. Prints one Markdown table row per scenario.
#
# Usage: scripts/measure-speed.sh TUIMEASURE [RUNS]
#   TUIMEASURE  path to tuimeasure.py (the workplace's terminal measuring harness; needs
#               Python 3 and `pip install pyte`)
#   RUNS        runs per scenario (default 5); figures are medians
#
# Each scenario gets a fresh config directory. The cache directory (compiled content) is
# shared by the runs of a scenario and starts empty, so the first run of each scenario is a
# first start (it parses the YAML and compiles it) and the others are ordinary starts; the
# table shows the median and, separately, the first start.
#
# Run it on an idle machine: timings on a loaded one are not comparable.

set -u -o pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TUIMEASURE="${1:?usage: scripts/measure-speed.sh TUIMEASURE [RUNS]}"
RUNS="${2:-5}"
BIN="$ROOT/target/release/zizhi"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$ROOT" && cargo build --release --quiet && \
  cargo run --release --quiet --example generate_content -- "$WORK/10k" >/dev/null) ||
  { echo "build failed" >&2; exit 3; }

echo "| scenario | first frame ms (median) | first start ms | peak memory KiB (median) | first start KiB | latency ms (median) | bytes/key (mean) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"

measure() { # label keys [zizhi args...]
  local label=$1 keys=$2
  shift 2
  local home="$WORK/$label"
  mkdir -p "$home/config" "$home/cache"
  python3 "$TUIMEASURE" --ready '总览' --keys "$keys" --quit q --runs "$RUNS" \
    -e XDG_CONFIG_HOME="$home/config" -e XDG_CACHE_HOME="$home/cache" \
    -- "$BIN" "$@" 2>/dev/null |
    python3 -c '
import json, sys
data = json.load(sys.stdin)
runs, median = data["runs"], data["median"]
first = runs[0]
print("| %s | %s | %s | %s | %s | %s | %s |" % (
    sys.argv[1],
    median["first_frame_ms"]["median"],
    first.get("first_frame_ms"),
    median["rss_vmhwm_kib"]["median"],
    first.get("rss", {}).get("vmhwm_kib"),
    median.get("all_keys_latency_median_ms", {}).get("median"),
    median.get("all_keys_bytes_mean", {}).get("median"),
))' "$label"
}

measure "built-in, dashboard ↓↑" 'down*20,up*20'
measure "built-in, checklist ↓↑" 'enter,down*20,up*20'
measure "10 000 items, dashboard ↓↑" 'down*20,up*20' --checklists "$WORK/10k"
measure "10 000 items, checklist ↓↑" 'enter,down*20,up*20' --checklists "$WORK/10k"
measure "10 000 items, search 保密 + ↓" '/,text:保密,down*10' --checklists "$WORK/10k"
