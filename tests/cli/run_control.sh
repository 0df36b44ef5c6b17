#!/usr/bin/env bash
# Run control (issue 19): --threads is capped, empty --output and
# --checkpoint-every are refused, the thread count and OpenMP wait policy
# are in the first lines and run.json (and the policy really reaches
# libgomp: it is in the process's initial environment), a resume with an
# edited met file or a missing / damaged NAME.h5 is refused in one line
# leaving run.json "interrupted", a grid too big for the memory and an
# output volume past the free disk are refused in one line, and every run
# says how much it will write.
# Usage: run_control.sh AIRSHED_BINARY   (run from the repo root)
set -u
bin=$1
repo=$(pwd)
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fails=0
fail() { fails=$((fails + 1)); echo "FAIL: $*"; }
# one_line FILE PATTERN: FILE is exactly one line and matches the ERE.
one_line() {
  [ "$(wc -l <"$1")" -eq 1 ] && grep -qE "$2" "$1" || fail "expected one line /$2/, got: $(cat "$1")"
}
# Runs from inside $tmp, so an option that was ignored could not write into
# the repository's out/ directory.
cd "$tmp" || exit 1
cp -r "$repo/scenarios/met" met
# The default scenario cut to 2 h on 20 x 20 columns: station met, 4
# species, 2 receptors, 3 output times, a few seconds.
sed -e 's/^duration = "24h"/duration = "2h"/' -e 's/^cells = \[40, 40\]/cells = [20, 20]/' \
  "$repo/scenarios/default.toml" >s.toml
grep -q '^cells = \[20, 20\]' s.toml && grep -q '^duration = "2h"' s.toml ||
  { echo "FAIL: could not shorten the default scenario"; exit 1; }

# --- --threads past the cap: one line naming the flag and the range (was SIGSEGV).
for n in 100000 1025 -1; do
  "$bin" run s.toml --threads "$n" --output o_threads >out.txt 2>err.txt
  rc=$?
  [ "$rc" -eq 2 ] || fail "--threads $n: exit $rc, expected 2"
  one_line err.txt "^airshed: --threads: .*0 to 1024"
done
[ ! -e o_threads ] || fail "a refused --threads created the output directory"

# --- empty option values are refused, not silently dropped.
"$bin" run s.toml --output "" >out.txt 2>err.txt
rc=$?
[ "$rc" -eq 2 ] || fail "--output '': exit $rc, expected 2"
one_line err.txt "^airshed: --output: must not be empty"
"$bin" run s.toml --output o_empty --checkpoint-every "" >out.txt 2>err.txt
rc=$?
[ "$rc" -eq 2 ] || fail "--checkpoint-every '': exit $rc, expected 2"
one_line err.txt "^airshed: --checkpoint-every: must not be empty"
[ ! -e out ] && [ ! -e o_empty ] || fail "a refused option still wrote outputs"

# --- an interrupted run: SIGTERM once t = 0 is out stops it after the
# current Strang pair (docs/robustness.md), usually inside the first hour.
# Without OMP_WAIT_POLICY (tools/test exports one): the binary's own default.
env -u OMP_WAIT_POLICY "$bin" --backend cpu run s.toml --threads 2 --output cut >cut.log 2>cut.err &
pid=$!
until grep -qs "t=       0 s" cut.log; do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
environ=$(tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null)
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
[ "$rc" -eq 130 ] || { cat cut.err; fail "exit $rc after SIGTERM, expected 130"; }
# libgomp reads OMP_WAIT_POLICY when it is loaded, so it must be in the
# environment the process image started with (setenv in main() is too late).
grep -qx "OMP_WAIT_POLICY=passive" <<<"$environ" || fail "OMP_WAIT_POLICY=passive not in the process's initial environment"
sed -n 2p cut.log | grep -qE '^threads: 2 \(--threads 2; default: all [0-9]+ hardware threads; OMP_WAIT_POLICY=passive\)$' ||
  fail "second line: $(sed -n 2p cut.log)"
