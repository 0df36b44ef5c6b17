#!/usr/bin/env bash
# Maximum 1-h ground-level concentration within 3 km downwind of a 100 m
# buoyant stack at 100 m and 1 km cells (issue 17; docs/numerics.md,
# "Plume-in-grid"). Usage: tools/grid_independence/run.sh BUILD_DIR WORK_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd) work=$2
mkdir -p "$work"
cd "$work"  # output directories are relative to the working directory
receptors=""
# Ground receptors (1.5 m) on the plume's centreline every 100 m from 100 m to 3 km.
for d in $(seq 100 100 3000); do
  receptors+=$'[[receptor]]\n'"name = \"x$d\""$'\n'"position = { x = $((2050 + d)).0, y = 3050.0 }"$'\n'"height = 1.5"$'\n\n'
done
for cell in 100 1000; do
  f="stack_100m_${cell}m.toml"
  RECEPTORS="$receptors" CELL=$cell NX=$((12000 / cell)) NY=$((6000 / cell)) \
    OUTDIR="out_${cell}m" python3 - "$here/stack_100m.toml.in" "$f" <<'PY'
import os, sys
s = open(sys.argv[1]).read()
for k in ("CELL", "NX", "NY", "OUTDIR", "RECEPTORS"):
    s = s.replace(k, os.environ[k])
open(sys.argv[2], "w").write(s)
PY
  rm -rf "out_${cell}m"
  "$build/airshed" run "$f" > "log_${cell}m.txt" 2>&1
  python3 - "out_${cell}m/receptor_summary.csv" "$cell" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]))
        if r["statistic"] == "max_hourly_mean" and r["value"]]
best = max(rows, key=lambda r: float(r["value"]))
print(f"{sys.argv[2]} m cells: max 1-h ground concentration within 3 km = "
      f"{float(best['value']):.4g} {best['units']} at {best['receptor']}")
PY
done
