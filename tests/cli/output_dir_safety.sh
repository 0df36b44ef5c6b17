#!/usr/bin/env bash
# The output directory against a hostile or careless user (issue 19,
# docs/output-format.md "The output directory"):
#  - a second run (fresh or --resume) into a directory a run is writing is
#    refused with one stderr line naming the directory and the holder's pid,
#    touches nothing, and the first run's files stay readable;
#  - symbolic links in place of airshed's files (receptors.csv, NAME.h5, a
#    .vtr, .airshed.lock) are refused and their targets outside the
#    directory keep their content; a link under the old probe's name is
#    never written through;
#  - a scenario's [output].directory that a symbolic link leads out of the
#    working directory is refused before anything is created there;
#  - a rerun with fewer output times removes the earlier run's extra files
#    of that name, and nothing airshed did not write.
# Usage: output_dir_safety.sh AIRSHED_BINARY   (run from the repo root)
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill -CONT "$pid" 2>/dev/null && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fails=0
fail() { fails=$((fails + 1)); echo "FAIL: $*"; }

# The odour case cut to 1 h of 10-min outputs (7 .vtr, ~2 s on one thread).
# 3-D fields and VTK files every output (a scenario's default is ground fields only)
sed -e 's/^duration = .*/duration = "1h"/' -e '/^\[output\]/a fields_interval = "10min"' scenarios/odour.toml >"$tmp/odour.toml"
sed -e 's/^duration = .*/duration = "30min"/' -e '/^\[output\]/a fields_interval = "10min"' scenarios/odour.toml >"$tmp/short.toml"
grep -q '^duration = "1h"' "$tmp/odour.toml" || { echo "cannot shorten scenarios/odour.toml"; exit 1; }
run() { "$bin" --backend cpu run "$@" --threads 1; }
# Names, sizes and checksums of everything in a directory (hidden files too).
listing() { (cd "$1" && find . -type f -o -type l | sort | while read -r f; do
  echo "$f $(stat -c '%s %Y' "$f") $(md5sum <"$f" | cut -c1-32)"; done); }
one_line() { # FILE REGEX WHAT
  [ "$(wc -l <"$1")" -eq 1 ] || fail "$3: $(wc -l <"$1") stderr lines, expected 1: $(cat "$1")"
  grep -qE "$2" "$1" || fail "$3: stderr '$(cat "$1")' does not match '$2'"
}
h5_times() { /usr/bin/python3 -c "import h5py,sys; f=h5py.File(sys.argv[1],'r'); print(f['time'].shape[0], f.attrs['status'].decode())" "$1" 2>&1; }

# --- 1. two runs into one directory -------------------------------------
out=$tmp/shared
"$bin" --backend cpu run "$tmp/odour.toml" --threads 1 --checkpoint-every 10min --output "$out" \
  >"$tmp/first.log" 2>"$tmp/first.err" &
