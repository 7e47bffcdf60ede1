#!/usr/bin/env bash
# Proves the source bundle alone is enough: unpacks dist/zizhi-<version>-src.tar.gz into an
# empty directory outside any git repository and builds it with `cargo build --release
# --offline --locked`, with
#   - an empty CARGO_HOME, so no registry cache or downloaded crate can help,
#   - CARGO_NET_OFFLINE=true, and
#   - no network at all: inside `unshare --net` (a network namespace with only a dead loopback)
#     where the kernel allows it; otherwise it says so and relies on the two above.
# Then runs the result: --version must name the bundle's commit, `validate` and `status --json`
# must pass on the built-in content.
#
# Usage: scripts/test-offline-build.sh [BUNDLE]   (default: build a fresh one with
#        scripts/source-bundle.sh --allow-dirty)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*" >&2; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
bundle=${1:-}
if [[ -z "$bundle" ]]; then
    scripts/source-bundle.sh --allow-dirty
    bundle="dist/zizhi-$version-src.tar.gz"
fi
[[ -f "$bundle" ]] || fail "no bundle at $bundle"
bundle=$(realpath "$bundle")

# The real toolchain binaries, not rustup's proxies: the proxies look in CARGO_HOME, which is
# about to be empty.
cargo_bin=$(rustup which cargo)
rustc_bin=$(rustup which rustc)

work=$(mktemp -d /tmp/zizhi-offline.XXXXXX)
trap 'rm -rf "$work"' EXIT
tar -xzf "$bundle" -C "$work"
src="$work/zizhi-$version-src"
[[ -d "$src/vendor" ]] || fail "the bundle has no vendor/ directory"
mkdir "$work/cargo-home" "$work/control-cargo-home"
expected_commit=$(cut -c1-12 "$src/.source-commit")

isolate=()
if unshare --net true 2>/dev/null; then
    isolate=(unshare --net)
    say "building with no network (unshare --net)"
else
    say "unshare --net is not permitted here: relying on --offline and an empty CARGO_HOME"
fi

# From inside the bundle, as a person would: cargo finds .cargo/config.toml from the current
# directory, not from --manifest-path.
build() {
    cd "$src" && env -i PATH="/usr/bin:/bin" HOME="$work" \
        CARGO_HOME="$work/cargo-home" CARGO_NET_OFFLINE=true RUSTC="$rustc_bin" \
        CARGO_TERM_COLOR=never \
        "${isolate[@]}" "$cargo_bin" build --release --offline --locked
}

# Control: without the bundle's .cargo/config.toml the same isolated cargo must fail to
# resolve, or the build below would prove nothing about vendor/.
control() {
    cd "$src" && mv .cargo .cargo-aside && trap 'mv .cargo-aside .cargo' RETURN &&
        env -i PATH="/usr/bin:/bin" HOME="$work" CARGO_HOME="$work/control-cargo-home" \
            CARGO_NET_OFFLINE=true RUSTC="$rustc_bin" \
            "${isolate[@]}" "$cargo_bin" tree --offline --locked --depth 0
}
if (control) >"$work/control.log" 2>&1; then
    fail "cargo resolved dependencies without vendor/: the isolation is not working"
fi
say "control: without vendor/ cargo cannot resolve ($(grep -m1 '^error' "$work/control.log"))"

start=$SECONDS
(build) >"$work/build.log" 2>&1 || { tail -n 40 "$work/build.log" >&2; fail "offline build failed"; }
say "offline build finished in $((SECONDS - start)) s: $(tail -n 1 "$work/build.log")"

[[ ! -e "$work/cargo-home/registry" ]] || fail "cargo used a registry: $(ls "$work/cargo-home/registry")"

bin="$src/target/release/zizhi"
export XDG_CONFIG_HOME="$work/config"
version_line=$("$bin" --version)
say "$version_line"
[[ "$version_line" == "zizhi $version ("*", commit $expected_commit)" ]] ||
    fail "--version should name the bundle's commit $expected_commit: $version_line"

validate=$("$bin" validate)
[[ "$validate" == *"没有问题"* ]] || fail "validate: $validate"

"$bin" status --json >"$work/status.json"
python3 - "$work/status.json" "$XDG_CONFIG_HOME" <<'EOF' || fail "status --json"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["items"]["total"] > 0 and doc["items"]["done"] == 0, doc["items"]
assert len(doc["phases"]) == 6, len(doc["phases"])
assert doc["data_file"].startswith(sys.argv[2]), doc["data_file"]
EOF

echo "PASS: $(basename "$bundle") builds offline with --locked from an empty cargo home and runs"
echo "1 passed, 0 failed"
