#!/bin/bash
# `airshed batch --via-tags` (one tagged run + recombination) against the
# same batch run member by member (tests/cli/check_cuts.py says what is
# compared and the bounds), and `airshed cuts` on the tagged run giving the
# same numbers from --cut arguments and from a factor-set CSV. The base is
# default.toml on a 20 x 20 x 10 grid (400 m cells, the same sources,
# receptors and station met), 24 h so that daily means and percentiles
# exist, with thresholds that the receptors cross.
# With the second argument `upwind` the base has [domain] advection =
# "upwind" (first-order upwind, linear: docs/tagging.md): the run records
# linear = 1, nothing is labelled an estimate, and every member, partial
# cuts included, must match its brute-force rerun to float rounding.
# Usage: cuts_vs_batch.sh AIRSHED_EXE [upwind] (run from the repository root).
set -u
exe=$1
scheme=${2:-mc}
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

/usr/bin/python3 - "$root" "$tmp" "$scheme" <<'PY'
import sys
root, tmp, scheme = sys.argv[1], sys.argv[2], sys.argv[3]
s = open(f"{root}/scenarios/default.toml").read()
for old, new in [("cells = [40, 40]", "cells = [20, 20]"), ("count = 16", "count = 10"),
                 ('file = "met/tianjin_2026-01-15.csv"',
                  f'file = "{root}/scenarios/met/tianjin_2026-01-15.csv"'),
                 ('directory = "out/default"', 'directory = "out/cuts_e2e"\nhdf5 = false\nvtk = false')]:
    assert old in s, old
    s = s.replace(old, new)
if scheme == "upwind":
    assert "\n[domain]\n" in s
    s = s.replace("\n[domain]\n", '\n[domain]\nadvection = "upwind"\n')
s += '''
[[output.threshold]]
species = "PM2.5"
label = "pm 1h 1.5"
averaging = "1h"
value = 1.5

[[output.threshold]]
species = "PM2.5"
label = "pm 24h 1.5"
averaging = "24h"
value = 1.5

[[output.threshold]]
species = "NO2"
label = "no2 instant 30"
averaging = "instant"
value = 30.0
'''
open(f"{tmp}/base.toml", "w").write(s)
open(f"{tmp}/batch.toml", "w").write('''base = "base.toml"
name = "cuts_e2e"
[[variant]]
name = "all-70"
description = "every source -30 %: exact by homogeneity"
scale_group = { steel = 0.7, coke = 0.7, traffic = 0.7, agriculture = 0.7 }
[[variant]]
name = "steel-30"
scale_group = { steel = 0.7 }
[[variant]]
name = "no-diesel-trucks"
scale_source = { "port-truck-road" = 0.0 }
[[variant]]
name = "both"
scale_group = { steel = 0.7 }
scale_source = { "port-truck-road" = 0.5 }
''')
PY

"$exe" batch "$tmp/batch.toml" --via-tags --output "$tmp/tags" --threads 2 > "$tmp/tags.log" 2>&1 ||
  { cat "$tmp/tags.log"; fail "batch --via-tags failed"; }
grep -q "^batch: summary via tags: 5 members recombined from one tagged run (7 tags)" "$tmp/tags.log" ||
  fail "the --via-tags summary does not say which path it took"
head -1 "$tmp/tags/summary.csv" | grep -q ",method$" || fail "summary.csv has no method column"
# The run's own word on linearity decides the label, either way.
linear=$(/usr/bin/python3 -c "import h5py, sys; print(int(h5py.File(sys.argv[1], 'r').attrs.get('linear', 1)))" \
  "$tmp/tags/@tags/contributions.h5") || fail "cannot read contributions.h5"
if [ "$scheme" = upwind ] && [ "$linear" -ne 1 ]; then
  fail "a run with upwind advection and no chemistry is not recorded linear"
fi
if [ "$linear" -eq 0 ]; then
  grep -q "^batch: summary via tags: .*; estimate (non-linear processes present)$" "$tmp/tags.log" ||
    fail "a run with non-linear processes is not labelled an estimate"
  grep -q ',"tags, estimate (non-linear processes present)"$' "$tmp/tags/summary.csv" ||
    fail "summary.csv's method does not say estimate"
else
  ! grep -q "estimate" "$tmp/tags.log" || fail "a linear run labelled an estimate"
fi
"$exe" batch "$tmp/batch.toml" --output "$tmp/brute" --jobs 2 --threads 1 > "$tmp/brute.log" 2>&1 ||
  { cat "$tmp/brute.log"; fail "brute-force batch failed"; }
grep -q "^batch: summary from one run per member$" "$tmp/brute.log" ||
  fail "the brute-force summary does not say which path it took"
exact=baseline,all-70
[ "$scheme" = upwind ] && exact=baseline,all-70,steel-30,no-diesel-trucks,both
/usr/bin/python3 "$root/tests/cli/check_cuts.py" "$tmp/tags" "$tmp/brute" "$exact" ||
  fail "cuts and the brute-force members disagree"

# The same scenarios through `airshed cuts`: --cut and a CSV row give the
# batch summary's numbers (the same code, so the same digits).
"$exe" cuts "$tmp/tags/@tags" --cut steel=0.3 --cut source:port-truck-road=0.5 --name both \
  --csv "$tmp/cut.csv" > "$tmp/cut.log" 2>&1 || { cat "$tmp/cut.log"; fail "cuts --cut failed"; }
printf 'scenario,group:steel,port-truck-road\n# a comment\nboth,0.3,0.5\n' > "$tmp/sets.csv"
"$exe" cuts "$tmp/tags/@tags" --cuts "$tmp/sets.csv" --csv "$tmp/rows.csv" --quiet > /dev/null ||
  fail "cuts --cuts failed"
for f in cut rows; do
  diff <(grep '^both,' "$tmp/$f.csv") <(grep '^both,' "$tmp/tags/summary.csv") > /dev/null ||
    fail "cuts ($f.csv) and batch --via-tags give different numbers for 'both'"
done
grep -q "^both  *village-southeast  *PM2.5 " "$tmp/cut.log" || fail "cuts printed no table row"
echo "cuts_vs_batch: ok"
