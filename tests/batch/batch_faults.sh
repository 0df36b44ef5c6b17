#!/usr/bin/env bash
# Over 250 lines: one driver for the seven fault modes, which share the
# batch set-up, the member checks and the cleanup; one mode per ctest.
# Hostile-user faults of `airshed batch` (issue 19, docs/batch.md):
#   kill9     kill -9 of the driver: no member survives it; a member still
#             running (its .partial directory locked) is skipped, not
#             written twice; the rerun gives valid, complete receptor files
#   sigterm   SIGTERM to the driver reaches the members: they checkpoint,
#             the driver exits 130 with one line saying how to resume, and
#             the rerun resumes them
#   filesize  summary.csv under a file-size limit (ulimit -f 0): one error
#             line, non-zero exit, the old summary.csv kept
#   diskfull  the same on a full file system (a small tmpfs; needs root,
#             else skipped with 77)
#   edited    an edited batch or base scenario reruns exactly the members it
#             changes, saying which and why; the summary has the new factors
#   names     receptor names with ',' and '"' give an RFC 4180 summary.csv
#   failed    FAILED lines quote the member's error line, for a bad met
#             file and for a write that fails mid-run
# Usage: batch_faults.sh AIRSHED_BINARY MODE
set -u
bin=$1 mode=$2
tmp=$(mktemp -d /tmp/airshed_batch_faults.XXXXXX)
mounted="" driver="" holder=""
cleanup() {
  [ -n "$driver" ] && kill -9 "$driver" 2>/dev/null
  [ -n "$holder" ] && kill "$holder" 2>/dev/null
  kill_members
  [ -n "$mounted" ] && umount "$mounted"
  [ -n "${KEEP:-}" ] || rm -rf "$tmp"
}
# This test's member processes only: their command lines hold the unique $tmp.
member_pids() { pgrep -f -- "$tmp/batch.toml"; }
kill_members() { for p in $(member_pids); do kill -9 "$p" 2>/dev/null; done; }
trap cleanup EXIT
fails=0
fail() { fails=$((fails + 1)); echo "FAIL $mode: $*"; }

# base.toml: two receptors, species A (from "mill", group steel) and B
# (from "oven", group coke). CELLS and DURATION set the member's cost:
# 10x10 for 2 h takes ~0.1 s, 40x40 for 6 h a few seconds.
write_base() {  # DIR CELLS DURATION [RECEPTOR1_NAME]
  local r1=${4:-r1}
  cat >"$1/base.toml" <<EOF
[scenario]
name = "tiny"
start = "2026-01-15T00:00:00+08:00"
duration = "$3"
output_interval = "10min"

[domain]
origin = { lon = 117.7, lat = 39.0 }
size = [2000.0, 2000.0]
cells = [$2, $2]

[domain.levels]
count = 6
first_layer = 20.0
stretch = 1.3

[[species]]
name = "A"
units = "ug/m3"

[[species]]
name = "B"
units = "ug/m3"

[met]
kind = "uniform"
speed = 3.0
direction = 270.0
stability = "D"
mixing_height = 600.0

[[source]]
name = "mill"
group = "steel"
kind = "point"
position = { x = 300.0, y = 1000.0 }
height = 30.0
plume_rise = false
emissions = { A = 10.0 }

[[source]]
name = "oven"
group = "coke"
kind = "point"
position = { x = 500.0, y = 900.0 }
height = 20.0
plume_rise = false
emissions = { B = 4.0 }

[[receptor]]
name = '$r1'
position = { x = 1500.0, y = 1000.0 }

[[receptor]]
name = "r2"
position = { x = 1200.0, y = 800.0 }

[output]
directory = "out/tiny"
hdf5 = false
vtk = false
checkpoint_interval = "30min"
EOF
}
write_batch() {  # DIR STEEL_FACTOR
  printf 'base = "base.toml"\nname = "t"\n[[variant]]\nname = "half"\nscale_group = { steel = %s }\n' \
    "$2" >"$1/batch.toml"
}
batch() { "$bin" --backend cpu batch "$tmp/batch.toml" --output "$out" --threads 1 "$@"; }
out=$tmp/out

