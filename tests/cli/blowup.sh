#!/usr/bin/env bash
# The blow-up guard end to end (docs/robustness.md), through the real CLI
# with a NaN injected before step 200 (tests/cli/nan_injected_main.cpp):
# exit status 1, one stderr line naming step 200, the species and a cell
# next to the injected one (20, 30, 0), run.json "failed" with the same
# record, and every output up to the last good time (600 s) readable.
# Usage: blowup.sh AIRSHED_NAN_INJECTED_BINARY
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { fails=$((fails + 1)); echo "FAIL: $*"; }

# 3-D fields at every output time (a scenario's default is ground fields only)
sed -e 's/^duration = .*/duration = "1h"/' -e '/^\[output\]/a fields_interval = "10min"' scenarios/odour.toml >"$tmp/odour.toml"
"$bin" run "$tmp/odour.toml" --backend cpu --output "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
cat "$tmp/stderr"
[ "$rc" -eq 1 ] || fail "exit status $rc, expected 1"
[ "$(wc -l <"$tmp/stderr")" -eq 1 ] || fail "expected one stderr line"
re="^airshed: error: numerical blow-up at step 200 \(t = [0-9.]+ s\): species 'odour' is NaN in cell i=(18|19|20|21|22), j=(28|29|30|31|32), k=0; last output time written: t = 600 s$"
grep -qE "$re" "$tmp/stderr" || fail "stderr does not name step 200, species, cell, last output"
/usr/bin/python3 - "$tmp/out" <<'PY' || fail "run.json / odour.h5 do not record the failure"
import json, sys, h5py
out = sys.argv[1]
run = json.load(open(out + "/run.json"))
f = run["failure"]
bad = f["invalid_value"]
assert run["status"] == "failed", run["status"]
assert f["last_output_s"] == 600 and f["steps"] == 200, f
assert bad["step"] == 200 and bad["species"] == "odour" and bad["kind"] == "NaN", bad
# Within one step a NaN reaches the cells whose face fluxes read it: the
# MUSCL slope at i-1 reads c[i], so the flux at i-3/2 and cell i-2 (same in j).
assert abs(bad["i"] - 20) <= 2 and abs(bad["j"] - 30) <= 2 and bad["k"] == 0, bad
h5 = h5py.File(out + "/odour.h5", "r")
assert h5.attrs["status"] == b"failed", h5.attrs["status"]
assert list(h5["time"][:]) == [0.0, 600.0], h5["time"][:]
import numpy
assert numpy.isfinite(h5["odour"][...]).all() and (h5["odour"][...] >= 0).all()
PY
/usr/bin/python3 "$here/check_outputs.py" "$tmp/out" failed || fail "outputs claim more than is on disk"
[ "$fails" -eq 0 ] && echo "blowup: passed"
[ "$fails" -eq 0 ]
