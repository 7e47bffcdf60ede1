#!/usr/bin/env bash
# ssh-hangup.sh — drop an SSH link under a running zizhi, mid-edit, and check within a second
# that zizhi saved what it showed, released its lock, exited, and did not spin on the CPU.
#
# Usage: scripts/ssh-hangup.sh [ZIZHI_BINARY]
#   ZIZHI_BINARY  defaults to target/release/zizhi (built with cargo if missing)
#
# What it does: starts a private sshd on 127.0.0.1 (its own config, host key and client key
# in a temporary work directory; the system's sshd and its config are not touched), runs
# zizhi through `ssh -tt` with a fresh config directory, opens the first checklist, types a
# Chinese note, waits until the note is on screen, then SIGKILLs the ssh client. sshd closes
# the remote terminal; zizhi must exit within 1 s with the note in its progress file and an
# empty lock file (a clean exit), using little CPU after the hangup.
#
# Needs: bash, ssh, ssh-keygen, sshd (Debian: apt-get install openssh-client openssh-server).
# Exit status: 0 passed, 1 failed, 3 could not set up. The work directory is kept for
# inspection (sshd.log, screen.log, config/zizhi/).

set -u -o pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:-$ROOT/target/release/zizhi}"
NOTE="断线前写的备注：机房门禁已核对"

say() { echo "ssh-hangup: $*" >&2; }
die() { say "$*"; exit 3; }