grep -q '"threads": 2,' cut/run.json || fail "run.json has no \"threads\": 2"
grep -q '"omp_wait_policy": "passive",' cut/run.json || fail "run.json has no omp_wait_policy passive"
# The output-volume note: 3 output times of 4 species on 20 x 20 x 16 cells
# with the default selection (ground fields only; was 3-D fields at every
# output time, 319 KiB and VTK 300 KiB): HDF5 3 x 4 x 400 x 4 B + 3 x 8 B
# = 18.8 KiB before compression, no VTK files.
grep -qE '^note: the outputs will take about [0-9.]+ KiB \(3 output times: HDF5 18.8 KiB, VTK 0 B, receptors [0-9.]+ KiB; before compression\), .* free in cut$' cut.log ||
  fail "no output-volume note: $(grep '^note' cut.log)"
grep -qE 'interrupted at t = [0-9.]+ s' cut/run.json || fail "run.json: $(grep status cut/run.json)"
[ -f cut/default.checkpoint ] || fail "no checkpoint after SIGTERM"
cp cut/run.json interrupted.json

# resume_refused NAME PATTERN: `--resume` in the copy NAME exits 1 with one
# stderr line matching PATTERN, no HDF5 diagnostics, run.json untouched.
resume_refused() {
  "$bin" --backend cpu run s.toml --threads 2 --output "$1" --resume >"$1.out" 2>"$1.err"
  local rc=$?
  [ "$rc" -eq 1 ] || fail "$1: exit $rc, expected 1"
  one_line "$1.err" "$2"
  ! grep -q "HDF5-DIAG" "$1.out" "$1.err" || fail "$1: HDF5 diagnostics printed"
  cmp -s interrupted.json "$1/run.json" || fail "$1: run.json changed: $(grep status "$1/run.json")"
}

# --- the met file edited since the checkpoint (one wind speed): refused, naming it.
cp -r cut c_met
cp met/tianjin_2026-01-15.csv met.orig
sed -i -E '0,/^2026-01-15T01:00,/s/^(2026-01-15T01:00,)[0-9.]+,/\19.9,/' met/tianjin_2026-01-15.csv
cmp -s met.orig met/tianjin_2026-01-15.csv && fail "could not edit the met file"
resume_refused c_met "^airshed: error: cannot resume from 'c_met/default.checkpoint': the met station file '[^']*met/tianjin_2026-01-15.csv' has changed since it was written; run without --resume to start again$"
cp met.orig met/tianjin_2026-01-15.csv

# --- NAME.h5 deleted, then cut short, then not HDF5 at all.
cp -r cut c_gone
rm c_gone/default.h5
resume_refused c_gone "^airshed: error: cannot resume: c_gone/default.h5 is missing; run without --resume to start again$"
cp -r cut c_short
head -c 3000 cut/default.h5 >c_short/default.h5
resume_refused c_short "^airshed: error: cannot resume: c_short/default.h5 is damaged .*; run without --resume to start again$"
cp -r cut c_junk
echo "not an HDF5 file" >c_junk/default.h5
resume_refused c_junk "^airshed: error: cannot resume: c_junk/default.h5 is damaged .*; run without --resume to start again$"

# --- the untouched copy still resumes, under the user's own wait policy.
OMP_WAIT_POLICY=active "$bin" --backend cpu run s.toml --threads 2 --output cut --resume >resume.log 2>&1 ||
  { cat resume.log; fail "resume of the untouched copy"; }
grep -q '"status": "complete"' cut/run.json || fail "resumed run.json: $(grep status cut/run.json)"
grep -q '"omp_wait_policy": "active",' cut/run.json || fail "the user's OMP_WAIT_POLICY=active was not kept"
grep -q "OMP_WAIT_POLICY=active)" resume.log || fail "threads line: $(grep '^threads' resume.log)"
# What is left: the output times after the checkpoint's (1 or 2 of the 2 h,
# depending on where in the run the signal landed).
grep -qE '^note: the outputs will take about .*\([12] output times?: ' resume.log ||
  fail "resume note: $(grep '^note' resume.log)"

