#!/bin/bash
# `airshed cuts` and `airshed batch --via-tags` on bad input: one line naming
# the file and line, the argument or the tag, exit status 2, no CSV written.
# The contributions file is a real tagged run of a 3 h, 10 x 10 x 6 slice
# of default.toml (a few seconds).
# Usage: cuts_bad_input.sh AIRSHED_EXE (run from the repository root).
set -u
exe=$1
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

sed -e 's/^cells = \[40, 40\].*/cells = [10, 10]/' -e 's/^count = 16/count = 6/' \
    -e 's/^duration = "24h"/duration = "3h"/' \
    -e "s|file = \"met/|file = \"$root/scenarios/met/|" \
    -e 's|^directory = "out/default"|directory = "out/cuts_bad"\nhdf5 = false\nvtk = false|' \
    scenarios/default.toml > "$tmp/base.toml"
cat >> "$tmp/base.toml" <<'T'

[[tag]]
name = "steel"
groups = ["steel"]

[[tag]]
name = "trucks"
sources = ["port-truck-road"]
T
"$exe" run "$tmp/base.toml" --output "$tmp/run" > "$tmp/run.log" 2>&1 ||
  { cat "$tmp/run.log"; fail "the tagged run failed"; }

# expect STATUS LINE-PATTERN ARGS...: stderr is exactly one line matching it.
expect() {
  local want=$1 pattern=$2
  shift 2
  "$exe" cuts "$@" > "$tmp/out" 2> "$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || { cat "$tmp/err"; fail "cuts $*: exit $got, expected $want"; }
  [ "$(wc -l < "$tmp/err")" -eq 1 ] || { cat "$tmp/err"; fail "cuts $*: not one line on stderr"; }
  grep -qE "$pattern" "$tmp/err" || { cat "$tmp/err"; fail "cuts $*: message does not match '$pattern'"; }
  [ ! -e "$tmp/o.csv" ] || fail "cuts $*: wrote a CSV despite the error"
}
expect 2 "^airshed: error: --cut 'coke=0.3': unknown tag 'coke'; allowed: steel, trucks, other, background" \
  "$tmp/run" --cut coke=0.3 --csv "$tmp/o.csv"
expect 2 "^airshed: error: --cut 'steel=1.5': fraction '1.5' is not valid; allowed: a cut fraction in \[-999999, 1\]" \
  "$tmp/run" --cut steel=1.5 --csv "$tmp/o.csv"
expect 2 "^airshed: error: --cut 'source:steel=0.2': tag 'steel' selects 'groups=steel', not by source$" \
  "$tmp/run" --cut source:steel=0.2
printf 'scenario,steel,trucks\nok,0.1,0.2\nshort,0.3\n' > "$tmp/bad.csv"
expect 2 "^$tmp/bad.csv:3: row: has 2 cells; allowed: 3 as the header$" \
  "$tmp/run" --cuts "$tmp/bad.csv" --csv "$tmp/o.csv"
printf 'scenario,steel\nok,x\n' > "$tmp/bad.csv"
expect 2 "^$tmp/bad.csv:2: column 'steel': 'x' is not a valid cut" "$tmp/run" --cuts "$tmp/bad.csv"
printf 'scenario,steel,cement\n' > "$tmp/bad.csv"
expect 2 "^$tmp/bad.csv:1: column 'cement': unknown tag 'cement'" "$tmp/run" --cuts "$tmp/bad.csv"
printf 'enterprise,yellow,orange,red\nsteel,0.1,0.2,1.3\n' > "$tmp/list.csv"
expect 2 "^$tmp/list.csv:2: column 'red': '1.3' is not a valid cut" "$tmp/run" --emergency "$tmp/list.csv"
expect 2 "^airshed: error: cuts: no scenario; give --cut" "$tmp/run"
expect 2 "^airshed: error: $tmp/nowhere/contributions.h5: does not exist" "$tmp/nowhere" --cut steel=0.1

# A good emergency check: one table per level, targets from the guidance.
printf 'enterprise,yellow,orange,red\nsteel,0.2,0.4,0.6\ntrucks,0,0.5,1\n' > "$tmp/list.csv"
"$exe" cuts "$tmp/run" --emergency "$tmp/list.csv" --level orange > "$tmp/out" 2> "$tmp/err" ||
  { cat "$tmp/err"; fail "the emergency check failed"; }
grep -q "^emission cuts at the orange level" "$tmp/out" || fail "no emission-cut table"
grep -qE "^SO2 +SO2 .* >= 20 % +(met|NOT MET)$" "$tmp/out" || { cat "$tmp/out"; fail "no SO2 verdict"; }
grep -qE "^NH3 +- .* no target$" "$tmp/out" || fail "NH3 should have no target"
grep -q "^emergency-orange  *village-southeast  *SO2 " "$tmp/out" || fail "no station rows"

# --via-tags refuses what one tagged run cannot answer.
printf 'base = "base.toml"\n[[variant]]\nname = "wet"\nscale_species = { SO2 = 0.5 }\n' > "$tmp/b.toml"
"$exe" batch "$tmp/b.toml" --via-tags --output "$tmp/bo" > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] || fail "--via-tags with scale_species: expected exit 2"
grep -q "^airshed: error: --via-tags: $tmp/b.toml: member 'wet' sets scale_species; only emission scalings" "$tmp/err" ||
  { cat "$tmp/err"; fail "--via-tags refusal does not say why"; }
echo "cuts_bad_input: ok"
