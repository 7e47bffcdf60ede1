#!/usr/bin/env bash
# Builds the static x86_64 binary exactly as scripts/dist.sh does (profile dist), checks that it
# is statically linked and under 8 MiB, and runs validate, status --json and the SM3 example.
# Too slow for every CI run (over 5 minutes on 2 cores); run it before each release.
set -euo pipefail
cd "$(dirname "$0")/.."
# Built exactly as scripts/dist.sh builds it (profile dist), then checked and run. The aarch64
# binary (under qemu) and the offline source-bundle build are too slow for every run:
# scripts/test-dist.sh and scripts/test-offline-build.sh (see the README).
static_build() {
    local target=x86_64-unknown-linux-musl
    if ! rustup target list --installed | grep -qx "$target" && ! rustup target add "$target"; then
        echo "SKIPPED the static build: the Rust standard library for $target cannot be added here"
        return 0
    fi
    cargo build --locked --profile dist --target "$target"
    local bin="target/$target/dist/zizhi" config description bytes out
    description=$(file -b "$bin")
    bytes=$(stat -c %s "$bin")
    echo "$bin: $bytes bytes; $description"
    [[ "$description" == *"static-pie linked"* || "$description" == *"statically linked"* ]]
    ((bytes <= 8 * 1024 * 1024))
    "$bin" --version
    config=$(mktemp -d)
    out=$(XDG_CONFIG_HOME="$config" "$bin" validate)
    [[ "$out" == *"没有问题"* ]]
    out=$(XDG_CONFIG_HOME="$config" "$bin" status --json)
    [[ "$out" == *'"total": '[1-9]* ]]
    out=$(printf abc | "$bin" checksum --algo sm3 -)
    [[ "$out" == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0  -" ]]
    rm -rf "$config"
    echo "static x86_64 binary: statically linked, $bytes bytes, validate, status --json and SM3 pass"
}
static_build