# --- a 4096 x 4096 x 128 grid (2^31 cells, ~700 GiB with 4 species): refused
# in one line with the numbers, before allocating or creating anything.
sed -e 's/^cells = \[20, 20\]/cells = [4096, 4096]/' -e 's/^count = 16$/count = 128/' \
  -e 's/^stretch = 1.2$/stretch = 1.0/' s.toml >big.toml
grep -q '^count = 128' big.toml || fail "could not enlarge the grid"
"$bin" --backend cpu run big.toml --output o_big >out.txt 2>err.txt
rc=$?
[ "$rc" -eq 1 ] || fail "huge grid: exit $rc, expected 1"
one_line err.txt "^airshed: error: scenario 'default' \(big.toml\): the 4096 x 4096 x 128 grid with 4 species needs [0-9.]+ GiB of memory \(solver [0-9.]+ GiB, .*\), this machine has [0-9.]+ [KMGT]iB available; use fewer cells"
[ ! -e o_big ] || fail "the refused grid created its output directory"

# --- a year of 1 s output times (31.6 million) on 200 x 200 x 16 cells: about
# 100 TiB; refused against the free disk in one line saying how to proceed.
cat >year.toml <<'EOF'
[scenario]
name = "year"
start = "2026-01-01T00:00:00+08:00"
duration = "366d"
output_interval = "1s"

[domain]
origin = { lon = 117.7, lat = 39.0 }
size = [20000.0, 20000.0]
cells = [200, 200]

[domain.levels]
count = 16
first_layer = 20.0
stretch = 1.2

[[species]]
name = "SO2"
units = "ug/m3"

[met]
kind = "uniform"
speed = 3.0
direction = 270.0
stability = "D"
mixing_height = 800.0

[output]
directory = "o_year"
EOF
"$bin" --backend cpu run year.toml >out.txt 2>err.txt
rc=$?
[ "$rc" -eq 1 ] || fail "a year of 1 s outputs: exit $rc, expected 1"
one_line err.txt "^airshed: error: scenario 'year' \(year.toml\): the outputs need about [0-9.]+ [TP]iB \(31622401 output times before compression\), only [0-9.]+ [KMGT]iB is free in 'o_year'; lengthen output_interval"
[ ! -e o_year ] || fail "the refused run created its output directory"

# --- the same against a real small disk (root only: a 400 KiB tmpfs): the
# 1 h odour case needs ~2 MiB, refused up front instead of failing mid-run.
mounted=
if [ "$(id -u)" -eq 0 ] && mkdir disk && mount -t tmpfs -o size=400k airshed-rc disk 2>/dev/null; then
  mounted=$tmp/disk
  trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$mounted" ] && umount "$mounted"; rm -rf "$tmp"' EXIT
  # with 3-D fields every output (a scenario's default is ground fields only)
  sed -e 's/^duration = .*/duration = "1h"/' -e '/^\[output\]/a fields_interval = "10min"' \
    "$repo/scenarios/odour.toml" >odour.toml
  "$bin" run odour.toml --threads 1 --output disk/out >out.txt 2>err.txt
  rc=$?
  [ "$rc" -eq 1 ] || fail "400 KiB disk: exit $rc, expected 1"
  one_line err.txt "the outputs need about [0-9.]+ MiB .*, only [0-9.]+ KiB is free in 'disk/out'; .*--no-space-check$"
  [ ! -e disk/out ] || fail "the refused run created its output directory"
else
  echo "note: no tmpfs (needs root): the small-disk refusal not tried"
fi

[ "$fails" -eq 0 ] && echo "PASS: run control" || exit 1