# receptors.csv of a finished member: no NUL byte, no repeated row, the
# header and (outputs) x 2 receptors x 2 species rows.
check_receptors() {  # FILE OUTPUTS
  python3 - "$1" "$2" <<'EOF' || fail "$1 is not a clean, complete series"
import sys
data = open(sys.argv[1], 'rb').read()
rows = data.decode('utf-8', 'replace').splitlines()
ok = True
if b'\0' in data: print('NUL bytes:', data.count(b'\0')); ok = False
if len(set(rows)) != len(rows): print('duplicate rows:', len(rows) - len(set(rows))); ok = False
want = 1 + int(sys.argv[2]) * 4
if len(rows) != want: print('rows:', len(rows), 'expected', want); ok = False
sys.exit(0 if ok else 1)
EOF
}
members_alive() { member_pids | wc -l; }
# Waits (up to 120 s) until both members have written a checkpoint.
wait_for_checkpoints() {
  for _ in $(seq 1200); do
    [ -f "$out/.baseline.partial/tiny.checkpoint" ] && [ -f "$out/.half.partial/tiny.checkpoint" ] &&
      return 0
    kill -0 "$driver" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

case $mode in
  kill9)
    write_base "$tmp" 40 6h
    write_batch "$tmp" 0.5
    # Not through the function: $! must be the driver itself, not a subshell.
    "$bin" --backend cpu batch "$tmp/batch.toml" --output "$out" --threads 1 --jobs 2 \
      >"$tmp/run1.out" 2>"$tmp/run1.err" &
    driver=$!
    wait_for_checkpoints || fail "members wrote no checkpoint: $(cat "$tmp/run1.err")"
    [ "$(members_alive)" -ge 2 ] || fail "members not running before the kill"
    kill -9 "$driver"
    wait "$driver" 2>/dev/null
    driver=""
    # Members die with their driver (PR_SET_PDEATHSIG): within 2 s.
    for _ in $(seq 20); do [ "$(members_alive)" -eq 0 ] && break; sleep 0.1; done
    left=$(members_alive)
    [ "$left" -eq 0 ] || fail "$left member process(es) survived kill -9 of the driver"
    kill_members

    # A live process holding a member's .partial directory (as an orphan
    # did): the rerun leaves that member alone and says so.
    # (the lock is on the directory's own fd; $! is the sleep holding it)
    (exec 9<"$out/.half.partial" && flock -x 9 && exec sleep 60) &
    holder=$!
    sleep 0.5
    before=$(ls -l --time-style=full-iso "$out/.half.partial")
    batch --jobs 2 >"$tmp/run2.out" 2>"$tmp/run2.err"
    rc=$?
    [ "$rc" -ne 0 ] || fail "rerun beside a locked member: exit 0"
    grep -qx "batch: half skipped: $out/.half.partial is in use by another running airshed process" \
      "$tmp/run2.err" || fail "no 'skipped' line: $(cat "$tmp/run2.err")"
    [ "$(ls -l --time-style=full-iso "$out/.half.partial")" = "$before" ] ||
      fail "the locked .partial directory was written"
    [ -f "$out/baseline/run.json" ] || fail "baseline not finished by the rerun"
    kill "$holder"
    wait "$holder" 2>/dev/null
    holder=""

    # The rerun now: resumes from the checkpoint, clean complete files.
    batch --jobs 2 >"$tmp/run3.out" 2>"$tmp/run3.err" || fail "rerun: $(cat "$tmp/run3.err")"
    grep -q "resumed at t = " "$out/half/batch.log" || fail "half did not resume from its checkpoint"
    for m in baseline half; do
      check_receptors "$out/$m/receptors.csv" 37
      grep -q '"status": "complete"' "$out/$m/run.json" || fail "$m/run.json not complete"
    done
    ;;

  sigterm)
    write_base "$tmp" 40 6h
    write_batch "$tmp" 0.5
    # Not through the function: $! must be the driver itself, not a subshell.
    "$bin" --backend cpu batch "$tmp/batch.toml" --output "$out" --threads 1 --jobs 2 \
      >"$tmp/run1.out" 2>"$tmp/run1.err" &
    driver=$!
    wait_for_checkpoints || fail "members wrote no checkpoint"
    kill -TERM "$driver"  # the driver only: it must pass the signal on
    wait "$driver"
    rc=$?
    driver=""
    [ "$rc" -eq 130 ] || fail "exit status $rc after SIGTERM, expected 130"
    [ "$(members_alive)" -eq 0 ] || fail "members still running after the driver exited"
    [ "$(wc -l <"$tmp/run1.err")" -eq 1 ] || fail "expected one stderr line: $(cat "$tmp/run1.err")"
    grep -qE '^airshed: batch stopped by SIGTERM; 2 member\(s\) not finished, .*run the same command again to resume$' \
      "$tmp/run1.err" || fail "stderr: $(cat "$tmp/run1.err")"
    for m in baseline half; do
      grep -q "interrupted at t = " "$out/.$m.log" || fail "$m was not stopped by the signal"
      [ -f "$out/.$m.partial/tiny.checkpoint" ] || fail "$m left no checkpoint"
    done
    batch --jobs 2 >"$tmp/run2.out" 2>"$tmp/run2.err" || fail "rerun: $(cat "$tmp/run2.err")"
    for m in baseline half; do
      grep -q "resumed at t = " "$out/$m/batch.log" || fail "$m did not resume"
      check_receptors "$out/$m/receptors.csv" 37
    done
    ;;

  filesize | diskfull)
    write_base "$tmp" 10 2h
    write_batch "$tmp" 0.5
    if [ "$mode" = diskfull ]; then
      [ "$(id -u)" -eq 0 ] || { echo "skipped: mounting a tmpfs needs root"; exit 77; }
      mkdir "$tmp/disk"
      mount -t tmpfs -o size=1m airshed-test "$tmp/disk" 2>"$tmp/mount.err" ||
        { echo "skipped: cannot mount a tmpfs here: $(cat "$tmp/mount.err")"; exit 77; }
      mounted=$tmp/disk
      out=$tmp/disk/out
    fi
    batch >/dev/null 2>"$tmp/run1.err" || fail "first batch: $(cat "$tmp/run1.err")"
    good=$(cat "$out/summary.csv")
    [ "$(wc -l <"$out/summary.csv")" -eq 9 ] || fail "summary.csv: $(wc -l <"$out/summary.csv") lines"
    if [ "$mode" = diskfull ]; then
      dd if=/dev/zero of="$tmp/disk/fill" bs=4k 2>/dev/null  # until the disk is full
      reason="No space left on device"
      run() { "$@"; }
    else
      reason="File too large"
      run() { (ulimit -f 0; exec "$@"); }
    fi
    for how in --summary ""; do  # batch --summary, and a batch whose members are all done
      # stderr through a pipe: a file would be under the limit too
      run "$bin" --backend cpu batch "$tmp/batch.toml" --output "$out" --threads 1 $how \
        2>&1 >/dev/null | cat >"$tmp/stderr"
      rc=${PIPESTATUS[0]}
      [ "$rc" -ne 0 ] || fail "batch $how: exit 0 when summary.csv cannot be written"
      grep -qE "^airshed: error: summary: cannot write '$out/summary.csv': $reason$" "$tmp/stderr" ||
        fail "batch $how: stderr: $(cat "$tmp/stderr")"
      [ "$(grep -c . "$tmp/stderr")" -eq 1 ] || fail "batch $how: $(grep -c . "$tmp/stderr") stderr lines"
      [ "$(cat "$out/summary.csv")" = "$good" ] || fail "batch $how: summary.csv changed"
      ls -a "$out" | grep -q '\.tmp' && fail "batch $how: a temporary file is left"
    done
    ;;

  edited)
    write_base "$tmp" 10 2h
    write_batch "$tmp" 0.5
    batch >/dev/null 2>&1 || fail "first batch"
    base_mtime=$(stat -c %Y.%y "$out/baseline/run.json")
    write_batch "$tmp" 0.25  # the user edits the factor
    batch >"$tmp/run2.out" 2>"$tmp/run2.err" || fail "rerun: $(cat "$tmp/run2.err")"
    grep -qx "batch: half is out of date (its settings in $tmp/batch.toml changed since it ran); running it again" \
      "$tmp/run2.out" || fail "no 'out of date' line: $(cat "$tmp/run2.out")"
    grep -q "baseline is out of date" "$tmp/run2.out" && fail "baseline rerun though unchanged"
    [ "$(stat -c %Y.%y "$out/baseline/run.json")" = "$base_mtime" ] || fail "baseline recomputed"
    # A = steel only, linear in the emissions: -75 % at both receptors.
    python3 - "$out/summary.csv" <<'EOF' || fail "summary does not have the new factor"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r['member'] == 'half' and r['species'] == 'A']
