#!/usr/bin/env bash
# Writes dist/zizhi-<version>-src.tar.gz: the source at HEAD (git archive) plus every dependency
# (cargo vendor) and a .cargo/config.toml that builds from them, so that on a machine with no
# network and an empty cargo cache
#   tar xzf zizhi-<version>-src.tar.gz && cd zizhi-<version>-src
#   cargo build --release --offline --locked
# is all it takes. The commit is recorded in .source-commit (git fills it in on export), so
# `zizhi --version` names it. The archive is reproducible: the same commit gives the same bytes.
#
# Usage: scripts/source-bundle.sh [--allow-dirty]
#   --allow-dirty  bundle HEAD even though tracked files differ from it
# Needs the network or a cargo cache that holds every dependency, once, on the machine that
# makes the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."

allow_dirty=false
for arg in "$@"; do
    case "$arg" in
        --allow-dirty) allow_dirty=true ;;
        -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "source-bundle.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'source-bundle.sh: %s\n' "$*" >&2; exit 1; }

if ! git diff --quiet HEAD --; then
    $allow_dirty || die "tracked files differ from HEAD and the bundle is made from HEAD; commit first, or pass --allow-dirty"
    say "tracked files differ from HEAD: bundling HEAD anyway (--allow-dirty)"
fi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[[ -n "$version" ]] || die "cannot read the version from Cargo.toml"
name="zizhi-$version-src"
out="dist/$name.tar.gz"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say "exporting $(git rev-parse --short=12 HEAD) into $name/"
git archive --format=tar --prefix="$name/" HEAD | tar -x -C "$work"
grep -qE '^[0-9a-f]{40}$' "$work/$name/.source-commit" ||
    die ".source-commit was not filled in by git archive (is .gitattributes committed?)"

say "vendoring every dependency in Cargo.lock (all platforms, so one bundle builds anywhere)"
(cd "$work/$name" && cargo vendor --locked --versioned-dirs --quiet vendor >/dev/null)

cat >>"$work/$name/.cargo/config.toml" <<'EOF'

# Added by scripts/source-bundle.sh: build only from the sources in vendor/, never the network.
[source.crates-io]
replace-with = "vendored-sources"

[source.vendored-sources]
directory = "vendor"

[net]
offline = true
EOF

mkdir -p dist
commit_time=$(git log -1 --format=%ct HEAD)
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$commit_time" \
    --mode='u+rwX,go+rX,go-w' --format=gnu -C "$work" -cf - "$name" |
    gzip -9 -n >"$out"

crates=$(find "$work/$name/vendor" -mindepth 1 -maxdepth 1 -type d | wc -l)
say "$out: $(stat -c %s "$out") bytes, $crates vendored crates"
