#!/usr/bin/env bash
# Proves the handed-out binaries work: runs scripts/dist.sh (both static builds, the source
# bundle, the sums), then for the x86_64 binary natively and the aarch64 binary under
# qemu-aarch64 (Debian's qemu-user) checks that
#   - file(1) says statically linked, for the right CPU; size at most 8 MB; no build-machine
#     paths inside;
#   - --version names the version, the target and this commit;
#   - `validate` and `status --json` (with an empty XDG_CONFIG_HOME) pass on the built-in content;
#   - `checksum` gives the GB/T 32905 SM3 example, and `checksum --check` accepts SM3SUMS and
#     SHA256SUMS;
#   - the interactive app starts in an 80x24 tmux pane, marks an item done and quits, and the
#     progress file it wrote is read by the *other* binary (data moves between CPUs).
#
# Usage: scripts/test-dist.sh [--no-src] [--skip-build]
#   --no-src      passed to dist.sh (no source bundle, so two files in the sums)
#   --skip-build  test what is already in dist/
# Needs: file, tmux, python3, qemu-aarch64 (apt-get install qemu-user).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

build=true
dist_args=(--allow-dirty)
for arg in "$@"; do
    case "$arg" in
        --no-src) dist_args+=(--no-src) ;;
        --skip-build) build=false ;;
        -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "test-dist.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

qemu=$(command -v qemu-aarch64 || command -v qemu-aarch64-static || true)
[[ -n "$qemu" ]] || { echo "test-dist.sh: qemu-aarch64 not found: apt-get install qemu-user" >&2; exit 2; }
for tool in file tmux python3; do
    command -v "$tool" >/dev/null || { echo "test-dist.sh: $tool not found" >&2; exit 2; }
done

if $build; then
    start=$SECONDS
    scripts/dist.sh "${dist_args[@]}"
    echo "dist.sh took $((SECONDS - start)) s"
fi

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
commit=$(git rev-parse --short=12 HEAD)
git diff --quiet HEAD -- || commit="$commit-dirty"
work=$(mktemp -d /tmp/zizhi-test-dist.XXXXXX)
sessions=()
cleanup() {
    for s in "${sessions[@]}"; do tmux kill-session -t "$s" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); printf '  ok    %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$*"; }
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

# Runs the binary for TARGET, under qemu for aarch64.
run() { # run TARGET ARGS...
    local target=$1
    shift
    local bin="$root/dist/zizhi-$version-$target"
    case "$target" in
        aarch64-*) "$qemu" "$bin" "$@" ;;
        *) "$bin" "$@" ;;
    esac
}

wait_for_screen() { # wait_for_screen SESSION TEXT: up to 30 s (qemu starts slowly)
    for _ in $(seq 60); do
        tmux capture-pane -p -t "$1" 2>/dev/null | grep -qF "$2" && return 0
        sleep 0.5
    done
    tmux capture-pane -p -t "$1" 2>/dev/null | sed 's/^/        | /'
    return 1
}

gone() { # gone SESSION: the app quit within 10 s
    for _ in $(seq 20); do
        tmux has-session -t "$1" 2>/dev/null || return 0
        sleep 0.5
    done
    return 1
}

json_check() { # json_check FILE PYTHON-EXPRESSION...
    python3 - "$@" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
for expr in sys.argv[2:]:
    if not eval(expr, {"doc": doc}):
        print(f"        {expr} is false in {sys.argv[1]}", file=sys.stderr)
        sys.exit(1)
EOF
}

declare -A arch=([x86_64-unknown-linux-musl]="x86-64" [aarch64-unknown-linux-musl]="ARM aarch64")
declare -A other=([x86_64-unknown-linux-musl]=aarch64-unknown-linux-musl [aarch64-unknown-linux-musl]=x86_64-unknown-linux-musl)
listed=$(wc -l <dist/SHA256SUMS)
abc_sm3=66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0