ch = [float(r['period_mean_change_pct']) for r in rows]
print('half A period_mean change %:', ch)
sys.exit(0 if len(ch) == 2 and all(abs(c + 75) < 0.01 for c in ch) else 1)
EOF
    # A finished member whose base scenario changed is rerun too, and
    # `batch --summary` leaves a stale member out rather than show it.
    sed -i 's/emissions = { B = 4.0 }/emissions = { B = 8.0 }/' "$tmp/base.toml"
    batch --summary >"$tmp/sum.out" 2>"$tmp/sum.err"
    [ "$(grep -c "^batch: summary leaves out .*: the base scenario $tmp/base.toml changed since it ran; run the batch again to update it$" "$tmp/sum.err")" -eq 2 ] ||
      fail "--summary with stale members: $(cat "$tmp/sum.err")"
    [ "$(wc -l <"$out/summary.csv")" -eq 1 ] || fail "stale rows kept in summary.csv"
    batch >"$tmp/run3.out" 2>&1 || fail "rerun after the base changed"
    [ "$(grep -c "is out of date (the base scenario $tmp/base.toml changed since it ran)" "$tmp/run3.out")" -eq 2 ] ||
      fail "base change: $(cat "$tmp/run3.out")"
    [ "$(wc -l <"$out/summary.csv")" -eq 9 ] || fail "summary after the rerun"
    ;;

  names)
    write_base "$tmp" 10 2h 'gate 3, "north"'
    write_batch "$tmp" 0.5
    batch >"$tmp/run.out" 2>&1 || fail "batch: $(cat "$tmp/run.out")"
    python3 - "$out/summary.csv" <<'EOF' || fail "summary.csv is not RFC 4180 with the names"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
