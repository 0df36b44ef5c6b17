#!/usr/bin/env bash
# `airshed export` refuses bad requests with one line naming what exists,
# a non-zero exit and nothing written under OUTDIR/export/.
# Usage: export_errors.sh AIRSHED_BINARY   (run from the repo root)
set -u
bin=$1
repo=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$tmp" || exit 1
cp -r "$repo/scenarios/met" met
sed -e 's/^duration = "24h"/duration = "3h"/' "$repo/scenarios/default.toml" >s.toml
grep -q '^duration = "3h"' s.toml || fail "could not shorten the default scenario"
"$bin" run s.toml --output out --quiet --threads 1 >run.log 2>&1 || fail "run failed: $(cat run.log)"
# expect_error PATTERN ARGS...: exit non-zero, one stderr line matching PATTERN.
expect_error() {
  local pattern=$1
  shift
  "$bin" export "$@" >out.txt 2>err.txt && fail "export $* succeeded"
  [ "$(wc -l <err.txt)" -eq 1 ] || fail "export $*: not one line: $(cat err.txt)"
  grep -q -- "$pattern" err.txt || fail "export $*: '$(cat err.txt)' lacks '$pattern'"
}
expect_error "no species 'PM10' (species: NH3, NO2, PM2.5, SO2)" out --field PM10
expect_error "no statistic 'max_weekly' of PM2.5 (statistics: .*max_hourly_mean" out --field PM2.5:max_weekly
expect_error "'x' is not a number" out --field PM2.5 --contours 10,x
expect_error "a level is given twice" out --field PM2.5 --contours 10,10
expect_error "expected levels" out --field PM2.5 --contours 10,
expect_error "need --contours" out --field PM2.5 --geojson
expect_error "not an output time" out --field PM2.5 --time 2026-01-15T00:30
expect_error "index out of range 0..3" out --field PM2.5 --time 9
expect_error "no NAME.h5" met --field PM2.5
expect_error "no such directory" nowhere --field PM2.5
[ ! -e out/export ] || [ -z "$(ls -A out/export)" ] || fail "files left after errors: $(ls out/export)"
# A write that fails (the target is a directory) leaves no temporary behind.
mkdir -p out/export/SO2_max_hourly_mean.tif
"$bin" export out --field SO2:max_hourly_mean >out.txt 2>err.txt && fail "export over a directory succeeded"
[ "$(wc -l <err.txt)" -eq 1 ] || fail "not one line: $(cat err.txt)"
[ "$(ls -A out/export)" = "SO2_max_hourly_mean.tif" ] || fail "partial files: $(ls -A out/export)"
echo "export errors: one line each, nothing written"
