#!/usr/bin/env bash
# `airshed run` stopped by SIGTERM part-way, then `airshed run --resume`:
# exit 130 and "interrupted at t" first, a checkpoint left in the output
# directory, and after the resume every output identical, bit for bit, to an
# uninterrupted run of the same scenario (same backend and threads).
# Usage: resume_after_sigterm.sh AIRSHED_BINARY   (run from the repo root)
set -u
bin=$1
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The default scenario cut to 8 h: station met, 4 species, receptors.
cp -r scenarios/met "$tmp/met"
# 3-D fields every hour too (a scenario's default is ground fields only), so
# the VTK files and NAME.xmf are compared as well.
sed -e 's/^duration = "24h"/duration = "8h"/' -e '/^\[output\]/a fields_interval = "1h"' scenarios/default.toml >"$tmp/s.toml"
grep -q '^duration = "8h"' "$tmp/s.toml" || fail "could not shorten the default scenario"
run() { "$bin" --backend cpu run "$tmp/s.toml" --threads 2 "$@"; }

run --output "$tmp/whole" >"$tmp/whole.log" 2>&1 || { cat "$tmp/whole.log"; fail "reference run"; }

# Stop it once the 2 h output is written; it stops at the next output time.
# (the binary itself in the background, not a function: $! must be its PID)
"$bin" --backend cpu run "$tmp/s.toml" --threads 2 --output "$tmp/cut" >"$tmp/cut.log" 2>"$tmp/cut.err" &
pid=$!
until grep -qs "t=    7200 s" "$tmp/cut.log"; do
  kill -0 "$pid" 2>/dev/null || fail "run ended before the 2 h output"
  sleep 0.05
done
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
[ "$rc" -eq 130 ] || { cat "$tmp/cut.err"; fail "exit $rc after SIGTERM, expected 130"; }
grep -q "interrupted at t = " "$tmp/cut.err" || fail "no 'interrupted at t' on stderr"
grep -q 'interrupted at t = ' "$tmp/cut/run.json" || fail "run.json does not say interrupted"
[ -f "$tmp/cut/default.checkpoint" ] || fail "no checkpoint after SIGTERM"

run --output "$tmp/cut" --resume >"$tmp/resume.log" 2>&1 || { cat "$tmp/resume.log"; fail "resume"; }
grep -q "resumed at t = " "$tmp/resume.log" || fail "resume did not say where it resumed"
[ ! -e "$tmp/cut/default.checkpoint" ] || fail "a complete run left its checkpoint behind"

for f in receptors.csv receptor_summary.csv default.xmf default_ground.xmf default_statistics.xmf \
  default.pvd default_000008.vtr default_statistics.vti; do
  [ -f "$tmp/whole/$f" ] || fail "reference has no $f"
  cmp -s "$tmp/whole/$f" "$tmp/cut/$f" || fail "$f differs after resume"
done
# Every dataset of the HDF5 file, bit for bit (the files' bytes may differ:
# HDF5 may place chunks differently after a file is reopened).
/usr/bin/python3 - "$tmp/whole/default.h5" "$tmp/cut/default.h5" <<'PY' || fail "HDF5 datasets differ"
import sys, h5py, numpy as np
a, b = (h5py.File(p, "r") for p in sys.argv[1:3])
names = []
a.visit(lambda n: names.append(n) if isinstance(a[n], h5py.Dataset) else None)
assert len(names) > 10, names
for n in names:
    x, y = a[n][()], b[n][()]
    assert x.shape == y.shape and x.tobytes() == y.tobytes(), n
assert a["time"].shape == (9,), a["time"].shape
assert a.attrs["status"] == b.attrs["status"], (a.attrs["status"], b.attrs["status"])
print(f"{len(names)} datasets identical")
PY
echo "PASS: SIGTERM at 2-3 h, resumed, outputs identical"
