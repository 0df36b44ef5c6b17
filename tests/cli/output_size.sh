#!/usr/bin/env bash
# Outputs sized for a year (issue 14): the size formula of
# docs/output-format.md ("Output selection and size") against a real run's
# files. The default scenario (4 species, 40 x 40 x 16, hourly) for 6 h,
# first with the documented default selection (ground fields only), then
# with 3-D fields every 3 h on two layers of one species.
#   output_size.sh AIRSHED_BINARY   (run from the repo root)
set -u
bin=$1
repo=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$tmp" || exit 1
cp -r "$repo/scenarios/met" met
sed -e 's/^duration = "24h"/duration = "6h"/' "$repo/scenarios/default.toml" >s.toml
grep -q '^duration = "6h"' s.toml || fail "could not shorten the default scenario"
"$bin" run s.toml --output out --threads 1 >run.log 2>&1 || { cat run.log; fail "default run failed"; }
# The same with 3-D fields of SO2 on layers 0-1 every 3 h.
awk '{print} /^\[output\]/ {print "species = [\"SO2\"]\nfields_interval = \"3h\"\nlevels = [0, 1]"}' s.toml >f.toml
"$bin" run f.toml --output out3 --threads 1 >run3.log 2>&1 || { cat run3.log; fail "3-D run failed"; }
/usr/bin/python3 "$repo/tests/cli/check_size.py" out out3 || fail "sizes"
echo "output sizes as the formula says"