for target in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
    bin="dist/zizhi-$version-$target"
    echo
    if [[ $target == aarch64-* ]]; then echo "$target (under $qemu)"; else echo "$target"; fi
    description=$(file -b "$bin")
    check "file: $description" \
        bash -c '[[ "$1" == *"${2}"* && ( "$1" == *"statically linked"* || "$1" == *"static-pie linked"* ) && "$1" != *interpreter* ]]' _ "$description" "${arch[$target]}"
    bytes=$(stat -c %s "$bin")
    check "size $bytes bytes <= 8 MB" test "$bytes" -le $((8 * 1024 * 1024))
    check "no path of this checkout or of ~/.cargo inside" \
        bash -c '! grep -aqF -e "$1" -e "$2" "$3"' _ "$root" "${CARGO_HOME:-$HOME/.cargo}" "$bin"

    version_line=$(run "$target" --version)
    expected="zizhi $version ($target, commit $commit)"
    # Without a build here, the tree may have changed since: only HEAD itself must match.
    $build || expected="zizhi $version ($target, commit ${commit%-dirty}${version_line##*"${commit%-dirty}"}"
    check "--version: $version_line" test "$version_line" = "$expected"

    export XDG_CONFIG_HOME="$work/$target-config"
    validate=$(run "$target" validate 2>&1) && status=0 || status=$?
    check "validate exits 0: $validate" \
        bash -c '[[ $1 == 0 && "$2" == "内置内容：没有问题（"* ]]' _ "$status" "$validate"
    items=$(sed -n 's/.*，\([0-9]*\) 个清单项.*/\1/p' <<<"$validate")

    run "$target" status --json >"$work/$target-status.json"
    check "status --json on an empty config: $items items, none done, data in XDG_CONFIG_HOME" \
        json_check "$work/$target-status.json" \
        "doc['items']['total'] == ${items:-0} and doc['items']['done'] == 0" \
        "len(doc['phases']) == 6" \
        "doc['data_file'] == '$XDG_CONFIG_HOME/zizhi/progress.json'"
    run "$target" data path >"$work/path.txt"
    check "data path: $(cat "$work/path.txt")" \
        test "$(cat "$work/path.txt")" = "$XDG_CONFIG_HOME/zizhi/progress.json"

    check "SM3 of \"abc\" is the GB/T 32905 example" \
        test "$(printf abc | run "$target" checksum --algo sm3 - | cut -d' ' -f1)" = "$abc_sm3"
    for sums in SM3SUMS SHA256SUMS; do
        out=$(cd "$work" && run "$target" checksum --check "$root/dist/$sums" 2>&1) && status=0 || status=$?
        check "checksum --check dist/$sums from another directory: $(tail -n 1 <<<"$out")" \
            bash -c '[[ $1 == 0 && "$2" == *"$3 个一致，0 个不一致"* ]]' _ "$status" "$out" "$listed"
    done

    session="zizhi-test-dist-$$-${target%%-*}"
    sessions+=("$session")
    launcher=()
    [[ $target == aarch64-* ]] && launcher=("$qemu")
    tmux new-session -d -s "$session" -x 80 -y 24 \
        env "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" "${launcher[@]}" "$root/$bin"
    check "the app draws the dashboard at 80x24" wait_for_screen "$session" "阶段进度"
    tmux send-keys -t "$session" Enter
    check "Enter opens the first phase's checklist" wait_for_screen "$session" "阶段清单"
    tmux send-keys -t "$session" Space
    check "Space marks the first item done" wait_for_screen "$session" "[x] 已完成"
    tmux send-keys -t "$session" q
    check "q quits" gone "$session"
    run "$target" status --json >"$work/$target-after.json"
    check "status --json counts the item marked in the app" \
        json_check "$work/$target-after.json" "doc['items']['done'] == 1"
done

echo
echo "the two CPUs agree"
check "status --json on an empty config is identical but for the data path" \
    bash -c 'diff <(grep -v data_file "$1") <(grep -v data_file "$2")' \
    _ "$work/x86_64-unknown-linux-musl-status.json" "$work/aarch64-unknown-linux-musl-status.json"
for target in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
    written="$work/${other[$target]}-config/zizhi/progress.json"
    run "$target" --data "$written" status --json >"$work/cross.json"
    check "${target%%-*} reads the file ${other[$target]%%-*} wrote: 1 done" \
        json_check "$work/cross.json" "doc['items']['done'] == 1"
done

echo
echo "$passed passed, $failed failed"
((failed == 0))