pid=$!
# Freeze the first run once its first checkpoint (after t = 600 s) is on
# disk: it then holds the lock and has NAME.h5 open mid-run.
for _ in $(seq 300); do
  [ -f "$out/odour.checkpoint" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.02
done
kill -STOP "$pid" 2>/dev/null || { cat "$tmp/first.err"; echo "FAIL: the first run ended early"; exit 1; }
[ -f "$out/odour.checkpoint" ] || fail "first run wrote no checkpoint"
listing "$out" >"$tmp/before"
run "$tmp/odour.toml" --output "$out" >"$tmp/second.log" 2>"$tmp/second.err"
rc=$?
[ "$rc" -ne 0 ] || fail "second run into a busy directory exited 0"
one_line "$tmp/second.err" "^airshed: error: output directory '$out' is in use by another airshed run \(pid $pid\)" \
  "second run"
run "$tmp/odour.toml" --output "$out" --resume >"$tmp/resume.log" 2>"$tmp/resume.err"
rc=$?
[ "$rc" -ne 0 ] || fail "--resume into a busy directory exited 0"
one_line "$tmp/resume.err" "^airshed: error: output directory '$out' is in use by another airshed run \(pid $pid\)" \
  "--resume"
listing "$out" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" || fail "the refused runs changed the directory: $(diff "$tmp/before" "$tmp/after")"
kill -CONT "$pid"
wait "$pid"
rc=$?
pid=""
[ "$rc" -eq 0 ] || fail "first run exited $rc: $(cat "$tmp/first.err")"
grep -q '"status": "complete"' "$out/run.json" || fail "first run's run.json: $(grep status "$out/run.json")"
[ "$(h5_times "$out/odour.h5")" = "7 complete" ] || fail "first run's odour.h5: $(h5_times "$out/odour.h5")"
/usr/bin/python3 "$here/check_outputs.py" "$out" || fail "first run's outputs are not readable"
# The lock is the kernel's: once the first run has ended, a run may go.
run "$tmp/short.toml" --output "$out" >"$tmp/third.log" 2>"$tmp/third.err" ||
  fail "a run after the first ended was refused: $(cat "$tmp/third.err")"

# --- 2. symbolic links in the output directory --------------------------
link_case() { # FILE-IN-OUTDIR
  local dir=$tmp/link-${1//\//_}
  echo "precious data" >"$tmp/sentinel"
  mkdir -p "$dir"
  ln -s "$tmp/sentinel" "$dir/$1"
  run "$tmp/odour.toml" --output "$dir" >"$dir.log" 2>"$dir.err"
  [ $? -ne 0 ] || fail "a link '$1' in the output directory was accepted"
  one_line "$dir.err" "^airshed: error: output directory '$dir' holds a symbolic link '$1'; airshed will not write through links" \
    "link $1"
  [ "$(cat "$tmp/sentinel")" = "precious data" ] || fail "link $1: the target outside was changed"
  [ -L "$dir/$1" ] || fail "link $1: the link itself was removed"
}
link_case receptors.csv
link_case odour.h5
link_case odour_000003.vtr
link_case .airshed.lock
# A link under the old fixed probe name is not airshed's: left alone, never
# written through (the probe has a fresh unique name).
dir=$tmp/link-probe
echo "precious data" >"$tmp/sentinel"
mkdir -p "$dir"
ln -s "$tmp/sentinel" "$dir/.airshed-write-test"
run "$tmp/short.toml" --output "$dir" >"$dir.log" 2>"$dir.err" || fail "probe-name link: run failed: $(cat "$dir.err")"
[ "$(cat "$tmp/sentinel")" = "precious data" ] || fail "the probe truncated a link's target"
# A link in place of a file airshed replaces by rename (run.json) would be
# harmless, but one rule for all its names is easier to trust.
dir=$tmp/link-json
echo "precious data" >"$tmp/sentinel"
mkdir -p "$dir"
ln -s "$tmp/sentinel" "$dir/run.json"
run "$tmp/short.toml" --output "$dir" >"$dir.log" 2>"$dir.err"
[ $? -ne 0 ] || fail "a link 'run.json' was accepted"
[ "$(cat "$tmp/sentinel")" = "precious data" ] || fail "link run.json: the target was changed"

# --- 3. a scenario's directory through a symbolic link ------------------
work=$tmp/work
mkdir -p "$work" "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$work/out"
sed -e 's|^directory = .*|directory = "out/case"|' "$tmp/short.toml" >"$work/s.toml"
grep -q '^directory = "out/case"' "$work/s.toml" || fail "could not set [output].directory"
(cd "$work" && "$bin" --backend cpu run s.toml --threads 1) >"$tmp/escape.log" 2>"$tmp/escape.err"
[ $? -ne 0 ] || fail "a scenario directory leading out through a link was accepted"
one_line "$tmp/escape.err" "^airshed: error: output directory 'out/case' leads to '[^']*/elsewhere/case', outside the working directory '[^']*/work'" \
  "escape"
[ -z "$(ls -A "$tmp/elsewhere")" ] || fail "escape: files were created outside: $(ls -A "$tmp/elsewhere")"
# The same directory given by the user (--output) is the user's choice.
(cd "$work" && "$bin" --backend cpu run s.toml --threads 1 --output out/case) >"$tmp/chosen.log" 2>&1 ||
  fail "--output through a link was refused: $(tail -1 "$tmp/chosen.log")"
[ -f "$tmp/elsewhere/case/run.json" ] || fail "--output through a link wrote no run.json"

# --- 4. a shorter rerun removes the longer run's extra files ------------
dir=$tmp/rerun
run "$tmp/odour.toml" --output "$dir" >"$tmp/long.log" 2>&1 || fail "long run failed"
[ -f "$dir/odour_000006.vtr" ] || fail "the 1 h run wrote no odour_000006.vtr"
echo "mine" >"$dir/notes.txt"
echo "mine" >"$dir/odour_notes.vtr"
echo "mine" >"$dir/other_000005.vtr"
echo "mine" >"$dir/.odour.pvd.tmp12345"  # a crashed run's temporary
run "$tmp/short.toml" --output "$dir" >"$tmp/rerun.log" 2>&1 || fail "short rerun failed"
vtr=$(cd "$dir" && ls odour_0*.vtr | tr '\n' ' ')
[ "$vtr" = "odour_000000.vtr odour_000001.vtr odour_000002.vtr odour_000003.vtr " ] ||
  fail "after the 30 min rerun: $vtr"
for f in notes.txt odour_notes.vtr other_000005.vtr; do
  [ "$(cat "$dir/$f" 2>/dev/null)" = "mine" ] || fail "the rerun removed or changed '$f', which airshed did not write"
done
[ -e "$dir/.odour.pvd.tmp12345" ] && fail "the stale temporary was left"
[ "$(grep -c 'file="odour_' "$dir/odour.pvd")" -eq 3 ] || fail "odour.pvd (t = 0 not listed) lists $(grep -c 'file=' "$dir/odour.pvd") files"
[ "$(h5_times "$dir/odour.h5")" = "4 complete" ] || fail "rerun odour.h5: $(h5_times "$dir/odour.h5")"
/usr/bin/python3 "$here/check_outputs.py" "$dir" || fail "rerun outputs are not readable"
# A rerun without receptors leaves no receptors.csv of the earlier run.
sed -e 's/^\[output\]/[output]\nreceptors = false/' "$tmp/short.toml" >"$tmp/norec.toml"
run "$tmp/norec.toml" --output "$dir" >"$tmp/norec.log" 2>&1 || fail "rerun without receptors failed: $(tail -1 "$tmp/norec.log")"
[ -e "$dir/receptors.csv" ] && fail "receptors.csv of the earlier run was left"
[ -e "$dir/receptor_summary.csv" ] && fail "receptor_summary.csv of the earlier run was left"

[ "$fails" -eq 0 ] && echo "output_dir_safety: passed"
[ "$fails" -eq 0 ]
