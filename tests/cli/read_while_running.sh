#!/usr/bin/env bash
# The HDF5 output is readable while a run writes it (issue 14): xarray
# (h5netcdf) and h5py open NAME.h5 between output times, see whole output
# times only (every listed time has its fields), and the run finishes
# undisturbed. Was: "unable to lock file" unless HDF5_USE_FILE_LOCKING=FALSE.
# Usage: read_while_running.sh AIRSHED_BINARY   (run from the repo root)
set -u
bin=$1
repo=$(pwd)
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$tmp" || exit 1
cp -r "$repo/scenarios/met" met
# The default scenario, 12 h, on 80 x 80 columns of 100 m: a few seconds per output hour.
sed -e 's/^duration = "24h"/duration = "12h"/' -e 's/^cells = \[40, 40\]/cells = [80, 80]/' \
  "$repo/scenarios/default.toml" >s.toml
grep -q '^cells = \[80, 80\]' s.toml || fail "could not enlarge the default scenario"
env -u HDF5_USE_FILE_LOCKING "$bin" run s.toml --output out --threads 1 >run.log 2>&1 &
pid=$!
reads=0
for attempt in $(seq 1 600); do
  kill -0 "$pid" 2>/dev/null || break
  if grep -qs " t=    3600 s" run.log; then
    env -u HDF5_USE_FILE_LOCKING /usr/bin/python3 - out/default.h5 <<'PY' >>reads.log 2>&1 && reads=$((reads + 1))
import sys, numpy as np, xarray as xr, h5py
with xr.open_dataset(sys.argv[1], engine="h5netcdf") as d:
    n = d.sizes["time"]
    assert n >= 2, n
    g = d["SO2_ground"].isel(time=n - 1).values
    assert np.isfinite(g).all() and g.max() > 0, "last listed time has no field"
    assert d["lat"].shape == g.shape
with h5py.File(sys.argv[1], "r") as f:
    assert f["SO2_ground"].shape[0] >= n  # ground fields only: the default selection
print("read", n, "times")
PY
    [ "$reads" -ge 3 ] && break
  fi
  sleep 0.5
done
wait "$pid"
rc=$?
pid=
[ "$rc" -eq 0 ] || fail "the run failed (exit $rc): $(tail -3 run.log)"
[ "$reads" -ge 3 ] || fail "only $reads reads succeeded while the run wrote: $(tail -5 reads.log)"
grep -q '"status": "complete"' out/run.json || fail "run.json: $(grep status out/run.json)"
grep -q "unable to lock" reads.log && fail "a reader hit HDF5's file lock"
echo "read while running: $reads reads during the run ($(tail -1 reads.log)); run complete"