ok = len(rows) == 9 and all(len(r) == 8 for r in rows)
ok = ok and sum(r[1] == 'gate 3, "north"' for r in rows) == 4
print(rows[1])
sys.exit(0 if ok else 1)
EOF
    grep -q '^baseline  gate 3, "north"  A ' "$tmp/run.out" || fail "table: $(cat "$tmp/run.out")"
    ;;

  failed)
    write_base "$tmp" 10 2h
    printf 'time,wind_speed\n2026-01-15T00:00+08:00,abc\n' >"$tmp/bad.csv"
    printf 'base = "base.toml"\nname = "t"\n[[variant]]\nname = "bad-met"\nmet = "bad.csv"\n' >"$tmp/batch.toml"
    batch >"$tmp/run.out" 2>"$tmp/run.err"
    [ "$?" -eq 1 ] || fail "exit status, expected 1 failed member"
    grep -qE "^batch: \[2/2\] bad-met FAILED \(exit 2\): $tmp/bad.csv:[0-9]+: .* \(log: $out/.bad-met.log\)$" \
      "$tmp/run.err" || fail "bad met: $(cat "$tmp/run.err")"
    # A write that fails mid-run: the member's progress lines reach its
    # log after the error (stdout is buffered), and the FAILED line must
    # still quote the error, not the log's last line.
    write_batch "$tmp" 0.5
    rm -rf "$out"
    (ulimit -f 2; exec "$bin" --backend cpu batch "$tmp/batch.toml" --output "$out" --threads 1) \
      >"$tmp/run2.out" 2>"$tmp/run2.err"
    grep -qE "^batch: \[[12]/2\] half FAILED \(exit 1\): airshed: error: member half: .*File too large" \
      "$tmp/run2.err" || fail "mid-run failure: $(cat "$tmp/run2.err"); log: $(cat "$out/.half.log" 2>/dev/null)"
    ;;

  *) echo "usage: $0 AIRSHED_BINARY kill9|sigterm|filesize|diskfull|edited|names|failed"; exit 2 ;;
esac
[ "$fails" -eq 0 ] && echo "$mode: passed"
[ "$fails" -eq 0 ]
