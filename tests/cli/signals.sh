#!/usr/bin/env bash
# SIGTERM mid-run (docs/robustness.md): the run stops after the current
# pair of time steps with exit status 130 and one stderr line, every output
# up to that time is readable, run.json says "interrupted at t = ..." and
# the HDF5 file holds exactly the output times up to t. Usage: signals.sh AIRSHED_BINARY
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fails=0
fail() { fails=$((fails + 1)); echo "FAIL: $*"; }

# The 6 h odour case: ~20 s on one thread, so the signal lands mid-run.
"$bin" run scenarios/odour.toml --threads 1 --output "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
# Wait for the third progress line (t = 20 min), then signal.
for _ in $(seq 600); do
  [ "$(grep -c ' t=' "$tmp/stdout")" -ge 3 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=""

[ "$rc" -eq 130 ] || fail "exit status $rc, expected 130"
[ "$(wc -l <"$tmp/stderr")" -eq 1 ] || fail "expected one stderr line"
grep -qE '^airshed: interrupted at t = [0-9.]+ s; .*--resume.*$' "$tmp/stderr" || fail "stderr: $(cat "$tmp/stderr")"
# t is the solver time, part-way through an output interval in general.
t=$(sed -nE 's/^airshed: interrupted at t = ([0-9.]+) s;.*$/\1/p' "$tmp/stderr")
ts=${t%.*}  # whole seconds
[ -n "$ts" ] && [ "$ts" -ge 1200 ] && [ "$ts" -lt 21600 ] || fail "stopped at t = '$t', not mid-run"
grep -q "\"status\": \"interrupted at t = $ts" "$tmp/out/run.json" || fail "run.json: $(grep status "$tmp/out/run.json")"
/usr/bin/python3 "$here/check_outputs.py" "$tmp/out" "interrupted at t = $ts" || fail "outputs not readable"
# The HDF5 file holds the output times t = 0, 600, ... up to t: floor(t / 600) + 1.
n=$(/usr/bin/python3 -c "import h5py,sys; f=h5py.File(sys.argv[1]); print(f['time'].shape[0], f.attrs['status'].decode())" "$tmp/out/odour.h5")
[ "$n" = "$((ts / 600 + 1)) interrupted" ] || fail "odour.h5 holds '$n', expected $((ts / 600 + 1)) interrupted"
cat "$tmp/stderr"
[ "$fails" -eq 0 ] && echo "signals: passed"
[ "$fails" -eq 0 ]
