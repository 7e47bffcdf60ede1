#!/usr/bin/env bash
# Builds what is handed out to secured machines, into dist/:
#   zizhi-<version>-x86_64-unknown-linux-musl    static binary (Intel, AMD, 海光 Hygon, 兆芯 Zhaoxin)
#   zizhi-<version>-aarch64-unknown-linux-musl   static binary (鲲鹏 Kunpeng, 飞腾 Phytium)
#   zizhi-<version>-src.tar.gz                   source with every dependency vendored
#   SHA256SUMS, SM3SUMS                          `<hex>  <file>` lines, as sha256sum writes them
# and prints the sums. Each binary is checked to be statically linked and at most 8 MB.
#
# Usage: scripts/dist.sh [--allow-dirty] [--no-src]
#   --allow-dirty  build even though tracked files differ from HEAD (the binaries then say
#                  "-dirty" in --version and the source bundle, made from HEAD, will not match)
#   --no-src       skip the source bundle
#
# Needs: rustup (the two musl targets are added if missing, which needs the network once),
# `file`, `sha256sum`. Nothing else: aarch64 links with rust-lld (.cargo/config.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# Where cargo puts what it builds: CARGO_TARGET_DIR when set (relative to this directory, as
# cargo reads it), else target/.
target_dir=${CARGO_TARGET_DIR:-target}
[[ "$target_dir" == /* ]] || target_dir="$root/$target_dir"

allow_dirty=false
with_src=true
for arg in "$@"; do
    case "$arg" in
        --allow-dirty) allow_dirty=true ;;
        --no-src) with_src=false ;;
        -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "dist.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'dist.sh: %s\n' "$*" >&2; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[[ -n "$version" ]] || die "cannot read the version from Cargo.toml"
targets=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl)
max_bytes=$((8 * 1024 * 1024))

if ! git diff --quiet HEAD -- 2>/dev/null; then
    if $allow_dirty; then
        say "tracked files differ from HEAD: building anyway (--allow-dirty)"
    else
        die "tracked files differ from HEAD; commit first, or pass --allow-dirty for a test build"
    fi
fi

for target in "${targets[@]}"; do
    if ! rustup target list --installed | grep -qx "$target"; then
        say "adding the Rust standard library for $target"
        rustup target add "$target"
    fi
done

mkdir -p dist
rm -f dist/SHA256SUMS dist/SM3SUMS dist/zizhi-"$version"-*

# Paths of this checkout and of the cargo registry would otherwise be compiled into panic
# messages: they say nothing useful on the target machine and make builds differ by location.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
remap="--remap-path-prefix=$root=zizhi --remap-path-prefix=$cargo_home=cargo"

artifacts=()
for target in "${targets[@]}"; do
    say "building $target (profile dist: fat LTO, one codegen unit; this takes minutes)"
    start=$SECONDS
    RUSTFLAGS="${RUSTFLAGS:-} $remap" \
        cargo build --locked --profile dist --target "$target"
    say "$target built in $((SECONDS - start)) s"

    name="zizhi-$version-$target"
    cp "$target_dir/$target/dist/zizhi" "dist/$name"
    chmod 0755 "dist/$name"

    description=$(file -b "dist/$name")
    case "$description" in
        *"dynamically linked"* | *interpreter*) die "$name is not static: $description" ;;
        *"statically linked"* | *"static-pie linked"*) ;;
        *) die "$name: file(1) does not say it is statically linked: $description" ;;
    esac
    bytes=$(stat -c %s "dist/$name")
    ((bytes <= max_bytes)) || die "$name is $bytes bytes, over the 8 MB limit"
    say "$name: $bytes bytes; $description"
    artifacts+=("$name")
done

if $with_src; then
    if $allow_dirty; then
        scripts/source-bundle.sh --allow-dirty
    else
        scripts/source-bundle.sh
    fi
    artifacts+=("zizhi-$version-src.tar.gz")
fi

# SM3 comes from the binary just built for this machine's CPU: no other tool is needed, and it
# is the same code that will check the sums on the secured machine.
case "$(uname -m)" in
    x86_64) hasher="dist/zizhi-$version-x86_64-unknown-linux-musl" ;;
    aarch64 | arm64) hasher="dist/zizhi-$version-aarch64-unknown-linux-musl" ;;
    *) die "no binary here runs on $(uname -m) to compute SM3" ;;
esac

(
    cd dist
    sha256sum -- "${artifacts[@]}" >SHA256SUMS
    "../$hasher" checksum --algo sm3 -- "${artifacts[@]}" >SM3SUMS
    # Two implementations must agree: coreutils and zizhi for SHA-256, and OpenSSL (1.1.1 or
    # later has SM3) for SM3 where it is installed.
    diff -u SHA256SUMS <("../$hasher" checksum --algo sha256 -- "${artifacts[@]}") >&2 ||
        die "zizhi's SHA-256 disagrees with sha256sum"
    if command -v openssl >/dev/null && openssl dgst -sm3 /dev/null >/dev/null 2>&1; then
        for f in "${artifacts[@]}"; do
            theirs=$(openssl dgst -sm3 -r -- "$f" | cut -d' ' -f1)
            grep -qx "$theirs  $f" SM3SUMS || die "zizhi's SM3 of $f disagrees with openssl ($theirs)"
        done
        say "SM3 cross-checked with $(openssl version | cut -d' ' -f1-2)"
    fi
)

commit=$(git rev-parse --short=12 HEAD)
git diff --quiet HEAD -- || commit="$commit-dirty"
echo
echo "zizhi $version, commit $commit"
(cd dist && ls -l -- "${artifacts[@]}" SHA256SUMS SM3SUMS)
echo
echo "SHA256SUMS"
cat dist/SHA256SUMS
echo
echo "SM3SUMS"
cat dist/SM3SUMS
