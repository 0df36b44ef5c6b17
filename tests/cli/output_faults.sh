#!/usr/bin/env bash
# A run whose outputs cannot be written (docs/robustness.md): under a
# file-size limit (`filesize`, ulimit -f) or on a full file system
# (`diskfull`, a small tmpfs; needs root, else skipped with 77) it must stop
# with exit status 1 and one stderr line naming the file and the OS reason;
# run.json must not claim success, and every file it lists must be readable
# in full (tests/cli/check_outputs.py).
# Usage: output_faults.sh AIRSHED_BINARY filesize|diskfull
set -u
bin=$1 mode=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
mounted=""
cleanup() { [ -n "$mounted" ] && umount "$mounted"; rm -rf "$tmp"; }
trap cleanup EXIT
fails=0
fail() { fails=$((fails + 1)); echo "FAIL $mode: $*"; }

# The odour case cut to 1 h of 10-min outputs: ~100 kB per output time in
# the .h5, ~100 kB per .vtr, 3.5 MB for the whole 6 h run.
# 3-D fields at every output time (a scenario's default is ground fields only)
sed -e 's/^duration = .*/duration = "1h"/' -e '/^\[output\]/a fields_interval = "10min"' scenarios/odour.toml >"$tmp/odour.toml"

case $mode in
  filesize)
    out=$tmp/out
    # 300 kB per file: the growing .h5 crosses it at the third output time.
    (ulimit -f 300; exec "$bin" run "$tmp/odour.toml" --threads 1 --output "$out") \
      >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    file_pattern="odour\.h5.*File too large"
    ;;
  diskfull)
    [ "$(id -u)" -eq 0 ] || { echo "skipped: mounting a tmpfs needs root"; exit 77; }
    mkdir "$tmp/disk"
    mount -t tmpfs -o size=400k airshed-test "$tmp/disk" 2>"$tmp/mount.err" ||
      { echo "skipped: cannot mount a tmpfs here: $(cat "$tmp/mount.err")"; exit 77; }
    mounted=$tmp/disk
    out=$tmp/disk/out
    # Past the up-front estimate (run_control.sh tests that refusal): the disk
    # filling during the run, as when others write to it.
    "$bin" run "$tmp/odour.toml" --threads 1 --output "$out" --no-space-check \
      >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    file_pattern="'?$out/[^ ]+'?.*No space left on device"
    ;;
  *) echo "usage: $0 AIRSHED_BINARY filesize|diskfull"; exit 2 ;;
esac

[ "$rc" -eq 1 ] || fail "exit status $rc, expected 1"
lines=$(wc -l <"$tmp/stderr")
[ "$lines" -eq 1 ] || fail "$lines stderr lines, expected 1"
grep -qE "^airshed: error: .*$file_pattern" "$tmp/stderr" || fail "stderr does not name the file and reason"
cat "$tmp/stderr"
if [ -f "$out/run.json" ]; then
  # "failed" when run.json could still be written, else the "running" of
  # the start: anything but a claim of completeness.
  /usr/bin/python3 "$here/check_outputs.py" "$out" || fail "outputs claim more than is on disk"
  grep -q '"status": "complete"' "$out/run.json" && fail "run.json claims completeness"
else
  fail "no run.json at all"
fi
[ "$fails" -eq 0 ] && echo "$mode: passed"
[ "$fails" -eq 0 ]