if [ ! -x "$BIN" ] && [ $# -eq 0 ]; then
  say "building $BIN"
  (cd "$ROOT" && cargo build --release --quiet) || die "cargo build --release failed"
fi
[ -x "$BIN" ] || die "no zizhi binary at $BIN"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"

SSHD="$(command -v sshd || true)"
[ -n "$SSHD" ] || { [ -x /usr/sbin/sshd ] && SSHD=/usr/sbin/sshd; }
[ -n "$SSHD" ] || die "sshd not found: apt-get install openssh-server"
command -v ssh >/dev/null || die "ssh not found: apt-get install openssh-client"
command -v ssh-keygen >/dev/null || die "ssh-keygen not found: apt-get install openssh-client"
# sshd refuses to start without its privilege separation directory.
[ -d /run/sshd ] || mkdir -p -m 0755 /run/sshd 2>/dev/null || die "cannot create /run/sshd"

W="$(mktemp -d /tmp/zizhi-ssh-hangup.XXXXXX)" || die "mktemp failed"
chmod 700 "$W"
say "work directory: $W"
ssh-keygen -q -t ed25519 -N '' -f "$W/host_key" </dev/null >/dev/null || die "ssh-keygen failed"
ssh-keygen -q -t ed25519 -N '' -f "$W/client_key" </dev/null >/dev/null || die "ssh-keygen failed"
cp "$W/client_key.pub" "$W/authorized_keys"
chmod 600 "$W/authorized_keys"
USER_NAME="$(id -un)"

SSHD_PID="" CLIENT_PID="" REMOTE_PID=""
cleanup() {
  exec 3>&- 2>/dev/null
  [ -n "$CLIENT_PID" ] && kill -KILL "$CLIENT_PID" 2>/dev/null
  [ -n "$REMOTE_PID" ] && kill -KILL "$REMOTE_PID" 2>/dev/null
  if [ -n "$SSHD_PID" ]; then
    # The per-connection sshd processes are children of the listener.
    for child in $(ps -o pid= --ppid "$SSHD_PID" 2>/dev/null); do kill -TERM "$child" 2>/dev/null; done
    kill -TERM "$SSHD_PID" 2>/dev/null
    wait "$SSHD_PID" 2>/dev/null
  fi
}
trap cleanup EXIT
trap 'exit 3' INT TERM HUP

# A free port: try random high ports until sshd listens on one.
PORT=""
for _ in $(seq 1 20); do
  try=$((20000 + RANDOM % 40000))
  cat > "$W/sshd_config" <<EOF
Port $try
ListenAddress 127.0.0.1
HostKey $W/host_key
PidFile $W/sshd.pid
AuthorizedKeysFile $W/authorized_keys
AllowUsers $USER_NAME
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
EOF
  "$SSHD" -D -e -f "$W/sshd_config" -E "$W/sshd.log" &
  SSHD_PID=$!
  for _ in $(seq 1 50); do
    if (exec 9<>"/dev/tcp/127.0.0.1/$try") 2>/dev/null; then PORT=$try; break; fi
    kill -0 "$SSHD_PID" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$PORT" ] && break
  kill -TERM "$SSHD_PID" 2>/dev/null; wait "$SSHD_PID" 2>/dev/null; SSHD_PID=""
done
[ -n "$PORT" ] || { cat "$W/sshd.log" >&2; die "private sshd did not start"; }
say "private sshd (pid $SSHD_PID) on 127.0.0.1:$PORT"

SSH=(ssh -F /dev/null -i "$W/client_key" -o IdentitiesOnly=yes -o BatchMode=yes
  -o StrictHostKeyChecking=no -o UserKnownHostsFile="$W/known_hosts" -o LogLevel=ERROR
  -o ServerAliveInterval=0 -p "$PORT" "$USER_NAME@127.0.0.1")
"${SSH[@]}" true </dev/null >"$W/login.log" 2>&1 || { cat "$W/login.log" >&2; die "ssh login failed"; }

DATA="$W/config/zizhi/progress.json"
q() { printf '%q' "$1"; }
REMOTE="echo \$\$ > $(q "$W/remote.pid"); exec env XDG_CONFIG_HOME=$(q "$W/config") LANG=C.UTF-8 TERM=xterm-256color COLUMNS=80 LINES=24 $(q "$BIN")"

# The client reads keys from a FIFO held open on fd 3; -tt gives the remote side a terminal.
mkfifo "$W/keys"
"${SSH[@]}" -tt "stty cols 80 rows 24 2>/dev/null; $REMOTE" <"$W/keys" >"$W/screen.log" 2>&1 &
CLIENT_PID=$!
exec 3>"$W/keys"

# Waits up to $2 seconds until the screen output contains $1.
wait_screen() {
  local deadline=$((SECONDS + $2))
  until grep -q -- "$1" "$W/screen.log" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { say "timed out waiting for '$1' on screen"; return 1; }
    sleep 0.02
  done
}

wait_screen "阶段进度" 20 || die "zizhi did not show its dashboard (see $W/screen.log)"
REMOTE_PID="$(cat "$W/remote.pid")"
printf '\r' >&3
wait_screen "阶段清单" 10 || die "the checklist did not open"
printf 'n' >&3
wait_screen "Ctrl+S" 10 || die "the note editor did not open"
printf '%s' "$NOTE" >&3
# The last characters of the note are drawn only after they are saved (zizhi saves before
# every frame), so once they are on screen the note must be in the file.
wait_screen "已核对" 10 || die "the note did not appear on screen"

# CPU ticks (user + system) of a live process; nothing once it has exited (a zombie, waiting
# for its parent to reap it, has exited too).
ticks() { awk '{ sub(/^.*\) /, ""); if ($1 != "Z" && $1 != "X") print $12 + $13 }' "/proc/$1/stat" 2>/dev/null; }
HZ="$(getconf CLK_TCK)"
before="$(ticks "$REMOTE_PID")"
say "zizhi (pid $REMOTE_PID) is editing a note; killing the ssh client (pid $CLIENT_PID)"
start_ns="$(date +%s%N)"
kill -KILL "$CLIENT_PID"
wait "$CLIENT_PID" 2>/dev/null
CLIENT_PID=""

exited_ms=""
last="$before"
while :; do
  now_ns="$(date +%s%N)"
  elapsed_ms=$(( (now_ns - start_ns) / 1000000 ))
  t="$(ticks "$REMOTE_PID")"
  if [ -z "$t" ]; then exited_ms=$elapsed_ms; break; fi
  last="$t"
  [ $elapsed_ms -lt 1000 ] || break
  sleep 0.01
done

fail=0
if [ -n "$exited_ms" ]; then
  cpu_ms=$(( (last - before) * 1000 / HZ ))
  say "exited ${exited_ms} ms after the hangup, using at most ${cpu_ms} ms of CPU after it"
  REMOTE_PID=""
else
  sleep 1
  spun="$(ticks "$REMOTE_PID")"
  cpu_pct=$(( (${spun:-$last} - last) * 100 / HZ ))
  say "FAIL: still running 1 s after the hangup (CPU over the next second: ${cpu_pct}%)"
  fail=1
fi

if grep -q -- "$NOTE" "$DATA" 2>/dev/null; then
  say "the note is in $DATA"
else
  say "FAIL: the note is not in $DATA"; fail=1
fi
if XDG_CONFIG_HOME="$W/config" "$BIN" status >/dev/null 2>"$W/status.err"; then
  say "the progress file loads"
else
  say "FAIL: the progress file does not load: $(cat "$W/status.err")"; fail=1
fi
lock="$DATA.lock"
if [ -f "$lock" ] && [ ! -s "$lock" ]; then
  say "the lock was released (a clean exit, not a crash)"
else
  say "FAIL: the lock file still names a holder: $(cat "$lock" 2>/dev/null)"; fail=1
fi

if [ $fail = 0 ]; then say "PASS"; else say "FAILED (work directory kept: $W)"; fi
exit $fail
