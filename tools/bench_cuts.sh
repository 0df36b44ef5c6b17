#!/bin/bash
# Benchmark of `airshed cuts` (docs/performance.md, "Emission cuts from
# tags"): 1,000 factor sets on a 24 h tagged run of default.toml (40 x 40 x
# 16, 200 m cells) with 10 receptors, receptor statistics and ground maps
# (--ground-csv). Prints the tagged run's and the cuts call's wall time.
# Usage: tools/bench_cuts.sh [AIRSHED_EXE] (default build-cpu/airshed), from
# the repository root. Not part of the test suite.
set -eu
exe=${1:-build-cpu/airshed}
root=$PWD
tmp=${BENCH_CUTS_DIR:-$(mktemp -d)}
sed -e "s|file = \"met/|file = \"$root/scenarios/met/|" \
    -e 's|^directory = "out/default"|directory = "out/bench_cuts"\nhdf5 = false\nvtk = false|' \
    scenarios/default.toml > "$tmp/base.toml"
{
  # 8 more receptors (10 in all) on a ring around the works.
  for k in 0 1 2 3 4 5 6 7; do
    /usr/bin/python3 -c "import math; a=$k*math.pi/4; print(f'''
[[receptor]]
name = \"ring-$k\"
position = {{ x = {4000+2500*math.cos(a):.1f}, y = {4000+2500*math.sin(a):.1f} }}
height = 1.5''')"
  done
  cat <<'T'

[[tag]]
name = "steel"
groups = ["steel"]

[[tag]]
name = "coke"
groups = ["coke"]

[[tag]]
name = "trucks"
sources = ["port-truck-road"]

[[tag]]
name = "agriculture"
groups = ["agriculture"]
T
} >> "$tmp/base.toml"
if [ ! -e "$tmp/run/contributions.h5" ]; then
  t0=$(date +%s.%N)
  "$exe" run "$tmp/base.toml" --output "$tmp/run" > "$tmp/run.log"
  echo "tagged run (24 h, 6 tags, 10 receptors): $(echo "$(date +%s.%N) - $t0" | bc) s wall"
fi
/usr/bin/python3 - "$tmp/sets.csv" <<'PY'
import random, sys
random.seed(15)
with open(sys.argv[1], "w") as f:
    f.write("scenario,steel,coke,trucks,agriculture\n")
    for i in range(1000):
        f.write(f"s{i}," + ",".join(f"{random.uniform(0, 1):.3f}" for _ in range(4)) + "\n")
PY
t0=$(date +%s.%N)
"$exe" cuts "$tmp/run" --cuts "$tmp/sets.csv" --csv "$tmp/cuts.csv" --ground-csv "$tmp/ground.csv" \
  --quiet > "$tmp/cuts.log"
t1=$(date +%s.%N)
echo "cuts: 1000 factor sets, receptors and ground maps: $(echo "$t1 - $t0" | bc) s wall" \
     "($(wc -l < "$tmp/cuts.csv") CSV rows, $(wc -l < "$tmp/ground.csv") ground rows)"
/usr/bin/time -v "$exe" cuts "$tmp/run" --cuts "$tmp/sets.csv" --csv "$tmp/cuts.csv" --quiet \
  2>&1 >/dev/null | grep -E "Elapsed|Maximum resident" | sed 's/^\s*/receptors only: /'
